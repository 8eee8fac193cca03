"""The organisation's trainings: the list, one training with its participation
and the co-organiser rule, creating and changing a training."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, membership_of, requires
from handlingskraft.datacollection.disclosure import small_text
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Activity

from ..forms import TrainingForm
from ..models import Participation, Training
from ..queries import (
    participation_facts,
    rule_checks,
    settings_of,
    training_of,
    trainings_with_lists,
)
from ..services import TrainingError, training_save
from ..tables import participation_tables, training_totals
from ._common import acting_user, has, sees_raw_counts, shows_raw, training_crumbs


def _detail_url(training: Training) -> str:
    return reverse("training:training_detail", args=[training.organization.slug, training.pk])


@requires(Capability.VIEW_PLAN)
def training_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Every training with its form, dates, organisers, participants (after
    disclosure control for all but the coordinator) and the co-organiser rule."""
    trainings = list(trainings_with_lists(organization))
    threshold = StatisticsSettings.threshold_for(organization)
    tables = participation_tables(
        participation_facts(organization),
        threshold=threshold,
        raw=sees_raw_counts(request, organization),
    )
    totals = training_totals(tables)
    settings = settings_of(organization)
    checks = rule_checks(organization, coordinating_actor_id=settings.coordinating_actor_id)
    rows = [(training, totals.get(training.pk), checks.get(training.pk)) for training in trainings]
    return render(
        request,
        "training/training_list.html",
        {
            "organization": organization,
            "rows": rows,
            "settings": settings,
            "can_edit": has(request, organization, Capability.EDIT_PLAN),
            "internal": has(request, organization, Capability.VIEW_INTERNAL),
            "crumbs": training_crumbs(organization)[:1],
        },
    )


def _report_actors(request: HttpRequest, organization: Organization) -> list[Actor]:
    """The actors the user may report participation for: any (the coordinator)
    or their own."""
    if has(request, organization, Capability.REPORT_FOR_ANY_ACTOR):
        return list(Actor.objects.filter(organization=organization).order_by("name"))
    if not has(request, organization, Capability.REPORT):
        return []
    membership = membership_of(request.user, organization)
    return [membership.actor] if membership and membership.actor else []


@requires(Capability.VIEW_PLAN)
def training_detail(
    request: HttpRequest, organization: Organization, training_id: int
) -> HttpResponse:
    activities = Activity.objects.select_related("plan", "goal").order_by(
        "plan__title", "goal__number", "position"
    )
    training = get_object_or_404(
        Training.objects.select_related("organization").prefetch_related(
            "topics", "target_groups", "organisers", Prefetch("activities", queryset=activities)
        ),
        pk=training_id,
        organization=organization,
    )
    threshold = StatisticsSettings.threshold_for(organization)
    raw = shows_raw(request, organization)
    tables = participation_tables(
        participation_facts(organization, training=training), threshold=threshold, raw=raw
    )
    settings = settings_of(organization)
    checks = rule_checks(
        organization, coordinating_actor_id=settings.coordinating_actor_id, training=training
    )
    details = []
    if raw:
        details = list(
            Participation.objects.filter(training=training)
            .select_related("actor", "unit", "group")
            .order_by("-year", "actor__name", "unit__name", "group__position", "pk")
        )
    return render(
        request,
        "training/training_detail.html",
        {
            "organization": organization,
            "training": training,
            "tables": sorted(tables.values(), key=lambda table: -table.year),
            "details": details,
            "raw": raw,
            "may_see_raw": sees_raw_counts(request, organization),
            "threshold": threshold,
            "small": small_text(threshold),
            "check": checks.get(training.pk),
            "settings": settings,
            "report_actors": _report_actors(request, organization),
            "can_edit": has(request, organization, Capability.EDIT_PLAN),
            "crumbs": training_crumbs(organization),
        },
    )


def _training_form(
    request: HttpRequest, organization: Organization, training: Training | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = TrainingForm.initial_for(training) if training else {"format": "web"}
    form = TrainingForm(data, organization=organization, initial=initial)
    if data is not None and form.is_valid():
        try:
            saved = training_save(
                organization=organization,
                user=acting_user(request),
                data=form.training_input(),
                training=training,
            )
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Utbildningen är sparad."))
            return redirect(_detail_url(saved))
    crumbs = training_crumbs(organization)
    if training is not None:
        crumbs.append((training.title, _detail_url(training)))
    return render(
        request,
        "training/training_form.html",
        {"organization": organization, "form": form, "training": training, "crumbs": crumbs},
    )


@requires(Capability.EDIT_PLAN)
def training_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _training_form(request, organization, None)


@requires(Capability.EDIT_PLAN)
def training_edit(
    request: HttpRequest, organization: Organization, training_id: int
) -> HttpResponse:
    return _training_form(request, organization, training_of(organization, training_id))
