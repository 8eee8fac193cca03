"""Editing in a real browser: a refused save shows the error summary and the
message at the field, a corrected save shows on the plan page, and axe-core
finds no WCAG 2.1 A/AA violations on any editing page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import World
from handlingskraft.plans import services
from handlingskraft.plans.models import Plan
from handlingskraft.plans.tests.access_editing import make_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def address(name: str, plan: Plan, query: str = "", **ids: int) -> str:
    path = reverse(
        f"plans:{name}", kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, **ids}
    )
    return f"{path}?{query}" if query else path


def test_a_coordinator_corrects_a_lead_outside_the_responsible_actors(
    browser_page: Any, live_server: Any, world: World
) -> None:
    page = browser_page
    plan = make_draft(world)
    log_in_as(page, world.users["coordinator"], live_server.url)
    page.goto(address("activity_update", plan, activity_id=world.activity.pk))
    assert axe_violations(page) == []
    screenshot(page, "redigera-aktivitet")

    page.get_by_label("Aktivitet", exact=True).fill("Informera föräldrar och personal.")
    page.get_by_role("group", name="Ansvariga aktörer").get_by_label("Utbildningsnämnden").uncheck()
    page.get_by_role("group", name="Leder arbetet").get_by_label("Utbildningsnämnden").check()
    page.get_by_role("button", name="Spara").click()

    summary = page.get_by_role("alert")
    assert "Något behöver rättas" in summary.inner_text()
    summary.get_by_role("link", name="Leder arbetet").click()
    assert page.evaluate("document.activeElement.id") == "id_lead_0"
    assert "Utbildningsnämnden är inte en av de ansvariga aktörerna" in (
        page.locator("#id_lead_error").inner_text()
    )
    assert page.title().startswith("Fel:")
    assert axe_violations(page) == []
    # The input is kept: the new description is still there to save.
    assert page.get_by_label("Aktivitet", exact=True).input_value() == (
        "Informera föräldrar och personal."
    )

    page.get_by_role("group", name="Leder arbetet").get_by_label("Socialnämnden").check()
    page.get_by_role("button", name="Spara").click()

    # Back on the reading page of the activity's goal, with the change.
    page.wait_for_url(lambda url: address("goal_detail", plan, "version=1", number=1) in url)
    assert "Ändringen är sparad." in page.get_by_role("status").inner_text()
    row = page.get_by_role("row").filter(has_text="Informera föräldrar och personal.")
    assert "Socialnämnden (leder)" in row.inner_text()
    assert "Utbildningsnämnden" not in row.inner_text()


def test_the_editing_pages_have_no_accessibility_violations(
    browser_page: Any, live_server: Any, world: World
) -> None:
    page = browser_page
    plan = make_draft(world)
    prerequisite = world.goal.prerequisites.get()
    responsibility = plan.responsibilities.get()
    log_in_as(page, world.users["coordinator"], live_server.url)
    pages = [
        reverse("plans:plan_create", kwargs={"org_slug": world.organization.slug}),
        address("plan_edit", plan),
        address("plan_update", plan),
        address("goal_create", plan),
        address("goal_update", plan, goal_id=world.goal.pk),
        address("goal_delete", plan, goal_id=world.goal.pk),
        address("prerequisite_create", plan, goal_id=world.goal.pk),
        address("prerequisite_update", plan, prerequisite_id=prerequisite.pk),
        address("prerequisite_delete", plan, prerequisite_id=prerequisite.pk),
        address("measure_create", plan),
        address("measure_update", plan, measure_id=world.measure.pk),
        address("measure_delete", plan, measure_id=world.measure.pk),
        address("activity_create", plan, f"malbild={world.goal.pk}"),
        address("activity_update", plan, activity_id=world.activity.pk),
        address("activity_delete", plan, activity_id=world.activity.pk),
        address("responsibility_create", plan),
        address("responsibility_update", plan, responsibility_id=responsibility.pk),
        address("responsibility_delete", plan, responsibility_id=responsibility.pk),
    ]
    for url in pages:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert axe_violations(page) == [], url

    # Forms with their errors showing, and the page of a version that cannot change.
    for url, required in [
        (address("plan_update", plan), "Titel"),
        (address("measure_create", plan), "Mått"),
    ]:
        page.goto(url)
        page.get_by_label(required, exact=True).fill("")
        page.get_by_role("button", name="Spara").click()
        assert page.get_by_role("alert").count() == 1, url
        assert axe_violations(page) == [], url
    page.goto(address("activity_update", plan, activity_id=world.activity.pk))
    services.activity_update(
        user=world.users["administrator"],
        activity=world.activity,
        fields=services.ActivityFields(description="Kollegans text.", goal=world.goal),
        expected_version=services.version_token(world.activity),
    )
    page.get_by_role("button", name="Spara").click()
    assert "Kollegans text." in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    Plan.objects.filter(pk=plan.pk).update(status="adopted")
    page.goto(address("plan_update", plan))
    assert page.get_by_role("link", name="Revidera planen").count() == 1
    assert axe_violations(page) == []
