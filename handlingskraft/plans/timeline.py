"""A plan's year on a timeline: which activities start and which are to be done
in each month, which run through the whole year, and which only recur.

A pure function over activities already fetched, tested on its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.dates import MONTHS

from handlingskraft.plans.activity_filters import FINISHED
from handlingskraft.plans.models import Activity


@dataclass
class Month:
    number: int
    starting: list[Activity] = field(default_factory=list)
    due: list[Activity] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(MONTHS[self.number])


@dataclass
class Timeline:
    year: int
    months: list[Month]
    spanning: list[Activity]
    """Started before the year and due after it, or open-ended and not finished."""
    recurring: list[Activity]
    """With a recurrence ("varje vår") and no dates."""
    undated: int
    """How many have neither dates nor a recurrence."""

    @property
    def has_dated(self) -> bool:
        return any(month.starting or month.due for month in self.months)


def build_timeline(activities: Iterable[Activity], year: int) -> Timeline:
    """Place `activities` (in plan order) on the months of `year`: an activity
    appears in the month it starts and in the month it is to be done."""
    months = [Month(number) for number in range(1, 13)]
    spanning: list[Activity] = []
    recurring: list[Activity] = []
    undated = 0
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    for activity in activities:
        starts_on, due_on = activity.starts_on, activity.due_on
        if starts_on is None and due_on is None:
            if activity.recurrence:
                recurring.append(activity)
            else:
                undated += 1
            continue
        if starts_on is not None and starts_on.year == year:
            months[starts_on.month - 1].starting.append(activity)
        if due_on is not None and due_on.year == year:
            months[due_on.month - 1].due.append(activity)
        if starts_on is not None and starts_on < first and _runs_past(activity, last):
            spanning.append(activity)
    for month in months:
        month.starting.sort(key=lambda activity: activity.starts_on or first)
        month.due.sort(key=lambda activity: activity.due_on or first)
    return Timeline(year, months, spanning, recurring, undated)


def _runs_past(activity: Activity, last: datetime.date) -> bool:
    """Due after `last`, or open-ended and not finished."""
    if activity.due_on is None:
        return activity.status not in FINISHED
    return activity.due_on > last
