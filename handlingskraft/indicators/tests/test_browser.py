"""The measure page and the unit-survey answer page in a real browser, with
axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import World
from handlingskraft.indicators.models import UnitSurvey
from handlingskraft.plans.models import MeasureTarget

from .conftest import enter, make_share_measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def followed_up_measure(world: World) -> None:
    measure = make_share_measure(world.measure)
    measure.statement = "Andelen förskolor med rutiner mot hedersrelaterat våld ökar."
    measure.baseline_year, measure.baseline_value = 2022, 40
    measure.data_source = "Enhetsenkät till förskolorna"
    measure.save()
    MeasureTarget.objects.create(measure=measure, year=2025, value=70)
    MeasureTarget.objects.create(measure=measure, year=2026, value=80)
    coordinator = world.users["coordinator"]
    for period, value in [("2023", "45"), ("2024", "52.5"), ("2024", "55")]:
        enter(measure, coordinator, period, value)
    enter(measure, coordinator, "2024", "58", gender="K")
    enter(measure, coordinator, "2024", "51", gender="M")


def test_the_measure_page_with_chart_and_tables_passes_axe(
    browser_page: Any, live_server: Any, world: World
) -> None:
    followed_up_measure(world)
    page = browser_page
    log_in_as(page, world.users["coordinator"], live_server.url)
    page.goto(
        reverse(
            "indicators:measure_detail",
            kwargs={"org_slug": world.organization.slug, "measure_id": world.measure.pk},
        )
    )
    assert page.get_by_role("heading", level=1).inner_text() == world.measure.statement
    chart = page.get_by_role("img", name="Andelen förskolor med rutiner")
    assert chart.is_visible()
    assert page.get_by_role("table", name="Diagrammets uppgifter").is_visible()
    assert page.get_by_text("Förbättrad").first.is_visible()
    assert axe_violations(page) == []
    screenshot(page, "matt")


def test_the_unit_survey_answer_page_passes_axe_and_saves_an_answer(
    browser_page: Any, live_server: Any, world: World, survey: UnitSurvey
) -> None:
    page = browser_page
    log_in_as(page, world.users["reporter"], live_server.url)
    page.goto(
        reverse(
            "indicators:survey_answer",
            kwargs={"org_slug": world.organization.slug, "survey_id": survey.pk},
        )
    )
    assert page.get_by_role("heading", level=1).inner_text() == "Svara på enkäten"
    assert axe_violations(page) == []
    own = survey.answers.get(actor=world.social)
    page.get_by_role("group", name=own.respondent_name).get_by_label("Delvis").check()
    page.get_by_label(f"Kommentar om {own.respondent_name}").fill(
        "Rutinen är antagen men inte införd."
    )
    page.get_by_role("button", name="Spara svaren").click()
    page.get_by_text("Svaren är sparade (1 ändrade).").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "enhetsenkat-svara")
    own.refresh_from_db()
    assert (own.answer, own.comment) == ("partly", "Rutinen är antagen men inte införd.")
