"""Fetching what the indicator pages and services need, in a fixed number of
queries; another organisation's measure or survey is a 404."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from handlingskraft.followup.models import FollowUpRound, RoundState
from handlingskraft.organizations.models import ActorKind, Organization
from handlingskraft.plans.models import ActivityActor, Measure, Plan, ShareOf
from handlingskraft.plans.periods import Period

from .models import MeasureValue, UnitSurvey, UnitSurveyAnswer

ACTOR_SHARES = {
    ShareOf.COMMITTEE: ActorKind.COMMITTEE,
    ShareOf.ADMINISTRATION: ActorKind.ADMINISTRATION,
}

ValueKey = tuple[Period, str]


def measure_of(organization: Organization, measure_id: int) -> Measure:
    """The organisation's measure, with its plan and goal; anything else is a 404."""
    return get_object_or_404(
        Measure.objects.select_related("plan", "plan__organization", "goal"),
        pk=measure_id,
        plan__organization=organization,
    )


def survey_of(organization: Organization, survey_id: int) -> UnitSurvey:
    """The organisation's unit survey, with its measure; anything else is a 404."""
    return get_object_or_404(
        UnitSurvey.objects.select_related("measure", "measure__plan", "organization"),
        pk=survey_id,
        organization=organization,
    )


def current_measures(organization: Organization) -> QuerySet[Measure]:
    """The measures of the current version of each of the organisation's plans."""
    plans = Plan.objects.filter(organization=organization).current_versions()
    return Measure.objects.filter(plan__in=plans)


def latest_values(values: Iterable[MeasureValue]) -> dict[ValueKey, MeasureValue]:
    """The current value per (period, gender): the latest row of each."""
    latest: dict[ValueKey, MeasureValue] = {}
    for value in values:
        key = (value.period, value.gender)
        if key not in latest or value.pk > latest[key].pk:
            latest[key] = value
    return latest


def targets_by_period(measure: Measure) -> dict[Period, Decimal]:
    """The measure's targets per period, including the plan's own target
    (`target_year`, `target_value`) where no per-period target names that year."""
    targets = {target.period: target.value for target in measure.targets.all()}
    if measure.target_year and measure.target_value is not None:
        targets.setdefault(Period(measure.target_year), measure.target_value)
    return targets


def value_reporting_actor_ids(measure: Measure) -> set[int]:
    """The actors whose reporters may enter the measure's values now: those
    responsible for an activity of the measure's goal (of the plan, for a
    measure without a goal), while a follow-up round of its plan is open."""
    open_round = FollowUpRound.objects.filter(plan_id=measure.plan_id, state=RoundState.OPEN)
    if not open_round.exists():
        return set()
    assignments = ActivityActor.objects.filter(activity__plan_id=measure.plan_id)
    if measure.goal_id is not None:
        assignments = assignments.filter(activity__goal_id=measure.goal_id)
    return set(assignments.values_list("actor_id", flat=True))


def survey_answers(survey: UnitSurvey) -> list[UnitSurveyAnswer]:
    """The survey's answer rows with their respondents, in name order."""
    return list(survey.answers.select_related("actor", "unit", "answered_by"))
