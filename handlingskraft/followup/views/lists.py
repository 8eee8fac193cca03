"""The organisation's status list and assessment scale, edited by coordinators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import ActivityStatus

from ..defaults import assessment_options, status_options
from ..lists import (
    AssessmentRow,
    ListError,
    StatusRow,
    assessment_scale_update,
    status_list_update,
)
from ..models import AssessmentOption, StatusOption
from ._common import acting_user, organization_crumbs


class StatusRowForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=gettext_lazy("Benämning"), max_length=60, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Räknas som"), choices=ActivityStatus.choices)
    is_active = forms.BooleanField(label=gettext_lazy("Används"), required=False, initial=True)


class AssessmentRowForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=gettext_lazy("Benämning"), max_length=60, required=False)
    is_assessable = forms.BooleanField(
        label=gettext_lazy("Är en bedömning (av för ”kan ej bedömas”)"), required=False
    )


StatusFormSet = forms.formset_factory(StatusRowForm, extra=1)
AssessmentFormSet = forms.formset_factory(AssessmentRowForm, extra=1)


def _status_initial(organization: Organization) -> list[dict[str, object]]:
    status_options(organization)  # creates the defaults the first time
    return [
        {"pk": o.pk, "label": o.label, "category": o.category, "is_active": o.is_active}
        for o in StatusOption.objects.filter(organization=organization)
    ]


def _assessment_initial(organization: Organization) -> list[dict[str, object]]:
    assessment_options(organization)
    return [
        {"pk": o.pk, "label": o.label, "is_assessable": o.is_assessable}
        for o in AssessmentOption.objects.filter(organization=organization)
    ]


def _filled(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The rows that say something: an existing entry, or a new one with a label."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data.get("pk") or str(form.cleaned_data.get("label", "")).strip()
    ]


@requires(Capability.MANAGE_ROUNDS)
def lists_edit(request: HttpRequest, organization: Organization) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    statuses = StatusFormSet(data, prefix="status", initial=_status_initial(organization))
    scale = AssessmentFormSet(data, prefix="bedomning", initial=_assessment_initial(organization))
    error = None
    if data is not None and statuses.is_valid() and scale.is_valid():
        try:
            # Both lists or neither: a refused scale must not leave a changed list.
            with transaction.atomic():
                _save(request, organization, statuses, scale)
        except ListError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Listorna är sparade."))
            return redirect("followup:lists", org_slug=organization.slug)
    return render(
        request,
        "followup/lists.html",
        {
            "organization": organization,
            "statuses": statuses,
            "scale": scale,
            "error": error,
            "crumbs": organization_crumbs(organization),
        },
    )


def _save(
    request: HttpRequest,
    organization: Organization,
    statuses: forms.BaseFormSet,
    scale: forms.BaseFormSet,
) -> None:
    status_list_update(
        organization=organization,
        user=acting_user(request),
        rows=[
            StatusRow(r["pk"], str(r["label"]), str(r["category"]), bool(r["is_active"]))
            for r in _filled(statuses)
        ],
    )
    assessment_scale_update(
        organization=organization,
        user=acting_user(request),
        rows=[
            AssessmentRow(r["pk"], str(r["label"]), bool(r["is_assessable"]))
            for r in _filled(scale)
        ],
    )
