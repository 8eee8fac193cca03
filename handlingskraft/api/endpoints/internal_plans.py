"""With a token: the organisation's plans in every version (drafts too), their
activities with the current status, measures and their values, and entering
a measure's value. The token's organisation is the only one reachable:
anything else answers 404."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from handlingskraft.accounts.permissions import Capability, may_enter_values
from handlingskraft.indicators.forms import ValueForm
from handlingskraft.indicators.models import MeasureValue
from handlingskraft.indicators.queries import latest_values, value_reporting_actor_ids
from handlingskraft.indicators.services import IndicatorError, value_record
from handlingskraft.plans.models import Activity, Measure, Plan

from ..auth import Caller, caller_of
from ..errors import Forbidden, Unprocessable, invalid
from ..representations import (
    Row,
    activities_for_rows,
    activity_row,
    actor_row,
    measure_row,
    measures_for_rows,
    organization_row,
    paged,
    paged_list,
    period_text,
    plan_detail_row,
    plan_row,
    plans_for_rows,
)
from ..schemas import (
    ActivityFilters,
    Id,
    InternalActivityPage,
    InternalPlanFilters,
    MeasureFilters,
    MeasurePage,
    MeOut,
    PlanDetailOut,
    PlanPage,
    ValueFilters,
    ValueIn,
    ValueOut,
    ValuePage,
)
from .common import filter_activities, token_responses

router = Router(tags=["Med nyckel: planer och mått"])


@router.get("/me", response=token_responses(MeOut), summary="Nyckeln och dess behörighet")
def internal_me(request: HttpRequest) -> Row:
    caller = caller_of(request)
    membership = caller.membership
    token = caller.token
    return {
        "username": caller.user.get_username(),
        "organization": organization_row(caller.organization),
        "role": membership.role if membership else None,
        "actor": actor_row(membership.actor) if membership and membership.actor else None,
        "capabilities": sorted(str(capability) for capability in caller.capabilities),
        "token_name": token.name,
        "token_read_only": token.read_only,
        "token_expires_at": token.expires_at,
    }


def _plan(caller: Caller, plan_id: int) -> Plan:
    caller.require(Capability.VIEW_PLAN)
    return get_object_or_404(
        Plan.objects.select_related("organization", "decided_by"),
        pk=plan_id,
        organization=caller.organization,
    )


def _measure(caller: Caller, measure_id: int) -> Measure:
    caller.require(Capability.VIEW_PLAN)
    return get_object_or_404(
        Measure.objects.select_related("plan", "plan__organization", "goal"),
        pk=measure_id,
        plan__organization=caller.organization,
    )


@router.get("/plans", response=token_responses(PlanPage), summary="Alla planversioner")
def internal_plan_list(request: HttpRequest, filters: Query[InternalPlanFilters]) -> Row:
    caller = caller_of(request)
    caller.require(Capability.VIEW_PLAN)
    plans = Plan.objects.filter(organization=caller.organization)
    if filters.slug:
        plans = plans.filter(slug=filters.slug)
    if filters.status:
        plans = plans.filter(status=filters.status)
    rows, page = paged(plans_for_rows(plans), filters)
    return {**page, "items": [plan_row(plan) for plan in rows]}


@router.get(
    "/plans/{plan_id}", response=token_responses(PlanDetailOut, 404), summary="En planversion"
)
def internal_plan_detail(request: HttpRequest, plan_id: Id) -> Row:
    return plan_detail_row(_plan(caller_of(request), plan_id))


@router.get(
    "/plans/{plan_id}/activities",
    response=token_responses(InternalActivityPage, 404),
    summary="Planversionens aktiviteter med aktuell status",
)
def internal_activity_list(
    request: HttpRequest, plan_id: Id, filters: Query[ActivityFilters]
) -> Row:
    plan = _plan(caller_of(request), plan_id)
    activities = filter_activities(Activity.objects.filter(plan=plan), filters)
    if filters.status:
        activities = activities.filter(status=filters.status)
    rows, page = paged(activities_for_rows(activities), filters)
    items = [
        {
            **activity_row(activity),
            "status": activity.status,
            "status_note": activity.status_note,
            "status_date": activity.status_date,
        }
        for activity in rows
    ]
    return {**page, "items": items}


@router.get(
    "/plans/{plan_id}/measures",
    response=token_responses(MeasurePage, 404),
    summary="Planversionens mått",
)
def internal_measure_list(request: HttpRequest, plan_id: Id, filters: Query[MeasureFilters]) -> Row:
    plan = _plan(caller_of(request), plan_id)
    measures = Measure.objects.filter(plan=plan)
    if filters.goal is not None:
        measures = measures.filter(goal__number=filters.goal)
    ordered = measures_for_rows(measures).order_by("goal__number", "position", "pk")
    rows, page = paged(ordered, filters)
    return {**page, "items": [measure_row(measure) for measure in rows]}


def value_row(value: MeasureValue, current_ids: set[int]) -> Row:
    """Needs `entered_by` loaded."""
    return {
        "id": value.pk,
        "period": period_text(value.year, value.tertial),
        "year": value.year,
        "tertial": value.tertial,
        "gender": value.gender,
        "value": float(value.value),
        "comment": value.comment,
        "source": value.source,
        "entered_by": value.entered_by.get_username() if value.entered_by else None,
        "entered_at": value.entered_at,
        "is_current": value.pk in current_ids,
    }


@router.get(
    "/measures/{measure_id}/values",
    response=token_responses(ValuePage, 404),
    summary="Måttets alla värden med historik",
)
def internal_value_list(request: HttpRequest, measure_id: Id, filters: Query[ValueFilters]) -> Row:
    measure = _measure(caller_of(request), measure_id)
    values = list(MeasureValue.objects.of_measure(measure).select_related("entered_by"))
    current_ids = {value.pk for value in latest_values(values).values()}
    chosen = [
        value
        for value in values
        if (filters.year is None or value.year == filters.year)
        and (filters.gender is None or value.gender == filters.gender)
    ]
    rows, page = paged_list(chosen, filters)
    return {**page, "items": [value_row(value, current_ids) for value in rows]}


@router.post(
    "/measures/{measure_id}/values",
    response=token_responses(ValueOut, 404, status=201),
    summary="För in ett värde för en period",
)
def internal_value_create(request: HttpRequest, measure_id: Id, data: ValueIn) -> Status[Row]:
    caller = caller_of(request)
    measure = _measure(caller, measure_id)
    caller.require_writing(Capability.VIEW_PLAN)
    actors = value_reporting_actor_ids(measure)
    if not may_enter_values(caller.user, caller.organization, reporting_actor_ids=actors):
        raise Forbidden(
            _(
                "Värden för måttet förs in av samordnaren, och av de ansvariga aktörerna "
                "medan en uppföljningsomgång av planen är öppen."
            )
        )
    form = ValueForm(
        {
            "period": data.period,
            "gender": data.gender,
            "value": str(data.value),
            "comment": data.comment,
        },
        measure=measure,
    )
    if not form.is_valid():
        raise invalid(form)
    try:
        value = value_record(measure=measure, user=caller.user, data=form.value_input())
    except IndicatorError as error:
        raise Unprocessable(str(error)) from None
    return Status(201, value_row(value, {value.pk}))
