"""The open API: published data only, for anyone, without a token. Every
query goes through published.py."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from handlingskraft.plans.models import Activity, Goal, Measure

from .. import published
from ..representations import (
    Row,
    activities_for_rows,
    activity_row,
    goal_row,
    measure_row,
    measures_for_rows,
    organization_row,
    paged,
    paged_list,
    period_text,
    plan_detail_row,
    plan_row,
    plans_for_rows,
    round_row,
    rounds_for_rows,
)
from ..schemas import (
    ActivityFilters,
    GoalPage,
    Id,
    MeasureFilters,
    MeasureOut,
    MeasurePage,
    OrganizationOut,
    OrganizationPage,
    PageParams,
    PlanDetailOut,
    PlanFilters,
    PlanPage,
    PublicActivityPage,
    PublicValuePage,
    RoundFilters,
    RoundOut,
    RoundPage,
    RoundStatusFilters,
    RoundStatusPage,
    Slug,
    ValueFilters,
)
from .common import filter_activities, responses

router = Router(tags=["Öppna uppgifter"])


@router.get(
    "/organizations",
    response=responses(OrganizationPage),
    summary="Organisationer med publicerade planer",
)
def public_organization_list(request: HttpRequest, params: Query[PageParams]) -> Row:
    rows, page = paged(published.published_organizations(), params)
    return {**page, "items": [organization_row(row) for row in rows]}


@router.get(
    "/organizations/{slug}",
    response=responses(OrganizationOut, 404),
    summary="En organisation",
)
def public_organization_detail(request: HttpRequest, slug: Slug) -> Row:
    organization = get_object_or_404(published.published_organizations(), slug=slug)
    return organization_row(organization)


@router.get("/plans", response=responses(PlanPage), summary="Publicerade planversioner")
def public_plan_list(request: HttpRequest, filters: Query[PlanFilters]) -> Row:
    plans = published.published_plans()
    if filters.organization:
        plans = plans.filter(organization__slug=filters.organization)
    if filters.slug:
        plans = plans.filter(slug=filters.slug)
    rows, page = paged(plans_for_rows(plans), filters)
    return {**page, "items": [plan_row(plan) for plan in rows]}


@router.get(
    "/plans/{plan_id}",
    response=responses(PlanDetailOut, 404),
    summary="En publicerad planversion med målbilder och ansvar",
)
def public_plan_detail(request: HttpRequest, plan_id: Id) -> Row:
    return plan_detail_row(published.published_plan(plan_id))


@router.get(
    "/plans/{plan_id}/goals",
    response=responses(GoalPage, 404),
    summary="Planens målbilder",
)
def public_goal_list(request: HttpRequest, plan_id: Id, params: Query[PageParams]) -> Row:
    plan = published.published_plan(plan_id)
    goals = Goal.objects.filter(plan=plan).prefetch_related("prerequisites").order_by("number")
    rows, page = paged(goals, params)
    return {**page, "items": [goal_row(goal) for goal in rows]}


@router.get(
    "/plans/{plan_id}/measures",
    response=responses(MeasurePage, 404),
    summary="Planens mått",
)
def public_measure_list(request: HttpRequest, plan_id: Id, filters: Query[MeasureFilters]) -> Row:
    plan = published.published_plan(plan_id)
    measures = Measure.objects.filter(plan=plan)
    if filters.goal is not None:
        measures = measures.filter(goal__number=filters.goal)
    rows, page = paged(
        measures_for_rows(measures).order_by("goal__number", "position", "pk"), filters
    )
    return {**page, "items": [measure_row(measure) for measure in rows]}


@router.get(
    "/plans/{plan_id}/activities",
    response=responses(PublicActivityPage, 404),
    summary="Planens aktiviteter med status från den senast publicerade uppföljningen",
)
def public_activity_list(request: HttpRequest, plan_id: Id, filters: Query[ActivityFilters]) -> Row:
    plan = published.published_plan(plan_id)
    round = published.latest_published_round(plan)
    results = published.round_results(round) if round else {}
    activities = filter_activities(Activity.objects.filter(plan=plan), filters)
    if filters.status:
        lineages = [key for key, result in results.items() if result.category == filters.status]
        activities = activities.filter(lineage__in=lineages)
    rows, page = paged(activities_for_rows(activities), filters)
    items = []
    for activity in rows:
        result = results.get(activity.lineage)
        status = None
        if round is not None and result is not None:
            status = {
                "round_id": round.pk,
                "round_name": round.name,
                "period_end": round.period_end,
                "status": result.category,
                "label": result.label,
                "text": result.text,
            }
        items.append({**activity_row(activity), "published_status": status})
    return {**page, "items": items}


@router.get(
    "/measures/{measure_id}",
    response=responses(MeasureOut, 404),
    summary="Ett mått i en publicerad plan",
)
def public_measure_detail(request: HttpRequest, measure_id: Id) -> Row:
    measure = published.published_measure(measure_id)
    return measure_row(measures_for_rows(Measure.objects.filter(pk=measure.pk)).get())


@router.get(
    "/measures/{measure_id}/values",
    response=responses(PublicValuePage, 404),
    summary="Måttets värden per period (små antal döljs)",
)
def public_value_list(request: HttpRequest, measure_id: Id, filters: Query[ValueFilters]) -> Row:
    measure = published.published_measure(measure_id)
    values = [
        row
        for row in published.public_values(measure)
        if (filters.year is None or row.value.year == filters.year)
        and (filters.gender is None or row.value.gender == filters.gender)
    ]
    rows, page = paged_list(values, filters)
    items = [
        {
            "period": period_text(row.value.year, row.value.tertial),
            "year": row.value.year,
            "tertial": row.value.tertial,
            "gender": row.value.gender,
            "value": row.shown,
            "shown_as": row.shown_as,
            "suppressed": row.suppressed,
            "source": row.value.source,
        }
        for row in rows
    ]
    return {**page, "items": items}


@router.get("/rounds", response=responses(RoundPage), summary="Publicerade uppföljningar")
def public_round_list(request: HttpRequest, filters: Query[RoundFilters]) -> Row:
    rounds = published.published_rounds()
    if filters.organization:
        rounds = rounds.filter(organization__slug=filters.organization)
    if filters.plan:
        rounds = rounds.filter(plan_id=filters.plan)
    if filters.kind:
        rounds = rounds.filter(kind=filters.kind)
    rows, page = paged(rounds_for_rows(rounds), filters)
    return {**page, "items": [round_row(round) for round in rows]}


@router.get(
    "/rounds/{round_id}",
    response=responses(RoundOut, 404),
    summary="En publicerad uppföljning",
)
def public_round_detail(request: HttpRequest, round_id: Id) -> Row:
    return round_row(published.published_round(round_id))


@router.get(
    "/rounds/{round_id}/statuses",
    response=responses(RoundStatusPage, 404),
    summary="Aktiviteternas status i en publicerad uppföljning",
)
def public_round_statuses(
    request: HttpRequest, round_id: Id, filters: Query[RoundStatusFilters]
) -> Row:
    round = published.published_round(round_id)
    results = published.round_results(round)
    activities = Activity.objects.filter(plan_id=round.plan_id).select_related("goal")
    if filters.goal is not None:
        activities = activities.filter(goal__number=filters.goal)
    if filters.status:
        lineages = [key for key, result in results.items() if result.category == filters.status]
        activities = activities.filter(lineage__in=lineages)
    rows, page = paged(activities.order_by("goal__number", "position", "pk"), filters)
    items = []
    for activity in rows:
        result = results.get(activity.lineage)
        items.append(
            {
                "activity_id": activity.pk,
                "activity_lineage": activity.lineage,
                "goal": activity.goal.number if activity.goal else None,
                "description": activity.description,
                "status": result.category if result else None,
                "label": result.label if result else None,
                "text": result.text if result else "",
            }
        )
    return {**page, "items": items}
