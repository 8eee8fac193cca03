"""What the open API may show: published plan versions, published (approved)
rounds and what they say, and measure values after disclosure control. Every
public endpoint reads through these functions, so the rule lives here once.

Activities carry an internal status (written back when a round is approved,
published or not); the public API never shows it. It shows the status an
activity has in the latest *published* round instead, worked out from that
round's approved reports the way approval writes statuses back: the
consolidated status where one is written, else the approved report (for an
activity several actors report on without a consolidation, the last
responsible actor's, as the write-back does)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from handlingskraft.datacollection.disclosure import protect_count
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.followup.models import (
    Consolidation,
    FollowUpRound,
    StatusReport,
    TaskState,
)
from handlingskraft.indicators.models import MeasureValue
from handlingskraft.indicators.queries import latest_values
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind, Plan


def published_plans() -> QuerySet[Plan]:
    return Plan.objects.published()


def published_plan(plan_id: int) -> Plan:
    """A published plan version with its organisation; anything else is a 404."""
    return get_object_or_404(
        published_plans().select_related("organization", "decided_by"), pk=plan_id
    )


def published_organizations() -> QuerySet[Organization]:
    """Organisations with at least one published plan version."""
    return Organization.objects.filter(pk__in=published_plans().values("organization_id")).order_by(
        "name"
    )


def published_measure(measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.filter(plan__in=published_plans()).select_related(
            "plan", "plan__organization", "goal"
        ),
        pk=measure_id,
    )


def published_rounds() -> QuerySet[FollowUpRound]:
    return FollowUpRound.objects.published()


def published_round(round_id: int) -> FollowUpRound:
    return get_object_or_404(published_rounds().select_related("organization", "plan"), pk=round_id)


def latest_published_round(plan: Plan) -> FollowUpRound | None:
    """The latest published round of any version of the plan (versions share the slug)."""
    return (
        published_rounds()
        .filter(organization_id=plan.organization_id, plan__slug=plan.slug)
        .order_by("-period_end", "-pk")
        .first()
    )


@dataclass(frozen=True)
class RoundResult:
    """An activity's status in one round."""

    category: str
    label: str
    text: str


def round_results(round: FollowUpRound) -> dict[uuid.UUID, RoundResult]:
    """The round's status of each activity it has one for, by the activity's
    lineage (so that later versions of the plan find theirs): two queries."""
    reports = (
        StatusReport.objects.filter(
            task__round=round,
            task__state=TaskState.APPROVED,
            task__activity__isnull=False,
            is_conflict=False,
        )
        .select_related("status", "task__activity")
        .order_by("task_id", "-number")
    )
    results: dict[uuid.UUID, RoundResult] = {}
    seen_tasks: set[int] = set()
    for report in reports:
        if report.task_id in seen_tasks:
            continue
        seen_tasks.add(report.task_id)
        activity = report.task.activity
        if report.status is not None and activity is not None:
            results[activity.lineage] = RoundResult(
                report.status.category, report.status.label, report.done
            )
    consolidations = (
        Consolidation.objects.filter(round=round, is_conflict=False)
        .select_related("status", "activity")
        .order_by("activity_id", "-number")
    )
    seen_activities: set[int] = set()
    for row in consolidations:
        if row.activity_id in seen_activities:
            continue
        seen_activities.add(row.activity_id)
        results[row.activity.lineage] = RoundResult(row.status.category, row.status.label, row.text)
    return results


@dataclass(frozen=True)
class PublicValue:
    """A measure's current value for a period and gender, as it may be published."""

    value: MeasureValue
    shown: float | None
    shown_as: str
    suppressed: bool


def public_values(measure: Measure) -> list[PublicValue]:
    """The current value per period and gender (oldest period first). A count
    (a measure of the kind "antal") goes through disclosure control with the
    organisation's threshold: a small count is not shown."""
    values = latest_values(MeasureValue.objects.of_measure(measure))
    is_count = measure.kind == MeasureKind.COUNT
    threshold = StatisticsSettings.threshold_for(measure.plan.organization) if is_count else 0
    result = []
    for key in sorted(values, key=lambda k: (k[0].sort_key, k[1])):
        value = values[key]
        if is_count:
            cell = protect_count(int(value.value), threshold)
            shown = float(value.value) if cell.shown else None
            result.append(PublicValue(value, shown, cell.text, not cell.shown))
        else:
            text = f"{value.value.normalize():f}"
            result.append(PublicValue(value, float(value.value), text, False))
    return result
