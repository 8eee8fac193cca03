"""Creating a plan, its editing overview, and its own facts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans import services
from handlingskraft.plans.forms import PlanForm
from handlingskraft.plans.models import Plan

from .common import (
    FormPage,
    acting_user,
    add_errors,
    editing_plan,
    expected_version,
    handle_form,
    not_editable,
    plan_url,
)


@requires(Capability.EDIT_PLAN)
def plan_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    """A new plan, always a draft; then on to its overview to fill it in."""
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        instance=Plan(organization=organization),
        organization=organization,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                user=acting_user(request),
                organization=organization,
                fields=services.fields_from(services.PlanFields, form.cleaned_data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Planen är skapad som utkast. Lägg nu till %(sections)s och %(activities)s.")
                % {"sections": plan.section_label_plural, "activities": plan.activity_label_plural},
            )
            return redirect(plan_url(plan, "plans:plan_edit"))
    page = FormPage(heading=_("Ny plan"), submit_label=_("Skapa planen"), success_message="")
    context = {
        "organization": organization,
        "form": form,
        "page": page,
        "next": None,
        "cancel": reverse("plans:organization_list"),
    }
    return render(request, "plans/edit/plan_create.html", context)


@requires(Capability.EDIT_PLAN)
def plan_edit(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    """Everything in one plan version, each part with its edit, move and delete actions."""
    plan = editing_plan(request, organization, plan_slug)
    if not plan.is_editable:
        return not_editable(request, plan)
    plan = Plan.objects.with_structure().get(pk=plan.pk)
    return render(request, "plans/edit/plan_edit.html", {"plan": plan})


@requires(Capability.EDIT_PLAN)
def plan_update(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    plan = editing_plan(request, organization, plan_slug)
    if not plan.is_editable:
        return not_editable(request, plan)
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        instance=Plan.objects.get(pk=plan.pk),  # the form changes its instance
        organization=organization,
        initial={"version_token": services.version_token(plan)},
    )
    page = FormPage(
        heading=_("Planens uppgifter"),
        success_message=_("Ändringen är sparad."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.plan_update(
            user=acting_user(request),
            plan=plan,
            fields=services.fields_from(services.PlanFields, data),
            expected_version=expected_version(data),
        ),
    )
