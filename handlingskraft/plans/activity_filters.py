"""Which activities the activity list shows, and in what order.

Pure functions over rows built from an already fetched plan: filtering and
sorting never query the database, so the list costs the same few queries
however many activities the plan has, and this module is tested without one.
The filters come from the query string, so a filtered list is a shareable
address; values that make no sense are ignored rather than refused."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from handlingskraft.plans.models import Activity, ActivityActor, ActivityStatus, PreventionLevel

NO_STATUS = "none"
"""The status filter's value for activities nobody has given a status yet."""

FINISHED = frozenset({ActivityStatus.COMPLETED, ActivityStatus.CANCELLED})
SOON = datetime.timedelta(days=30)


class DuePeriod(StrEnum):
    OVERDUE = "overdue"
    NEXT_30_DAYS = "next_30_days"
    THIS_YEAR = "this_year"
    UNDATED = "undated"

    @property
    def label(self) -> str:
        return str(DUE_PERIOD_LABELS[self])


DUE_PERIOD_LABELS = {
    DuePeriod.OVERDUE: _("Förfallna (slutdatum passerat, inte genomförda)"),
    DuePeriod.NEXT_30_DAYS: _("Ska vara klara inom 30 dagar"),
    DuePeriod.THIS_YEAR: _("Ska vara klara i år"),
    DuePeriod.UNDATED: _("Utan slutdatum"),
}


class SortOrder(StrEnum):
    GOAL = "goal"
    DUE = "due"
    STATUS = "status"
    ACTOR = "actor"

    @property
    def label(self) -> str:
        return str(SORT_LABELS[self])


SORT_LABELS = {
    SortOrder.GOAL: _("Planens ordning"),
    SortOrder.DUE: _("Slutdatum, tidigast först"),
    SortOrder.STATUS: _("Status, försenade först"),
    SortOrder.ACTOR: _("Ansvarig aktör"),
}

# Sorting by status puts what needs attention first.
STATUS_ORDER = [
    ActivityStatus.DELAYED,
    "",
    ActivityStatus.NOT_STARTED,
    ActivityStatus.ONGOING,
    ActivityStatus.COMPLETED,
    ActivityStatus.CANCELLED,
]


def is_overdue(activity: Activity, today: datetime.date) -> bool:
    """Its due date has passed and it is neither completed nor cancelled."""
    return (
        activity.due_on is not None and activity.due_on < today and activity.status not in FINISHED
    )


def is_due_soon(activity: Activity, today: datetime.date) -> bool:
    """It is to be done within 30 days from today and is not finished."""
    return (
        activity.due_on is not None
        and today <= activity.due_on <= today + SOON
        and activity.status not in FINISHED
    )


def swedish_key(text: str) -> str:
    """A sort key that puts å, ä and ö after z, as Swedish alphabetical order does."""
    return text.casefold().translate(SWEDISH_LETTERS)


SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


@dataclass(frozen=True)
class ActivityRow:
    """One activity with what filtering and sorting need already read out."""

    activity: Activity
    goal_number: int | None
    actor_ids: frozenset[int]
    actor_name: str
    """The lead actor's name, else the first responsible actor's, else empty."""
    number: str = ""
    """Its number in the plan: "2.3" for the third under goal 2 (see `numbered`)."""
    assignments: tuple[ActivityActor, ...] = ()
    """The responsible actors in the plan's order, read once for the page."""

    @classmethod
    def of(
        cls, activity: Activity, assignments: Sequence[ActivityActor] | None = None
    ) -> ActivityRow:
        """Read from an activity fetched with its goal, and its assignments (with
        actors) either given in the plan's order or prefetched, so building rows
        makes no queries."""
        assignments = list(activity.assignments.all() if assignments is None else assignments)
        leads = [a for a in assignments if a.is_lead] + assignments
        return cls(
            activity=activity,
            goal_number=activity.goal.number if activity.goal is not None else None,
            actor_ids=frozenset(a.actor_id for a in assignments),
            actor_name=leads[0].actor.name if leads else "",
            assignments=tuple(assignments),
        )

    def goal_order(self) -> tuple[bool, int, int, int]:
        """The plan's own order: by goal, plan-level activities last."""
        return (
            self.goal_number is None,
            self.goal_number or 0,
            self.activity.position,
            self.activity.pk or 0,
        )


