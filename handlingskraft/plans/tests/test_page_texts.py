"""The texts the plan pages put together in Python rather than in the
template (plans/activity_texts.py, plans/measure_facts.py): the same sentences,
escaped as the templates escaped them, in the active language. No database."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import translation

from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.activity_filters import ActivityRow
from handlingskraft.plans.activity_texts import shown_rows
from handlingskraft.plans.measure_facts import measure_facts
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Direction,
    Goal,
    Measure,
    Plan,
)

PLAN = Plan(organization=Organization(slug="alfa"), slug="plan", version=2)


def assignment(name: str, *, lead: bool = False) -> ActivityActor:
    return ActivityActor(actor=Actor(name=name), is_lead=lead)


def row(activity: Activity, *assignments: ActivityActor, goal: int | None = 1) -> ActivityRow:
    if goal is not None:
        activity.goal = Goal(number=goal)
    return ActivityRow.of(activity, list(assignments))


# --- the activity list ---------------------------------------------------------


def test_a_row_names_its_actors_with_the_lead_in_bold_and_escaped() -> None:
    activity = Activity(pk=1, description="Utbilda")
    [shown] = shown_rows(
        [row(activity, assignment("Polisen"), assignment("Nämnd <&>", lead=True))], PLAN, None
    )
    assert shown.responsible == "Polisen, <strong>Nämnd &lt;&amp;&gt; (leder)</strong>"


def test_a_row_without_actors_says_none_is_given() -> None:
    [shown] = shown_rows([row(Activity(pk=1))], PLAN, None)
    assert shown.responsible == "Ingen ansvarig angiven"


def test_the_goal_link_names_the_version_asked_for_and_rows_outside_goals_have_none() -> None:
    rows = [row(Activity(pk=1), goal=3), row(Activity(pk=2), goal=None)]
    first, outside = shown_rows(rows, PLAN, 2)
    assert first.goal_url == "/alfa/planer/plan/malbild/3/?version=2"
    assert outside.goal_url == ""
    assert shown_rows(rows, PLAN, None)[0].goal_url == "/alfa/planer/plan/malbild/3/"


def test_a_row_says_when_it_starts_is_due_and_recurs_and_its_status_date() -> None:
    activity = Activity(
        pk=1,
        starts_on=datetime.date(2026, 1, 5),
        due_on=datetime.date(2026, 6, 30),
        recurrence="Varje <höst>",
        status_date=datetime.date(2026, 2, 1),
    )
    [shown] = shown_rows([row(activity)], PLAN, None)
    assert shown.when == [
        "Start 2026-01-05",
        "Klart senast 2026-06-30",
        "Återkommer: Varje &lt;höst&gt;",
    ]
    assert shown.status_date == "Status per 1 februari 2026"


def test_a_row_without_dates_says_nothing_about_them() -> None:
    [shown] = shown_rows([row(Activity(pk=1))], PLAN, None)
    assert shown.when == []
    assert shown.status_date == ""


def test_the_rows_follow_the_active_language() -> None:
    activity = Activity(pk=1, due_on=datetime.date(2026, 6, 30))
    with translation.override("en"):
        [shown] = shown_rows([row(activity, assignment("Polisen", lead=True))], PLAN, None)
    assert shown.responsible == "<strong>Polisen (leads)</strong>"
    assert shown.when[0].startswith("Due by ")


# --- a measure's facts -----------------------------------------------------------


def measure(**fields: object) -> Measure:
    return Measure(direction=Direction.INCREASE, **fields)


def test_a_measure_lists_its_direction_baseline_target_and_source() -> None:
    facts = measure_facts(
        measure(
            unit_of_analysis="skola",
            baseline_year=2020,
            baseline_value=Decimal("1234.50"),
            target_year=2027,
            target_value=Decimal("80"),
            data_source='SCB & "Kolada"',
        )
    )
    assert facts == [
        "Önskad riktning: Ökar",
        "Analysenhet: skola",
        "Nollmätning 2020: 1\xa0234,50",
        "Mål 2027: 80",
        "Källa: SCB &amp; &quot;Kolada&quot;",
    ]


def test_a_measure_with_a_year_but_no_value_names_the_year_except_on_the_public_page() -> None:
    years_only = measure(baseline_year=2021, target_year=2030, unit_of_analysis="skola")
    assert measure_facts(years_only) == [
        "Önskad riktning: Ökar",
        "Analysenhet: skola",
        "Nollmätning år: 2021",
        "Målår: 2030",
    ]
    assert measure_facts(years_only, public=True) == ["Önskad riktning: Ökar"]


def test_a_value_without_a_year_is_given_alone() -> None:
    facts = measure_facts(measure(baseline_value=Decimal("0.5"), target_value=Decimal("-3")))
    assert facts[1:] == ["Nollmätning: 0,50", "Mål: -3"]
