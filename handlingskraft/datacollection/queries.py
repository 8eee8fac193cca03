"""Reading reports back: the versions of one actor's report for a period, the
state of every report in a data set, and the approved values the tables are
built from. Each is a fixed number of queries whatever the data's size."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.periods import Period

from .categories import TOTAL
from .models import DataSet, DataValue, ValueState
from .rules import ElementEntry

ReportKey = tuple[int, Period]
"""(actor id, period)."""


@dataclass
class Version:
    """One saved version of an actor's report for a period."""

    number: int
    state: str
    is_conflict: bool
    author: User
    created_at: datetime.datetime
    reason: str
    values: dict[int, dict[str, int]] = field(default_factory=dict)
    comments: dict[int, str] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return str(ValueState(self.state).label)

    def entries(self) -> dict[int, ElementEntry]:
        """The version as form entries, by element id."""
        ids = self.values.keys() | self.comments.keys()
        return {
            pk: ElementEntry(
                values=dict(self.values.get(pk, {})), comment=self.comments.get(pk, "")
            )
            for pk in ids
        }

    def value(self, element_id: int, code: str) -> int | None:
        return self.values.get(element_id, {}).get(code)


def report_versions(data_set: DataSet, actor: Actor, period: Period) -> list[Version]:
    """Every version of the report, oldest first, lost saves (conflicts) included."""
    rows = (
        DataValue.objects.of_report(data_set, actor, period)
        .select_related("author")
        .order_by("number", "created_at", "pk")
    )
    versions: dict[tuple[int, datetime.datetime, bool], Version] = {}
    for row in rows:
        key = (row.number, row.created_at, row.is_conflict)
        version = versions.get(key)
        if version is None:
            version = versions[key] = Version(
                number=row.number,
                state=row.state,
                is_conflict=row.is_conflict,
                author=row.author,
                created_at=row.created_at,
                reason=row.reason,
            )
        version.values.setdefault(row.element_id, {})[row.category] = row.value
        if row.category == TOTAL and row.comment:
            version.comments[row.element_id] = row.comment
    return list(versions.values())


def current_version(versions: Iterable[Version]) -> Version | None:
    """The version that counts: the latest that did not lose a race."""
    current = None
    for version in versions:
        if not version.is_conflict:
            current = version
    return current


def reported_totals(data_set: DataSet, actor: Actor, period: Period) -> dict[int, int]:
    """The totals of the actor's latest submitted or approved version for the
    period, by element id (empty if nothing was submitted)."""
    rows = (
        DataValue.objects.of_report(data_set, actor, period)
        .filter(
            category=TOTAL,
            is_conflict=False,
            state__in=[ValueState.SUBMITTED, ValueState.APPROVED],
        )
        .values_list("number", "element_id", "value")
    )
    latest: dict[int, dict[int, int]] = {}
    for number, element_id, value in rows:
        latest.setdefault(number, {})[element_id] = value
    return latest[max(latest)] if latest else {}


def report_states(data_set: DataSet) -> dict[ReportKey, str]:
    """The state of every report in the data set that has a saved version."""
    rows = (
        DataValue.objects.filter(element__data_set=data_set, is_conflict=False)
        .values_list("actor_id", "year", "tertial", "number", "state")
        .distinct()
    )
    latest: dict[ReportKey, tuple[int, str]] = {}
    for actor_id, year, tertial, number, state in rows:
        key = (actor_id, Period(year, tertial))
        if key not in latest or latest[key][0] < number:
            latest[key] = (number, state)
    return {key: state for key, (_number, state) in latest.items()}


ApprovedValues = dict[ReportKey, dict[int, dict[str, int]]]
"""By (actor id, period): element id → category → value."""


def approved_values(data_set: DataSet, period: Period | None = None) -> ApprovedValues:
    """The values of every approved report (its latest version; corrections
    are approved versions too), for one period or all."""
    rows = DataValue.objects.filter(
        element__data_set=data_set, is_conflict=False, state=ValueState.APPROVED
    )
    if period is not None:
        rows = rows.in_period(period)
    latest: dict[ReportKey, int] = {}
    values: dict[tuple[ReportKey, int], dict[int, dict[str, int]]] = {}
    for actor_id, year, tertial, number, element_id, category, value in rows.values_list(
        "actor_id", "year", "tertial", "number", "element_id", "category", "value"
    ):
        key = (actor_id, Period(year, tertial))
        latest[key] = max(latest.get(key, 0), number)
        values.setdefault((key, number), {}).setdefault(element_id, {})[category] = value
    return {key: values[(key, number)] for key, number in latest.items()}