@dataclass(frozen=True)
class ActivityFilter:
    """What the reader asked to see; the empty filter shows everything."""

    actor: int | None = None
    goal: int | None = None
    status: str = ""
    level: str = ""
    due: str = ""
    sort: SortOrder = SortOrder.GOAL

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ActivityFilter:
        """The filter in a query string (request.GET); unknown values are dropped."""
        status = query.get("status", "")
        level = query.get("level", "")
        due = query.get("due", "")
        sort = query.get("sort", "")
        return cls(
            actor=_number(query.get("actor", "")),
            goal=_number(query.get("goal", "")),
            status=status if status in ActivityStatus.values or status == NO_STATUS else "",
            level=level if level in PreventionLevel.values else "",
            due=due if due in {period.value for period in DuePeriod} else "",
            sort=SortOrder(sort)
            if sort in {order.value for order in SortOrder}
            else SortOrder.GOAL,
        )

    @property
    def is_filtering(self) -> bool:
        """Whether any filter (not only a sort order) is chosen."""
        return any((self.actor, self.goal, self.status, self.level, self.due))

    def matches(self, row: ActivityRow, today: datetime.date) -> bool:
        activity = row.activity
        if self.actor is not None and self.actor not in row.actor_ids:
            return False
        if self.goal is not None and row.goal_number != self.goal:
            return False
        if self.status and (activity.status or NO_STATUS) != self.status:
            return False
        if self.level and activity.prevention_level != self.level:
            return False
        return not self.due or _in_period(activity, DuePeriod(self.due), today)


def numbered(rows: Iterable[ActivityRow]) -> list[ActivityRow]:
    """The rows in the plan's order, each numbered within its goal ("2.3"), or
    within the plan for activities outside any goal ("3")."""
    counts: dict[int | None, int] = {}
    result = []
    for row in sorted(rows, key=ActivityRow.goal_order):
        counts[row.goal_number] = counts.get(row.goal_number, 0) + 1
        prefix = f"{row.goal_number}." if row.goal_number is not None else ""
        result.append(replace(row, number=f"{prefix}{counts[row.goal_number]}"))
    return result


def select_activities(
    rows: Iterable[ActivityRow], chosen: ActivityFilter, today: datetime.date
) -> list[ActivityRow]:
    """The rows `chosen` lets through, in the order it asks for."""
    shown = [row for row in rows if chosen.matches(row, today)]
    return sorted(shown, key=SORT_KEYS[chosen.sort])


def _in_period(activity: Activity, period: DuePeriod, today: datetime.date) -> bool:
    due_on = activity.due_on
    if period is DuePeriod.OVERDUE:
        return is_overdue(activity, today)
    if period is DuePeriod.NEXT_30_DAYS:
        return is_due_soon(activity, today)
    if period is DuePeriod.THIS_YEAR:
        return due_on is not None and due_on.year == today.year
    return due_on is None


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 10 else None


SORT_KEYS: dict[SortOrder, Callable[[ActivityRow], Any]] = {
    SortOrder.GOAL: lambda row: row.goal_order(),
    SortOrder.DUE: lambda row: (
        row.activity.due_on is None,
        row.activity.due_on or datetime.date.max,
        row.goal_order(),
    ),
    SortOrder.STATUS: lambda row: (STATUS_ORDER.index(row.activity.status), row.goal_order()),
    SortOrder.ACTOR: lambda row: (
        not row.actor_name,
        swedish_key(row.actor_name),
        row.goal_order(),
    ),
}
