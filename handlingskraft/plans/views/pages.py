"""Reading a plan: the organisation's start page, the plan overview and one
goal. The activity list, each actor's responsibility and the timeline are in
`workspace.py`."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, requires, requires_login
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.activity_filters import (
    FINISHED,
    SOON,
    is_due_soon,
    is_overdue,
    swedish_key,
)
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Goal,
    Measure,
    Plan,
    PlanQuerySet,
    PlanStatus,
    Responsibility,
)
from handlingskraft.plans.review_calendar import ReviewEvent, review_events, terms_of
from handlingskraft.plans.status_summary import status_summary, summary_of_counts


@requires_login
def organization_list(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to (all of them for administrators)."""
    organizations = Organization.objects.prefetch_related(
        Prefetch("plans", queryset=Plan.objects.current_versions().order_by("title"))
    )
    user = cast(User, request.user)  # @requires_login: never anonymous here
    if not user.is_superuser:
        organizations = organizations.filter(memberships__user=user, memberships__is_active=True)
    return render(request, "plans/organization_list.html", {"organizations": organizations})


# --- the organisation's start page ----------------------------------------------


@dataclass
class PlanEntry:
    """One plan on the start page: the version pages show by default, and a
    newer version being drafted, if any."""

    plan: Plan
    draft: Plan | None
    events: list[ReviewEvent]


@requires(Capability.VIEW_PLAN)
def organization_home(request: HttpRequest, organization: Organization) -> HttpResponse:
    """The organisation's plans and what needs attention in them now."""
    today = timezone.localdate()
    versions = Plan.objects.filter(organization=organization).order_by("title", "slug", "version")
    entries = plan_entries(list(versions), today)
    in_force = [entry.plan for entry in entries if entry.plan.status != PlanStatus.ARCHIVED]
    upcoming = list(
        with_assignments(Activity.objects.filter(plan__in=in_force))
        .select_related("plan", "goal")
        .filter(due_on__lte=today + SOON)
        .exclude(status__in=FINISHED)
        .order_by("due_on", "plan__title", "goal__number", "position", "pk")
    )
    context = {
        "organization": organization,
        "entries": entries,
        "overdue": [activity for activity in upcoming if is_overdue(activity, today)],
        "due_soon": [activity for activity in upcoming if is_due_soon(activity, today)],
        "review_events": [
            (entry.plan, event)
            for entry in entries
            if entry.plan.status != PlanStatus.ARCHIVED
            for event in entry.events
            if event.state.needs_attention
        ],
        "today": today,
    }
    return render(request, "plans/organization_home.html", context)


def plan_entries(versions: list[Plan], today: datetime.date) -> list[PlanEntry]:
    """Group every version of the organisation's plans by slug (in the order
    given): the version shown is the one `PlanQuerySet.version_for` picks, the
    latest adopted, else the latest."""
    by_slug: dict[str, list[Plan]] = {}
    for plan in versions:
        by_slug.setdefault(plan.slug, []).append(plan)
    entries = []
    for same_plan in by_slug.values():
        same_plan.sort(key=lambda plan: plan.version)
        adopted = [plan for plan in same_plan if plan.status == PlanStatus.ADOPTED]
        shown = adopted[-1] if adopted else same_plan[-1]
        newer = [plan for plan in same_plan if plan.version > shown.version]
        draft = next((plan for plan in reversed(newer) if plan.is_editable), None)
        terms = terms_of(shown, revised=any(not plan.is_editable for plan in newer))
        entries.append(PlanEntry(shown, draft, review_events(terms, today=today)))
    return entries


# --- the plan overview and one goal -------------------------------------------------


