"""How many activities stand at each status: the plan overview's summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
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
    counter = Counter(activity.status for activity in activities)
    counts = [StatusCount(status, counter[status]) for status in [*ActivityStatus.values, ""]]
    return StatusSummary(counts=counts, total=sum(counter.values()))
