"""Revising a plan and reading the comparison, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.accounts.models import Membership, Role
from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import make_user
from handlingskraft.plans.models import Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_revises_the_botkyrka_plan_and_reads_the_comparison(
    browser_page: Any, live_server: Any
) -> None:
    plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    coordinator = make_user("samordnare")
    Membership.objects.create(
        user=coordinator, organization=plan.organization, role=Role.COORDINATOR
    )
    log_in_as(browser_page, coordinator, live_server.url)
    kwargs = {"org_slug": plan.organization.slug, "plan_slug": plan.slug}
    page = browser_page
    checked = []

    page.goto(reverse("plans:plan_versions", kwargs=kwargs))
    checked.append(page.url)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Revidera planen").click()
    checked.append(page.url)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skapa en ny version").click()
    assert page.url.endswith("?version=2")
    assert page.get_by_text("Version 2 är skapad").is_visible()

    revision = Plan.objects.get(slug=plan.slug, version=2)
    activity = revision.activities.order_by("goal__number", "position").first()
    assert activity is not None
    activity.description = "Informera om HRV och könsstympning i alla föräldrastödsprogram."
    activity.save()

    page.goto(reverse("plans:plan_versions", kwargs=kwargs))
    page.get_by_role("link", name="Jämför med version 1").click()
    checked.append(page.url)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ändringar från version 1 till version 2"
    )
    assert page.locator("del").first.inner_text() == (
        "Informera om HRV och könsstympning i introduktionen för dem som deltar i "
        "föräldrastödsprogram."
    )
    page.get_by_label("Skäl till ändringen").fill("Alla program ska omfattas.")
    page.get_by_role("button", name="Spara skälet").click()
    assert page.get_by_label("Skäl till ändringen").input_value() == "Alla program ska omfattas."
    assert axe_violations(page) == []
    screenshot(page, "jamfor-versioner")

    page.goto(reverse("plans:plan_adopt", kwargs=kwargs))
    checked.append(page.url)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Anta versionen").click()
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == []
    assert [url.split(live_server.url)[1] for url in checked] == [
        "/botkyrka/planer/hrv-handlingsplan/versioner/",
        "/botkyrka/planer/hrv-handlingsplan/revidera/",
        "/botkyrka/planer/hrv-handlingsplan/jamfor/?fran=1&till=2",
        "/botkyrka/planer/hrv-handlingsplan/anta/",
    ]
