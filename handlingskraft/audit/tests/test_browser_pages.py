"""The history pages in a real browser: axe-core finds no WCAG 2.1 A/AA
violations, and the strict Content Security Policy blocks nothing on them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as
from handlingskraft.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_history_pages_have_no_accessibility_violations(
    browser_page: Any, live_server: Any, world: World
) -> None:
    world.activity.description = "Informera alla föräldrar."
    world.activity._history_user = world.users["coordinator"]  # type: ignore[attr-defined]
    world.activity.save()
    blocked: list[str] = []

    def note_policy_violation(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    browser_page.on("console", note_policy_violation)
    log_in_as(browser_page, world.users["coordinator"], live_server.url)
    org_slug = world.organization.slug
    pages = [
        reverse("audit:organization_log", kwargs={"org_slug": org_slug}),
        reverse(
            "audit:object_history",
            kwargs={"org_slug": org_slug, "kind": "activity", "pk": world.activity.pk},
        ),
    ]
    for url in pages:
        browser_page.goto(url)
        assert browser_page.locator("h1").count() == 1
        assert browser_page.locator("caption").count() == 1
        assert axe_violations(browser_page) == [], url
    assert blocked == []
