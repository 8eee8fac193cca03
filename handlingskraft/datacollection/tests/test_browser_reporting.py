"""Reporting statistics in a real browser: the form, a mistake, a warning
that needs a comment, submitting; and the coordinator's and readers' pages,
all without WCAG 2.1 A/AA violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import World
from handlingskraft.datacollection.categories import TOTAL
from handlingskraft.datacollection.forms import ValuesForm
from handlingskraft.datacollection.models import DataSet, ValueState
from handlingskraft.datacollection.queries import report_states
from handlingskraft.datacollection.rules import COMMENT
from handlingskraft.plans.periods import Period

from .conftest import YEAR, approve, elements, submit
from .pages import report_url, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page: Any, element_id: int, code: str) -> Any:
    return page.locator(f"#id_{ValuesForm.name(element_id, code)}")


def test_a_reporter_enters_a_data_set_in_the_browser(
    browser_page: Any, live_server: Any, world: World, data_set: DataSet
) -> None:
    approve(data_set, world.social, world.users["coordinator"], Period(2024), trained=10)
    abroad, staff = elements(data_set)
    page = browser_page
    log_in_as(page, world.users["reporter"], live_server.url)

    page.goto(url("dataset_detail", data_set))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Socialnämnden, 2025").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Rapportera: HRV-statistik"
    assert axe_violations(page) == []
    screenshot(page, "statistik-rapportera")

    # A mistake: the breakdown does not add up to the total.
    field(page, abroad.pk, TOTAL).fill("6")
    field(page, abroad.pk, "g:f").fill("3")
    field(page, abroad.pk, "g:m").fill("2")
    field(page, abroad.pk, "g:x").fill("0")
    field(page, staff.pk, TOTAL).fill("40")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_text("Uppdelningen summerar till 5 men totalt är 6.").first.is_visible()
    assert axe_violations(page) == []

    # Corrected, saved as a draft: the trained staff went from 10 to 40.
    field(page, abroad.pk, TOTAL).fill("5")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_text("Utkastet är sparat.").wait_for()
    assert page.get_by_text(
        "Antalet har mer än fördubblats sedan förra perioden (10)."
    ).is_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Skicka in").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_text("Skriv en kommentar som förklarar ändringen").first.is_visible()
    assert axe_violations(page) == []

    field(page, staff.pk, COMMENT).fill("Webbutbildningen blev obligatorisk.")
    page.get_by_role("button", name="Skicka in").click()
    page.get_by_text("Rapporten är inskickad. Tack!").wait_for()
    assert axe_violations(page) == []
    assert report_states(data_set)[(world.social.pk, YEAR)] == ValueState.SUBMITTED


def test_the_coordinators_and_readers_statistics_pages_are_accessible(
    browser_page: Any, live_server: Any, world: World, data_set: DataSet
) -> None:
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, Period(2024), girls=6, boys=7, trained=20)
    approve(data_set, world.school, coordinator, Period(2024), trained=3)
    submit(data_set, world.social, world.users["reporter"], girls=2, boys=9, trained=22)
    page = browser_page
    log_in_as(page, coordinator, live_server.url)
    abroad, _staff = elements(data_set)
    org = {"org_slug": world.organization.slug}
    urls = [
        reverse("statistics:dataset_list", kwargs=org),
        reverse("statistics:dataset_create", kwargs=org),
        reverse("statistics:threshold_edit", kwargs=org),
        url("dataset_detail", data_set),
        url("dataset_edit", data_set),
        url("element_create", data_set),
        url("element_edit", data_set, element_id=abroad.pk),
        url("review_list", data_set),
        report_url(data_set, world.social, name="review"),
        report_url(data_set, world.social, Period(2024), name="correct"),
        url("tables", data_set) + "?period=2024",
        url("tables", data_set) + "?period=2024&visa=skyddad",
        url("exports", data_set),
    ]
    for address in urls:
        page.goto(address)
        assert axe_violations(page) == [], address

    page.goto(report_url(data_set, world.social, name="review"))
    page.get_by_role("button", name="Skicka tillbaka för komplettering").click()
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Godkänn och lås").click()
    page.get_by_text("Rapporten är godkänd och låst.").wait_for()

    reader = browser_page.context.new_page()
    reader.context.clear_cookies()
    log_in_as(reader, world.users["reader"], live_server.url)
    reader.goto(url("tables", data_set) + "?period=2024")
    assert reader.get_by_text("färre än 5").count() > 0
    assert axe_violations(reader) == []
