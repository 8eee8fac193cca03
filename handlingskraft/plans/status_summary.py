"""How many activities stand at each status: the plan overview's summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from handlingskraft.plans.models import Activity, ActivityStatus


@dataclass(frozen=True)
class StatusCount:
    status: str
    """An ActivityStatus value, or "" for activities without a status."""
    count: int

    @property
    def label(self) -> str:
        if not self.status:
            return _("Ingen status angiven")
        return str(ActivityStatus(self.status).label)


@dataclass(frozen=True)
class StatusSummary:
    counts: list[StatusCount]
    total: int


def status_summary(activities: Iterable[Activity]) -> StatusSummary:
    """Every status (those no activity has included, with 0) in the order the
    statuses are defined, "no status" last, and the total."""
    return summary_of_counts(Counter(activity.status for activity in activities))


def summary_of_counts(counts: Mapping[str, int]) -> StatusSummary:
    """The summary from how many activities have each status (counted by the
    database, say); statuses missing from `counts` have none."""
    return StatusSummary(
        counts=[
            StatusCount(status, counts.get(status, 0)) for status in [*ActivityStatus.values, ""]
        ],
        total=sum(counts.values()),
    )
