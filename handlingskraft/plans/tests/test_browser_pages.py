"""The plan pages in a real browser: axe-core finds no WCAG 2.1 A/AA violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.accounts.models import Membership, Role
from handlingskraft.browser_testing import axe_violations, log_in_as
from handlingskraft.conftest import make_user
from handlingskraft.plans.models import Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def botkyrka() -> Plan:
    return plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))


def test_the_botkyrka_plan_page_has_no_accessibility_violations(
    browser_page: Any, live_server: Any, botkyrka: Plan
) -> None:
    coordinator = make_user("samordnare")
    Membership.objects.create(
        user=coordinator, organization=botkyrka.organization, role=Role.COORDINATOR
    )
    log_in_as(browser_page, coordinator, live_server.url)
    pages = [
        reverse("plans:organization_list"),
        reverse(
            "plans:plan_detail",
            kwargs={"org_slug": botkyrka.organization.slug, "plan_slug": botkyrka.slug},
        ),
    ]
    for url in pages:
        browser_page.goto(url)
        assert browser_page.locator("h1").count() == 1
        assert axe_violations(browser_page) == [], url
    assert browser_page.title().startswith(botkyrka.title)
    assert browser_page.locator("section.goal").count() == 4
