"""Working with a plan: every activity in one filterable list, what the plan
asks of one actor, and the plan's year on a timeline."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.activity_filters import (
    NO_STATUS,
    ActivityFilter,
    ActivityRow,
    DuePeriod,
    SortOrder,
    numbered,
    select_activities,
    swedish_key,
)
from handlingskraft.plans.activity_texts import shown_rows
from handlingskraft.plans.models import Activity, ActivityStatus, Plan, PreventionLevel
from handlingskraft.plans.review_calendar import review_events, terms_of
from handlingskraft.plans.timeline import build_timeline

from .pages import (
    assignments_by_activity,
    is_revised,
    plan_or_404,
    requested_version,
    with_assignments,
)

# The timeline accepts years in this range; anything else shows this year.
TIMELINE_YEARS = range(1990, 2101)


@requires(Capability.VIEW_PLAN)
def activity_list(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    """Every activity of the plan version in one table, filtered and sorted by
    the query string. An htmx request gets only the results fragment."""
    version = requested_version(request)
    plan = plan_or_404(
        Plan.objects.select_related("organization"), organization, plan_slug, version
    )
    # `numbered` puts the rows in the plan's order: the database need not.
    activities = list(plan.activities.select_related("goal").order_by())
    assignments = assignments_by_activity(plan) if activities else {}
    rows = numbered(ActivityRow.of(a, assignments.get(a.pk, [])) for a in activities)
    chosen = ActivityFilter.from_query(request.GET)
    shown = select_activities(rows, chosen, timezone.localdate())
    context = {
        "plan": plan,
        "version": version,
        "filter": chosen,
        "rows": shown,
        "shown_rows": shown_rows(shown, plan, version),
        "total": len(rows),
        "actor_choices": responsible_actors(rows),
        "goal_choices": list(plan.goals.order_by("number")),
        "status_choices": [*ActivityStatus.choices, (NO_STATUS, _("Ingen status angiven"))],
        "level_choices": PreventionLevel.choices,
        "due_choices": [(period.value, period.label) for period in DuePeriod],
        "sort_choices": [(order.value, order.label) for order in SortOrder],
        "is_htmx": is_htmx(request),
    }
    template = "plans/activity_list.html"
    response = render(request, f"{template}#results" if is_htmx(request) else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and not headers.get("HX-History-Restore-Request")


def responsible_actors(rows: list[ActivityRow]) -> list[Actor]:
    """The actors responsible for any of the rows' activities, alphabetically."""
    actors = {
        assignment.actor.pk: assignment.actor for row in rows for assignment in row.assignments
    }
    return sorted(actors.values(), key=lambda actor: swedish_key(actor.name))


@requires(Capability.VIEW_PLAN)
def actor_responsibility(
    request: HttpRequest, organization: Organization, plan_slug: str, actor_id: int
) -> HttpResponse:
    """What the plan asks of one actor: its responsibilities, the activities it
    leads and shares, and what it follows up for others."""
    actor = get_object_or_404(Actor, pk=actor_id, organization=organization)
    version = requested_version(request)
    plan = plan_or_404(
        Plan.objects.select_related("organization"), organization, plan_slug, version
    )
    activities = with_assignments(
        plan.activities.filter(assignments__actor=actor).select_related("goal")
    )
    leads: list[Activity] = []
    shares: list[Activity] = []
    for activity in activities:
        lead = activity.lead
        (leads if lead is not None and lead.pk == actor.pk else shares).append(activity)
    context = {
        "plan": plan,
        "version": version,
        "actor": actor,
        "responsibilities": plan.responsibilities.filter(actor=actor).select_related(
            "followed_up_by"
        ),
        "leads": leads,
        "shares": shares,
        "follows_up": plan.responsibilities.filter(followed_up_by=actor)
        .exclude(actor=actor)
        .select_related("actor"),
    }
    return render(request, "plans/actor_responsibility.html", context)


@requires(Capability.VIEW_PLAN)
def timeline(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    """The plan's activities and reviews of one year (?year=, default this year)."""
    today = timezone.localdate()
    value = request.GET.get("year", "")
    year = int(value) if len(value) == 4 and value.isdigit() else today.year
    year = year if year in TIMELINE_YEARS else today.year
    version = requested_version(request)
    plan = plan_or_404(
        Plan.objects.select_related("organization"), organization, plan_slug, version
    )
    activities = with_assignments(plan.activities.select_related("goal"))
    events = review_events(terms_of(plan, revised=is_revised(plan)), today=today)
    context = {
        "plan": plan,
        "version": version,
        "year": year,
        "previous_year": year - 1 if year - 1 in TIMELINE_YEARS else None,
        "next_year": year + 1 if year + 1 in TIMELINE_YEARS else None,
        "timeline": build_timeline(activities, year),
        "review_events": [event for event in events if event.year == year],
    }
    return render(request, "plans/timeline.html", context)
