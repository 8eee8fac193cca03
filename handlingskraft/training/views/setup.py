"""What the coordinator sets up: the coordinating actor, the survey's baseline
year, the lists of topics and professional groups (saved together or not at
all), and which measures compute from the competence plan."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization

from .. import defaults
from ..feeding import FeedError, coverage_measure_set, feedable_measures
from ..forms import ListFormSet, SettingsForm
from ..models import CoverageBasis, CoverageMeasure, ProfessionalGroup, Topic
from ..queries import settings_of
from ..services import ListRow, TrainingError, list_update, settings_update
from ._common import acting_user, training_crumbs

TYPED_IN = "typed_in"


def feed_choices() -> list[tuple[str, str]]:
    """Typed in, or one of the ways to compute from the competence plan."""
    computed = [(value, str(label)) for value, label in CoverageBasis.choices]
    return [(TYPED_IN, _("Skrivs in eller hämtas på annat sätt")), *computed]


def _list_initial(entries: Any) -> list[dict[str, object]]:
    return [{"pk": e.pk, "name": e.name, "is_active": e.is_active} for e in entries]


def _filled(formset: forms.BaseFormSet) -> list[ListRow]:
    """The rows that say something: an existing entry, or a new one with a name."""
    return [
        ListRow(data.get("pk"), str(data.get("name", "")), bool(data.get("is_active")))
        for data in (form.cleaned_data for form in formset.forms)
        if data.get("pk") or str(data.get("name", "")).strip()
    ]


@requires(Capability.EDIT_PLAN)
def training_settings(request: HttpRequest, organization: Organization) -> HttpResponse:
    current = settings_of(organization)
    data = request.POST if request.method == "POST" else None
    form = SettingsForm(
        data,
        organization=organization,
        initial={
            "coordinating_actor": current.coordinating_actor,
            "survey_baseline_year": current.survey_baseline_year,
        },
    )
    topics = ListFormSet(
        data, prefix="amne", initial=_list_initial(defaults.topics(organization, active=False))
    )
    groups = ListFormSet(
        data, prefix="grupp", initial=_list_initial(defaults.groups(organization, active=False))
    )
    error = None
    if data is not None and form.is_valid() and topics.is_valid() and groups.is_valid():
        user = acting_user(request)
        try:
            with transaction.atomic():
                settings_update(
                    organization=organization,
                    user=user,
                    coordinating_actor=form.cleaned_data["coordinating_actor"],
                    survey_baseline_year=form.cleaned_data["survey_baseline_year"],
                )
                list_update(organization=organization, user=user, model=Topic, rows=_filled(topics))
                list_update(
                    organization=organization,
                    user=user,
                    model=ProfessionalGroup,
                    rows=_filled(groups),
                )
        except TrainingError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("training:settings", org_slug=organization.slug)
    return render(
        request,
        "training/settings.html",
        {
            "organization": organization,
            "form": form,
            "topics": topics,
            "groups": groups,
            "error": error,
            "crumbs": training_crumbs(organization),
        },
    )


@requires(Capability.EDIT_PLAN)
def measure_feeds(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Each measure of the current plans that is a percentage: typed in, or
    computed from the competence plan (the share of actors meeting the year's
    target, or the share of staff with the training they need)."""
    measures = feedable_measures(organization)
    feeds = {
        feed.measure.lineage: feed.basis
        for feed in CoverageMeasure.objects.filter(organization=organization).select_related(
            "measure"
        )
    }
    choices = feed_choices()
    if request.method == "POST":
        user = acting_user(request)
        written = 0
        try:
            with transaction.atomic():
                for measure in measures:
                    chosen = request.POST.get(f"matt-{measure.pk}", TYPED_IN)
                    if chosen == feeds.get(measure.lineage, TYPED_IN):
                        continue
                    basis = None if chosen == TYPED_IN else chosen
                    written += len(coverage_measure_set(measure=measure, user=user, basis=basis))
        except FeedError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(
                request,
                ngettext(
                    "Valen är sparade. %(count)s värde räknades fram.",
                    "Valen är sparade. %(count)s värden räknades fram.",
                    written,
                )
                % {"count": written},
            )
        return redirect("training:measure_feeds", org_slug=organization.slug)
    rows = [(measure, feeds.get(measure.lineage, TYPED_IN)) for measure in measures]
    return render(
        request,
        "training/measure_feeds.html",
        {
            "organization": organization,
            "rows": rows,
            "choices": choices,
            "crumbs": training_crumbs(organization),
        },
    )
