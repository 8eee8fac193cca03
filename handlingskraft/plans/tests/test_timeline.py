"""The timeline's placing of activities on a year, and the status summary:
pure functions over activities, no database needed."""

from __future__ import annotations

import datetime

from handlingskraft.plans.models import Activity
from handlingskraft.plans.status_summary import status_summary
from handlingskraft.plans.timeline import build_timeline


def activity(
    name: str,
    starts_on: str | None = None,
    due_on: str | None = None,
    recurrence: str = "",
    status: str = "",
) -> Activity:
    return Activity(
        description=name,
        starts_on=datetime.date.fromisoformat(starts_on) if starts_on else None,
        due_on=datetime.date.fromisoformat(due_on) if due_on else None,
        recurrence=recurrence,
        status=status,
    )


def names(activities: list[Activity]) -> list[str]:
    return [a.description for a in activities]


def test_an_activity_appears_in_the_month_it_starts_and_the_month_it_is_due() -> None:
    timeline = build_timeline([activity("Utbilda", "2026-02-10", "2026-09-30")], 2026)

    assert names(timeline.months[1].starting) == ["Utbilda"]
    assert names(timeline.months[8].due) == ["Utbilda"]
    assert sum(len(m.starting) + len(m.due) for m in timeline.months) == 2
    assert timeline.has_dated


def test_months_are_named_in_swedish_and_sorted_by_date_within_a_month() -> None:
    timeline = build_timeline(
        [activity("Sent", due_on="2026-03-28"), activity("Tidigt", due_on="2026-03-02")], 2026
    )

    assert timeline.months[2].name == "mars"
    assert names(timeline.months[2].due) == ["Tidigt", "Sent"]


def test_activities_of_other_years_are_left_out() -> None:
    timeline = build_timeline([activity("I fjol", "2025-01-01", "2025-12-31")], 2026)

    assert not timeline.has_dated
    assert timeline.spanning == []


def test_an_activity_spanning_the_whole_year_is_listed_as_such() -> None:
    timeline = build_timeline(
        [
            activity("Flerårig", "2025-01-01", "2027-06-30"),
            activity("Tills vidare", "2024-01-01"),
            activity("Avslutad", "2024-01-01", status="completed"),
        ],
        2026,
    )

    assert names(timeline.spanning) == ["Flerårig", "Tills vidare"]


def test_recurring_activities_without_dates_are_listed_separately() -> None:
    timeline = build_timeline(
        [activity("Varje vår", recurrence="varje vår"), activity("Utan datum")], 2026
    )

    assert names(timeline.recurring) == ["Varje vår"]
    assert timeline.undated == 1
    assert not timeline.has_dated


def test_the_status_summary_counts_every_status_and_no_status_last() -> None:
    summary = status_summary(
        [activity("a", status="ongoing"), activity("b", status="ongoing"), activity("c")]
    )

    assert [(c.status, c.count) for c in summary.counts] == [
        ("not_started", 0),
        ("ongoing", 2),
        ("completed", 0),
        ("delayed", 0),
        ("cancelled", 0),
        ("", 1),
    ]
    assert summary.total == 3
    assert [c.label for c in summary.counts][1::4] == ["Pågår", "Ingen status angiven"]
