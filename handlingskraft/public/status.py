"""Each activity's status as a published round tells it, grouped the way
municipalities publish their report-backs (Haninge: completed, ongoing, to be
started).

What becomes public of a round: each activity's status (the organisation's
own label and its canonical category) and the description of what was done,
from the consolidated status where one is written, else from the approved
reports of the responsible actors. Never public: reports not approved, lost
saves, next steps, obstacles, links to evidence, review comments, reasons for
reopening, or who wrote what."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from handlingskraft.followup.models import (
    Consolidation,
    FollowUpRound,
    StatusReport,
    TaskState,
)
from handlingskraft.plans.models import Activity, ActivityStatus

NO_STATUS = ""

# The groups in the order a report-back lists them, each with its heading.
GROUPS: list[tuple[str, str | Promise]] = [
    (ActivityStatus.COMPLETED, _("Genomförda")),
    (ActivityStatus.ONGOING, _("Pågående")),
    (ActivityStatus.DELAYED, _("Försenade")),
    (ActivityStatus.NOT_STARTED, _("Ej påbörjade")),
    (ActivityStatus.CANCELLED, _("Avbrutna")),
    (NO_STATUS, _("Utan publicerad status")),
]


@dataclass(frozen=True)
class PublicStatus:
    """One published status: the organisation's label, its category and text;
    `actor` names the reporting actor where several reported separately."""

    category: str
    label: str
    text: str
    actor: str = ""


@dataclass
class ActivityResult:
    activity: Activity
    statuses: list[PublicStatus] = field(default_factory=list)

    @property
    def category(self) -> str:
        return combined_category([status.category for status in self.statuses])


@dataclass(frozen=True)
class StatusGroup:
    category: str
    heading: str
    results: list[ActivityResult]


def combined_category(categories: Sequence[str]) -> str:
    """One category for an activity several actors reported on separately
    (with no consolidated status): the common one if they agree; delayed if
    any is delayed; completed when all are completed or cancelled; not started
    when none has started; otherwise ongoing."""
    found = set(categories)
    if not found:
        return NO_STATUS
    if len(found) == 1:
        return categories[0]
    if ActivityStatus.DELAYED in found:
        return ActivityStatus.DELAYED
    if found <= {ActivityStatus.COMPLETED, ActivityStatus.CANCELLED}:
        return ActivityStatus.COMPLETED
    if found <= {ActivityStatus.NOT_STARTED, ActivityStatus.CANCELLED}:
        return ActivityStatus.NOT_STARTED
    return ActivityStatus.ONGOING


def round_statuses(round: FollowUpRound) -> dict[uuid.UUID, list[PublicStatus]]:
    """The public statuses of the round's activities, by the activity's
    lineage (so a later version of the plan finds them), in two queries."""
    # Plain rows rather than model instances: a round has hundreds of reports
    # and the page needs four values of each.
    consolidated: dict[uuid.UUID, PublicStatus] = {}
    rows = (
        Consolidation.objects.filter(round=round, is_conflict=False)
        .order_by("activity_id", "-number")
        .values_list("activity__lineage", "status__category", "status__label", "text")
    )
    for lineage, category, label, text in rows:
        consolidated.setdefault(lineage, PublicStatus(category, label, text))
    reports = (
        StatusReport.objects.filter(
            task__round=round,
            task__state=TaskState.APPROVED,
            task__activity__isnull=False,
            is_conflict=False,
        )
        .order_by("task_id", "-number")
        .values_list(
            "task_id",
            "status_id",
            "status__category",
            "status__label",
            "done",
            "task__actor__name",
            "task__activity__lineage",
        )
    )
    latest: dict[int, tuple[Any, ...]] = {}
    for report in reports:
        latest.setdefault(report[0], report)
    separate: dict[uuid.UUID, list[PublicStatus]] = {}
    for _task, status_id, category, label, done, actor, lineage in sorted(
        latest.values(), key=lambda report: report[5]
    ):
        if status_id is None:
            continue
        separate.setdefault(lineage, []).append(PublicStatus(category, label, done, actor))
    result = {lineage: [status] for lineage, status in consolidated.items()}
    for lineage, statuses in separate.items():
        if lineage not in result:
            # One actor's status speaks for the activity; several are named.
            result[lineage] = (
                statuses
                if len(statuses) > 1
                else [PublicStatus(statuses[0].category, statuses[0].label, statuses[0].text)]
            )
    return result


def activity_results(
    activities: Iterable[Activity], statuses: dict[uuid.UUID, list[PublicStatus]]
) -> list[ActivityResult]:
    return [
        ActivityResult(activity=activity, statuses=statuses.get(activity.lineage, []))
        for activity in activities
    ]


def grouped(results: Iterable[ActivityResult]) -> list[StatusGroup]:
    """The results in the report-back's groups; empty groups left out."""
    by_category: dict[str, list[ActivityResult]] = {}
    for result in results:
        by_category.setdefault(result.category, []).append(result)
    return [
        StatusGroup(category=category, heading=str(heading), results=by_category[category])
        for category, heading in GROUPS
        if by_category.get(category)
    ]