@requires(Capability.VIEW_PLAN)
def plan_detail(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    """The plan overview: its facts, status summary, goals with their measures,
    responsibilities, the actors it names, and its review calendar."""
    version = requested_version(request)
    plan = plan_or_404(
        Plan.objects.select_related("organization", "decided_by"), organization, plan_slug, version
    )
    context = {
        "plan": plan,
        "version": version,
        **plan_overview(plan),
        "review_events": review_events(
            terms_of(plan, revised=is_revised(plan)), today=timezone.localdate()
        ),
    }
    return render(request, "plans/plan_detail.html", context)


def plan_overview(plan: Plan) -> dict[str, object]:
    """What the overview shows of the plan's content, in a fixed number of plain
    queries: each goal with its status summary and measures, the activities,
    measures and responsibilities outside any goal, the status summary of the
    whole plan and the actors it names. A goal's activities are only counted
    here; they and its prerequisites are on the goal's own page."""
    goals = list(Goal.objects.filter(plan=plan).order_by("number"))
    measures: dict[int | None, list[Measure]] = {}
    for measure in Measure.objects.filter(plan=plan).order_by("position", "pk"):
        measures.setdefault(measure.goal_id, []).append(measure)
    plan_activities = list(
        with_assignments(Activity.objects.filter(plan=plan, goal=None).order_by("position", "pk"))
    )
    responsibilities = list(
        Responsibility.objects.filter(plan=plan)
        .select_related("actor", "followed_up_by")
        .order_by("position", "pk")
    )
    counts = status_counts_by_goal(plan)
    everything: Counter[str] = Counter()
    for by_status in counts.values():
        everything.update(by_status)
    return {
        "goals": [
            (goal, summary_of_counts(counts.get(goal.pk, {})), measures.get(goal.pk, []))
            for goal in goals
        ],
        "plan_activities": plan_activities,
        "plan_measures": measures.get(None, []),
        "responsibilities": responsibilities,
        "summary": summary_of_counts(everything),
        "actors": actors_named_in(plan, responsibilities),
    }


def status_counts_by_goal(plan: Plan) -> dict[int | None, dict[str, int]]:
    """How many of the plan's activities have each status, per goal (None for
    those outside any goal), counted in one query."""
    counts: dict[int | None, dict[str, int]] = {}
    rows = (
        Activity.objects.filter(plan=plan)
        .order_by()
        .values_list("goal_id", "status")
        .annotate(n=Count("pk"))
    )
    for goal_id, status, count in rows:
        counts.setdefault(goal_id, {})[status] = count
    return counts


@requires(Capability.VIEW_PLAN)
def goal_detail(
    request: HttpRequest, organization: Organization, plan_slug: str, number: int
) -> HttpResponse:
    """One goal: its prerequisites, measures and activities."""
    version = requested_version(request)
    plan = plan_or_404(
        Plan.objects.select_related("organization"), organization, plan_slug, version
    )
    goal = (
        Goal.objects.filter(plan=plan, number=number)
        .prefetch_related(
            "prerequisites",
            Prefetch("measures", queryset=Measure.objects.order_by("position", "pk")),
            Prefetch("activities", queryset=with_assignments(Activity.objects.all())),
        )
        .first()
    )
    if goal is None:
        raise Http404(_("Det finns ingen sådan del av planen."))
    numbers = list(plan.goals.order_by("number").values_list("number", flat=True))
    position = numbers.index(goal.number)
    context = {
        "plan": plan,
        "version": version,
        "goal": goal,
        "summary": status_summary(goal.activities.all()),
        "previous": numbers[position - 1] if position > 0 else None,
        "next": numbers[position + 1] if position + 1 < len(numbers) else None,
    }
    return render(request, "plans/goal_detail.html", context)


# --- shared by the plan pages ---------------------------------------------------------


def version_number(value: str | None) -> int | None:
    """A plan version number written in a URL or form; anything else (including
    numbers too large for the database) counts as none."""
    return int(value) if value and value.isdigit() and len(value) < 6 else None


def requested_version(request: HttpRequest) -> int | None:
    """The plan version asked for with ?version=N, if any (a bad value counts as none)."""
    return version_number(request.GET.get("version"))


def plan_or_404(
    plans: PlanQuerySet, organization: Organization, slug: str, version: int | None
) -> Plan:
    """The version of the plan a page shows (see PlanQuerySet.version_for), or 404."""
    plan = plans.version_for(organization, slug, version)
    if plan is None:
        raise Http404(_("Planen finns inte."))
    return plan


def is_revised(plan: Plan) -> bool:
    """Whether a newer version of the plan has been adopted since (an
    unfinished draft of a revision is not a revision yet)."""
    return Plan.objects.filter(
        organization=plan.organization_id,
        slug=plan.slug,
        version__gt=plan.version,
        status__in=[PlanStatus.ADOPTED, PlanStatus.ARCHIVED],
    ).exists()


def with_assignments(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Activities with their responsible actors prefetched, in the plan's order."""
    return activities.prefetch_related(
        Prefetch(
            "assignments",
            queryset=ActivityActor.objects.select_related("actor").order_by("position", "pk"),
        )
    )


def assignments_by_activity(plan: Plan) -> dict[int, list[ActivityActor]]:
    """The responsible actors of each of the plan's activities, in the plan's
    order, in one query: for a long list, cheaper than prefetching them."""
    assignments: dict[int, list[ActivityActor]] = {}
    rows = ActivityActor.objects.filter(activity__plan=plan).select_related("actor")
    for assignment in rows.order_by("position", "pk"):
        assignments.setdefault(assignment.activity_id, []).append(assignment)
    return assignments


def actors_named_in(plan: Plan, responsibilities: list[Responsibility]) -> list[Actor]:
    """Every actor the plan gives an activity or a responsibility, or who follows
    one up, alphabetically; `responsibilities` are the plan's, fetched with
    their actors."""
    actors = {
        actor.pk: actor
        for actor in Actor.objects.filter(assignments__activity__plan=plan).order_by().distinct()
    }
    for responsibility in responsibilities:
        actors[responsibility.actor.pk] = responsibility.actor
        if responsibility.followed_up_by is not None:
            actors[responsibility.followed_up_by.pk] = responsibility.followed_up_by
    return sorted(actors.values(), key=lambda actor: swedish_key(actor.name))
