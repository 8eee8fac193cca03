"""The public pages: open to everyone, with nothing but what the coordinator
has published. They read nothing from the session, write nothing to it and
carry no form with a CSRF token, so they set no cookie (tested)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import public
from handlingskraft.datacollection.disclosure import small_text
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan

from ..models import HelpContact
from ..published import (
    in_plan_order,
    latest_published_versions,
    organization_or_404,
    public_organizations,
    published_activities,
    published_data_sets,
    published_plan,
    published_plan_outline,
    published_plans,
    published_round,
    published_rounds,
)
from ..reports import published_reports
from ..status import activity_results, grouped, round_statuses
from ..status_list import responsible_actors, shown_groups
from ._shared import plan_trends


@public
def index(request: HttpRequest) -> HttpResponse:
    """Every organisation with something public, and the site-wide pages."""
    return render(request, "public/index.html", {"entries": public_organizations()})


@public
def organization_home(request: HttpRequest, org_slug: str) -> HttpResponse:
    """What one organisation has published: its plans, statistics, report
    files, and the way to its help page."""
    organization = organization_or_404(org_slug)
    context = {
        "organization": organization,
        "plans": published_plans(organization),
        "data_sets": list(published_data_sets(organization)),
        "reports": published_reports(organization),
        "has_help": HelpContact.objects.shown().filter(organization=organization).exists(),
    }
    return render(request, "public/organization.html", context)


@public
def plan_detail(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    """The published plan: its facts, goals with prerequisites and measures,
    and each activity's status from the latest published round, grouped."""
    organization = organization_or_404(org_slug)
    outline = published_plan_outline(organization, plan_slug)
    plan = outline.plan
    rounds = list(published_rounds(organization, plan_slug))
    latest = rounds[0] if rounds else None
    statuses = round_statuses(latest) if latest is not None else {}
    activities = published_activities(plan)
    results = activity_results(activities, statuses)
    actors = responsible_actors(plan, activities)
    context = {
        "organization": organization,
        "plan": plan,
        "goals": outline.goals,
        "plan_measures": outline.measures,
        "round": latest,
        "round_count": len(rounds),
        "groups": shown_groups(grouped(results), plan, actors),
        "total": len(results),
        "reports": published_reports(organization, plan_slug),
    }
    return render(request, "public/plan.html", context)


@public
def round_list(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    """The history of the plan's published rounds."""
    organization = organization_or_404(org_slug)
    plan = _plan_heading(organization, plan_slug)
    rounds = list(published_rounds(organization, plan_slug))
    return render(
        request,
        "public/round_list.html",
        {"organization": organization, "plan": plan, "rounds": rounds},
    )


@public
def round_detail(
    request: HttpRequest, org_slug: str, plan_slug: str, round_id: int
) -> HttpResponse:
    """One published round: the status of each activity of the plan version
    it followed up, grouped."""
    organization = organization_or_404(org_slug)
    plan = _plan_heading(organization, plan_slug)
    round = published_round(organization, plan_slug, round_id)
    activities = list(in_plan_order(round.plan.activities.all()))
    results = activity_results(activities, round_statuses(round))
    actors = responsible_actors(round.plan, activities)
    context = {
        "organization": organization,
        "plan": plan,
        "round": round,
        "followed_plan": round.plan,
        "groups": shown_groups(grouped(results), round.plan, actors),
        "total": len(results),
    }
    return render(request, "public/round_detail.html", context)


@public
def measures(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    """The plan's measures over time: chart and table for each, counts after
    disclosure control."""
    organization = organization_or_404(org_slug)
    plan = published_plan(organization, plan_slug)
    trends = plan_trends(plan)
    context = {
        "organization": organization,
        "plan": plan,
        "trends": trends,
        "small": small_text(StatisticsSettings.threshold_for(organization)),
    }
    return render(request, "public/measures.html", context)


def _plan_heading(organization: Organization, plan_slug: str) -> Plan:
    """The plan's latest published version, for headings and breadcrumbs (a
    plan that is not published answers 404 on all its pages)."""
    plan = (
        latest_published_versions(Plan.objects.filter(organization=organization, slug=plan_slug))
        .select_related("organization")
        .first()
    )
    if plan is None:
        raise Http404(_("Planen finns inte eller är inte publicerad."))
    return plan
