"""Editing a plan's measures, activities and responsibilities."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans import services
from handlingskraft.plans.forms import ActivityForm, MeasureForm, ResponsibilityForm
from handlingskraft.plans.models import Activity, Measure, Plan, Responsibility

from .common import (
    FormPage,
    acting_user,
    editing_plan,
    expected_version,
    handle_delete,
    handle_form,
    handle_move,
    item_or_404,
    not_editable,
    posted,
    short,
)


def _goal_asked_for(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    """Start a new item under the goal named by ?malbild=<id>, if it is in the plan."""
    goal_id = request.GET.get("malbild", "")
    if goal_id.isdigit() and plan.goals.filter(pk=int(goal_id)).exists():
        return {"goal": int(goal_id)}
    return {}


# --- measures -----------------------------------------------------------------


@requires(Capability.EDIT_PLAN)
def measure_create(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    plan = editing_plan(request, organization, plan_slug)
    if not plan.is_editable:
        return not_editable(request, plan)
    form = MeasureForm(
        posted(request),
        instance=Measure(plan=plan),
        plan=plan,
        initial=_goal_asked_for(request, plan),
    )
    page = FormPage(heading=_("Lägg till mått"), success_message=_("Tillagt i planen."))
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.measure_create(
            user=acting_user(request),
            plan=plan,
            fields=services.fields_from(services.MeasureFields, data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def measure_update(
    request: HttpRequest, organization: Organization, plan_slug: str, measure_id: int
) -> HttpResponse:
    measure = item_or_404(Measure, organization, plan_slug, measure_id)
    plan = measure.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    form = MeasureForm(
        posted(request),
        instance=measure,
        plan=plan,
        initial={"version_token": services.version_token(measure)},
    )
    page = FormPage(heading=_("Redigera mått"), success_message=_("Ändringen är sparad."))
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.measure_update(
            user=acting_user(request),
            measure=measure,
            fields=services.fields_from(services.MeasureFields, data),
            expected_version=expected_version(data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def measure_delete(
    request: HttpRequest, organization: Organization, plan_slug: str, measure_id: int
) -> HttpResponse:
    measure = item_or_404(Measure, organization, plan_slug, measure_id)
    plan = measure.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    return handle_delete(
        request,
        plan=plan,
        obj=measure,
        heading=_("Ta bort måttet?"),
        description=short(measure.statement),
        consequences=[],
        delete=lambda token: services.measure_delete(
            user=acting_user(request), measure=measure, expected_version=token
        ),
    )


# --- activities ---------------------------------------------------------------


@requires(Capability.EDIT_PLAN)
def activity_create(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    plan = editing_plan(request, organization, plan_slug)
    if not plan.is_editable:
        return not_editable(request, plan)
    form = ActivityForm(
        posted(request),
        instance=Activity(plan=plan),
        plan=plan,
        initial=_goal_asked_for(request, plan),
    )
    page = FormPage(
        heading=_("Lägg till %(label)s") % {"label": plan.activity_label},
        success_message=_("Tillagt i planen."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.activity_create(
            user=acting_user(request),
            plan=plan,
            fields=services.fields_from(services.ActivityFields, data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def activity_update(
    request: HttpRequest, organization: Organization, plan_slug: str, activity_id: int
) -> HttpResponse:
    activity = item_or_404(Activity, organization, plan_slug, activity_id)
    plan = activity.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    form = ActivityForm(
        posted(request),
        instance=activity,
        plan=plan,
        initial={"version_token": services.version_token(activity)},
    )
    page = FormPage(
        heading=_("Redigera %(label)s") % {"label": plan.activity_label},
        success_message=_("Ändringen är sparad."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.activity_update(
            user=acting_user(request),
            activity=activity,
            fields=services.fields_from(services.ActivityFields, data),
            expected_version=expected_version(data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def activity_delete(
    request: HttpRequest, organization: Organization, plan_slug: str, activity_id: int
) -> HttpResponse:
    activity = item_or_404(Activity, organization, plan_slug, activity_id)
    plan = activity.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    return handle_delete(
        request,
        plan=plan,
        obj=activity,
        heading=_("Ta bort %(label)s?") % {"label": plan.activity_label},
        description=short(activity.description),
        consequences=[
            _("De ansvariga aktörernas koppling till den tas också bort."),
        ],
        delete=lambda token: services.activity_delete(
            user=acting_user(request), activity=activity, expected_version=token
        ),
    )


@requires(Capability.EDIT_PLAN)
def activity_move(
    request: HttpRequest, organization: Organization, plan_slug: str, activity_id: int
) -> HttpResponse:
    activity = item_or_404(Activity, organization, plan_slug, activity_id)
    return handle_move(
        request,
        plan=activity.plan,
        anchor=f"aktivitet-{activity.pk}",
        move=lambda direction: services.activity_move(
            user=acting_user(request), activity=activity, direction=direction
        ),
    )


# --- responsibilities ---------------------------------------------------------


@requires(Capability.EDIT_PLAN)
def responsibility_create(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    plan = editing_plan(request, organization, plan_slug)
    if not plan.is_editable:
        return not_editable(request, plan)
    form = ResponsibilityForm(posted(request), instance=Responsibility(plan=plan), plan=plan)
    page = FormPage(heading=_("Lägg till ansvar"), success_message=_("Tillagt i planen."))
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.responsibility_create(
            user=acting_user(request),
            plan=plan,
            fields=services.fields_from(services.ResponsibilityFields, data),
        ),
    )


def _responsibility(organization: Organization, plan_slug: str, pk: int) -> Responsibility:
    return item_or_404(Responsibility, organization, plan_slug, pk, related=("actor",))


@requires(Capability.EDIT_PLAN)
def responsibility_update(
    request: HttpRequest, organization: Organization, plan_slug: str, responsibility_id: int
) -> HttpResponse:
    responsibility = _responsibility(organization, plan_slug, responsibility_id)
    plan = responsibility.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    form = ResponsibilityForm(
        posted(request),
        instance=responsibility,
        plan=plan,
        initial={"version_token": services.version_token(responsibility)},
    )
    page = FormPage(heading=_("Redigera ansvar"), success_message=_("Ändringen är sparad."))
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.responsibility_update(
            user=acting_user(request),
            responsibility=responsibility,
            fields=services.fields_from(services.ResponsibilityFields, data),
            expected_version=expected_version(data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def responsibility_delete(
    request: HttpRequest, organization: Organization, plan_slug: str, responsibility_id: int
) -> HttpResponse:
    responsibility = _responsibility(organization, plan_slug, responsibility_id)
    plan = responsibility.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    return handle_delete(
        request,
        plan=plan,
        obj=responsibility,
        heading=_("Ta bort ansvaret?"),
        description=short(responsibility.title or responsibility.actor.name),
        consequences=[],
        delete=lambda token: services.responsibility_delete(
            user=acting_user(request), responsibility=responsibility, expected_version=token
        ),
    )
