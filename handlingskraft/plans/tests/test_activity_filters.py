"""Filtering and sorting the activity list: pure functions over rows, no
database needed."""

from __future__ import annotations

import datetime

from django.http import QueryDict

from handlingskraft.plans.activity_filters import (
    ActivityFilter,
    ActivityRow,
    SortOrder,
    is_due_soon,
    is_overdue,
    numbered,
    select_activities,
    swedish_key,
)
from handlingskraft.plans.models import Activity

TODAY = datetime.date(2026, 6, 15)
SOCIAL, SCHOOL, POLICE = 1, 2, 3


def row(
    pk: int,
    *,
    goal: int | None = 1,
    position: int = 0,
    actors: tuple[int, ...] = (SOCIAL,),
    actor_name: str = "Socialnämnden",
    status: str = "",
    level: str = "",
    due_on: str | None = None,
) -> ActivityRow:
    activity = Activity(
        pk=pk,
        description=f"Aktivitet {pk}",
        position=position,
        status=status,
        prevention_level=level,
        due_on=datetime.date.fromisoformat(due_on) if due_on else None,
    )
    return ActivityRow(
        activity=activity, goal_number=goal, actor_ids=frozenset(actors), actor_name=actor_name
    )


def pks(rows: list[ActivityRow]) -> list[int]:
    return [r.activity.pk for r in rows]


def shown(rows: list[ActivityRow], query: str) -> list[int]:
    chosen = ActivityFilter.from_query(QueryDict(query))
    return pks(select_activities(rows, chosen, TODAY))


ROWS = [
    row(1, goal=1, position=0, status="ongoing", level="universal", due_on="2026-06-01"),
    row(2, goal=1, position=1, actors=(SCHOOL,), actor_name="Utbildningsnämnden"),
    row(3, goal=2, position=0, actors=(SOCIAL, POLICE), status="completed", due_on="2026-05-01"),
    row(4, goal=2, position=1, actors=(POLICE,), actor_name="Polisen", due_on="2026-07-01"),
    row(5, goal=None, position=0, actors=(), actor_name="", status="delayed", due_on="2027-01-10"),
]


def test_the_empty_filter_shows_everything_in_the_plans_order() -> None:
    assert shown(list(reversed(ROWS)), "") == [1, 2, 3, 4, 5]


def test_filtering_by_actor_keeps_activities_it_shares_as_well_as_leads() -> None:
    assert shown(ROWS, f"actor={SOCIAL}") == [1, 3]
    assert shown(ROWS, f"actor={POLICE}") == [3, 4]


def test_filtering_by_goal_uses_the_goal_number() -> None:
    assert shown(ROWS, "goal=2") == [3, 4]


def test_filtering_by_status_includes_no_status_as_its_own_choice() -> None:
    assert shown(ROWS, "status=ongoing") == [1]
    assert shown(ROWS, "status=none") == [2, 4]


def test_filtering_by_prevention_level() -> None:
    assert shown(ROWS, "level=universal") == [1]


def test_overdue_means_past_its_due_date_and_not_finished() -> None:
    assert shown(ROWS, "due=overdue") == [1]


def test_due_within_30_days_leaves_out_finished_and_later_ones() -> None:
    assert shown(ROWS, "due=next_30_days") == [4]


def test_due_this_year_and_undated() -> None:
    assert shown(ROWS, "due=this_year") == [1, 3, 4]
    assert shown(ROWS, "due=undated") == [2]


def test_filters_combine() -> None:
    assert shown(ROWS, f"actor={SOCIAL}&due=this_year&status=completed") == [3]


def test_nonsense_values_are_ignored_not_refused() -> None:
    chosen = ActivityFilter.from_query(
        QueryDict("actor=x&goal=-1&status=klar&level=alla&due=igår&sort=slump")
    )

    assert chosen == ActivityFilter()
    assert not chosen.is_filtering


def test_sorting_by_due_date_puts_undated_last() -> None:
    assert shown(ROWS, "sort=due") == [3, 1, 4, 5, 2]


def test_sorting_by_status_puts_delayed_first_and_finished_last() -> None:
    assert shown(ROWS, "sort=status") == [5, 2, 4, 1, 3]


def test_sorting_by_actor_is_alphabetical_with_no_actor_last() -> None:
    assert shown(ROWS, "sort=actor") == [4, 1, 3, 2, 5]


def test_a_sort_order_alone_does_not_count_as_filtering() -> None:
    chosen = ActivityFilter.from_query(QueryDict("sort=due"))

    assert chosen.sort is SortOrder.DUE
    assert not chosen.is_filtering


def test_swedish_order_puts_a_ring_a_umlaut_and_o_umlaut_after_z() -> None:
    names = ["Örebro", "Ängelholm", "Åre", "Zinkgruvan", "alingsås"]

    assert sorted(names, key=swedish_key) == [
        "alingsås",
        "Zinkgruvan",
        "Åre",
        "Ängelholm",
        "Örebro",
    ]


def test_activities_are_numbered_within_their_goal_and_plan_level_ones_on_their_own() -> None:
    numbers = [r.number for r in numbered(reversed(ROWS))]

    assert numbers == ["1.1", "1.2", "2.1", "2.2", "1"]


def test_overdue_and_due_soon_look_at_status_as_well_as_date() -> None:
    late = Activity(due_on=datetime.date(2026, 6, 14), status="ongoing")
    done = Activity(due_on=datetime.date(2026, 6, 14), status="completed")
    soon = Activity(due_on=datetime.date(2026, 7, 15))
    later = Activity(due_on=datetime.date(2026, 7, 16))

    assert is_overdue(late, TODAY) and not is_overdue(done, TODAY)
    assert is_due_soon(soon, TODAY) and not is_due_soon(later, TODAY)
    assert not is_overdue(Activity(), TODAY) and not is_due_soon(Activity(), TODAY)
