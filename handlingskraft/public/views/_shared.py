"""What several public views build: a published plan's activities with their
published statuses, and its measures over time."""

from __future__ import annotations

from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.plans.models import Activity, Measure, Plan

from ..comparison import count_lineages
from ..status import ActivityResult, activity_results, round_statuses
from ..trends import MeasureTrend, counts_values, measure_trend, published_values


def plan_activities(plan: Plan) -> list[Activity]:
    """Every activity of a plan fetched `with_structure()`, goal by goal, then
    those outside any goal."""
    activities = [a for goal in plan.goals.all() for a in goal.activities.all()]
    return activities + list(plan.activities.all())


def plan_results(plan: Plan, round: FollowUpRound | None) -> list[ActivityResult]:
    """The plan's activities with their statuses in `round` (none without one)."""
    statuses = round_statuses(round) if round is not None else {}
    return activity_results(plan_activities(plan), statuses)


def plan_trends(plan: Plan) -> list[MeasureTrend]:
    """Each measure of the plan with its published values, in a fixed number
    of queries."""
    measures = list(
        Measure.objects.filter(plan=plan)
        .select_related("goal")
        .prefetch_related("targets")
        .order_by("goal__number", "position", "pk")
    )
    organization = plan.organization
    values = published_values(organization, [measure.lineage for measure in measures])
    counted = count_lineages(organization)
    threshold = StatisticsSettings.threshold_for(organization)
    return [
        measure_trend(
            measure,
            values.get(measure.lineage, []),
            is_count=counts_values(measure, counted),
            threshold=threshold,
        )
        for measure in measures
    ]
