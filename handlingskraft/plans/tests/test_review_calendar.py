"""The review calendar: which reviews, evaluations and revision a plan's terms
give, and where each stands on a given day. No database needed."""

from __future__ import annotations

import datetime

from handlingskraft.plans.review_calendar import (
    EventKind,
    EventState,
    ReviewEvent,
    ReviewTerms,
    review_events,
)

ANNUAL = EventKind.ANNUAL_REVIEW
EVALUATION = EventKind.EVALUATION
REVISION = EventKind.REVISION


def events(terms: ReviewTerms, today: str = "2026-06-01") -> list[tuple[int, str, str]]:
    found = review_events(terms, today=datetime.date.fromisoformat(today))
    return [(event.year, event.kind.value, event.state.value) for event in found]


def botkyrka(**changes: object) -> ReviewTerms:
    """Botkyrka's terms: adopted 2022, reviewed yearly, evaluated every other
    year, revised in 2024."""
    terms = {
        "adopted_on": datetime.date(2022, 9, 5),
        "annual_review": True,
        "evaluation_interval_years": 2,
        "next_revision_year": 2024,
    }
    return ReviewTerms(**{**terms, **changes})  # type: ignore[arg-type]


def test_botkyrka_gets_a_review_in_2023_and_an_evaluation_and_the_revision_in_2024() -> None:
    assert events(botkyrka(revised=True)) == [
        (2023, "annual_review", "passed"),
        (2024, "evaluation", "passed"),
        (2024, "revision", "passed"),
    ]


def test_a_past_revision_is_late_until_the_plan_has_been_revised() -> None:
    assert (2024, "revision", "overdue") in events(botkyrka())


def test_an_unrevised_plan_keeps_its_reviews_going_until_this_year() -> None:
    assert events(botkyrka(), today="2026-06-01")[2:] == [
        (2024, "revision", "overdue"),
        (2025, "annual_review", "passed"),
        (2026, "annual_review", "current"),
        (2026, "evaluation", "current"),
    ]


def test_the_revision_takes_the_place_of_that_years_annual_review() -> None:
    kinds_in_2024 = [kind for year, kind, _ in events(botkyrka()) if year == 2024]

    assert "annual_review" not in kinds_in_2024


def test_this_years_events_are_current_and_later_ones_upcoming() -> None:
    terms = botkyrka(next_revision_year=2028)

    assert events(terms, today="2026-03-01") == [
        (2023, "annual_review", "passed"),
        (2024, "annual_review", "passed"),
        (2024, "evaluation", "passed"),
        (2025, "annual_review", "passed"),
        (2026, "annual_review", "current"),
        (2026, "evaluation", "current"),
        (2027, "annual_review", "upcoming"),
        (2028, "evaluation", "upcoming"),
        (2028, "revision", "upcoming"),
    ]


def test_a_revision_due_this_year_is_current_not_late() -> None:
    assert events(botkyrka(), today="2024-12-31")[-1] == (2024, "revision", "current")


def test_an_expired_plan_not_replaced_still_gets_this_years_review() -> None:
    terms = ReviewTerms(
        adopted_on=datetime.date(2022, 1, 1),
        annual_review=True,
        valid_until=datetime.date(2024, 12, 31),
    )

    assert events(terms)[-1] == (2026, "annual_review", "current")


def test_valid_from_counts_when_there_is_no_decision_date() -> None:
    terms = ReviewTerms(adopted_on=datetime.date(2025, 1, 1), annual_review=True)

    assert events(terms) == [
        (2026, "annual_review", "current"),
        (2027, "annual_review", "upcoming"),
    ]


def test_without_a_revision_year_the_calendar_runs_to_the_end_of_validity() -> None:
    terms = ReviewTerms(
        adopted_on=datetime.date(2024, 5, 1),
        evaluation_interval_years=1,
        valid_until=datetime.date(2026, 12, 31),
    )

    assert events(terms) == [(2025, "evaluation", "passed"), (2026, "evaluation", "current")]


def test_a_plan_without_review_terms_has_no_events() -> None:
    assert events(ReviewTerms(adopted_on=datetime.date(2022, 1, 1))) == []


def test_an_undated_plan_still_shows_its_revision_year() -> None:
    terms = ReviewTerms(adopted_on=None, annual_review=True, next_revision_year=2027)

    assert events(terms) == [(2027, "revision", "upcoming")]


def test_events_carry_swedish_labels_and_say_whether_they_need_attention() -> None:
    event = ReviewEvent(2024, REVISION, EventState.OVERDUE)

    assert event.kind.label == "Revidering"
    assert event.state.label == "Försenad"
    assert EventState.OVERDUE.needs_attention
    assert EventState.CURRENT.needs_attention
    assert not EventState.PASSED.needs_attention
    assert not EventState.UPCOMING.needs_attention
    assert [ANNUAL.label, EVALUATION.label] == ["Årlig översyn", "Utvärdering"]
