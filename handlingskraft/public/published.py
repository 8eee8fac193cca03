"""Fetching what is published, and only that: every public page reads the
domain through these functions (and `MeasureValue.objects.published()`), so
that what "published" means is decided in the domain's querysets and nowhere
else. Each is a fixed number of queries whatever the data's size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from handlingskraft.datacollection.models import DataSet
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import (
    Activity,
    Goal,
    Measure,
    Plan,
    PlanQuerySet,
    Prerequisite,
)

from .models import HelpContact


def organization_or_404(org_slug: str) -> Organization:
    return get_object_or_404(Organization, slug=org_slug)


def latest_published_versions(plans: PlanQuerySet) -> PlanQuerySet:
    """Of `plans`, the highest published version of each plan (by slug)."""
    newer = Plan.objects.published().filter(
        organization=OuterRef("organization"),
        slug=OuterRef("slug"),
        version__gt=OuterRef("version"),
    )
    return plans.published().exclude(Exists(newer))


def published_plans(organization: Organization) -> list[Plan]:
    """The organisation's published plans, each in its latest published version."""
    plans = Plan.objects.filter(organization=organization)
    return list(latest_published_versions(plans).order_by("title", "slug"))


def published_plan(organization: Organization, plan_slug: str) -> Plan:
    """The plan's latest published version with its whole structure, or 404."""
    plan = (
        latest_published_versions(Plan.objects.filter(organization=organization, slug=plan_slug))
        .with_structure()
        .first()
    )
    if plan is None:
        raise Http404(_("Planen finns inte eller är inte publicerad."))
    return plan


@dataclass(frozen=True)
class PlanOutline:
    """A published plan version's outline: each goal with its prerequisites and
    measures (in the plan's order), and the measures outside any goal."""

    plan: Plan
    goals: list[tuple[Goal, list[Prerequisite], list[Measure]]]
    measures: list[Measure]


def published_plan_outline(organization: Organization, plan_slug: str) -> PlanOutline:
    """The outline of the plan's latest published version, or 404, in four
    plain queries (cheaper than prefetching the same rows onto the plan). Its
    activities are fetched apart, by `published_activities`."""
    plan = (
        latest_published_versions(Plan.objects.filter(organization=organization, slug=plan_slug))
        .select_related("organization", "decided_by")
        .first()
    )
    if plan is None:
        raise Http404(_("Planen finns inte eller är inte publicerad."))
    prerequisites: dict[int, list[Prerequisite]] = {}
    for prerequisite in Prerequisite.objects.filter(goal__plan=plan).order_by("position", "pk"):
        prerequisites.setdefault(prerequisite.goal_id, []).append(prerequisite)
    measures: dict[int | None, list[Measure]] = {}
    for measure in Measure.objects.filter(plan=plan).order_by("position", "pk"):
        measures.setdefault(measure.goal_id, []).append(measure)
    goals = [
        (goal, prerequisites.get(goal.pk, []), measures.get(goal.pk, []))
        for goal in Goal.objects.filter(plan=plan).order_by("number")
    ]
    return PlanOutline(plan=plan, goals=goals, measures=measures.get(None, []))


def published_activities(plan: Plan) -> list[Activity]:
    """The activities of a published plan with their goals, goal by goal, then
    those outside any goal (as `with_structure()` orders them), in one query;
    their actors are read apart (`status_list.responsible_actors`)."""
    activities = in_plan_order(plan.activities.all())
    # Sorted here: databases disagree on where activities without a goal sort.
    return sorted(activities, key=lambda activity: activity.goal_id is None)


def published_rounds(organization: Organization, plan_slug: str) -> QuerySet[FollowUpRound]:
    """The plan's published rounds (of any of its published versions), newest first."""
    return (
        FollowUpRound.objects.published()
        .filter(organization=organization, plan__slug=plan_slug)
        .select_related("plan")
        .order_by("-period_end", "-pk")
    )


def published_round(organization: Organization, plan_slug: str, round_id: int) -> FollowUpRound:
    return get_object_or_404(published_rounds(organization, plan_slug), pk=round_id)


def in_plan_order(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Activities with their goals, in goal and plan order."""
    return activities.select_related("goal").order_by("goal__number", "position", "pk")


def published_data_sets(organization: Organization) -> QuerySet[DataSet]:
    """The organisation's data sets whose statistics the coordinator has published."""
    return DataSet.objects.filter(
        organization=organization, publication__published_at__isnull=False
    ).order_by("name")


def published_data_set(organization: Organization, data_set_id: int) -> DataSet:
    return get_object_or_404(published_data_sets(organization), pk=data_set_id)


@dataclass(frozen=True)
class PublicOrganization:
    organization: Organization
    plans: list[Plan]
    has_help: bool


def public_organizations() -> list[PublicOrganization]:
    """Organisations with anything public (a published plan or a help page
    with contacts), with their published plans, in three queries."""
    latest = latest_published_versions(Plan.objects.all()).order_by("title", "slug")
    has_help = Exists(HelpContact.objects.shown().filter(organization=OuterRef("pk")))
    has_plan = Exists(Plan.objects.published().filter(organization=OuterRef("pk")))
    organizations = (
        Organization.objects.annotate(has_help=has_help, has_plan=has_plan)
        .filter(Q(has_help=True) | Q(has_plan=True))
        .prefetch_related(Prefetch("plans", queryset=latest, to_attr="public_plans"))
        .order_by("name")
    )
    return [
        PublicOrganization(
            organization=organization,
            plans=organization.public_plans,
            has_help=organization.has_help,
        )
        for organization in organizations
    ]
