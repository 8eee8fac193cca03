"""Data sets and their definitions: the list, one data set with its elements
and what the user can report, and editing for the coordinator."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, membership_of, requires
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period

from ..disclosure import small_text
from ..forms import DataSetForm, ElementForm, ThresholdForm
from ..models import DataElement, DataSet, StatisticsSettings, ValueState
from ..queries import report_states
from ..services import threshold_set
from ._common import (
    acting_user,
    data_set_crumbs,
    data_set_of,
    element_of,
    has,
    report_url,
    statistics_crumbs,
)


@requires(Capability.VIEW_PLAN)
def dataset_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    data_sets = DataSet.objects.filter(organization=organization).order_by("name")
    threshold = StatisticsSettings.threshold_for(organization)
    return render(
        request,
        "statistics/dataset_list.html",
        {
            "organization": organization,
            "data_sets": data_sets,
            "can_edit": has(request, organization, Capability.EDIT_PLAN),
            "threshold": threshold,
            "small": small_text(threshold),
            "crumbs": statistics_crumbs(organization)[:1],
        },
    )


@dataclass
class ReportLink:
    actor: Actor
    state: str
    url: str

    @property
    def state_label(self) -> str:
        return str(ValueState(self.state).label) if self.state else _("Inte påbörjad")


def _elements(data_set: DataSet) -> list[DataElement]:
    actors = Prefetch("actors", queryset=Actor.objects.order_by("name"))
    return list(data_set.elements.prefetch_related(actors).order_by("position", "pk"))


def _my_actors(
    request: HttpRequest, organization: Organization, elements: list[DataElement]
) -> list[Actor]:
    """The actors the user reports for, among those who report in the data set."""
    reporting = {actor.pk: actor for element in elements for actor in element.actors.all()}
    if has(request, organization, Capability.REPORT_FOR_ANY_ACTOR):
        return sorted(reporting.values(), key=lambda actor: actor.name)
    if not has(request, organization, Capability.REPORT):
        return []
    membership = membership_of(request.user, organization)
    actor_id = membership.actor_id if membership else None
    return [reporting[actor_id]] if actor_id in reporting else []


def _report_links(
    data_set: DataSet, actors: list[Actor], periods: list[Period]
) -> list[tuple[Period, list[ReportLink]]]:
    if not actors:
        return []
    states = report_states(data_set)
    return [
        (
            period,
            [
                ReportLink(
                    actor=actor,
                    state=states.get((actor.pk, period), ""),
                    url=report_url("report", data_set, actor.pk, period),
                )
                for actor in actors
            ],
        )
        for period in periods
    ]


@requires(Capability.VIEW_PLAN)
def dataset_detail(
    request: HttpRequest, organization: Organization, data_set_id: int
) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    elements = _elements(data_set)
    actors = _my_actors(request, organization, elements)
    periods = data_set.periods(timezone.localdate())
    return render(
        request,
        "statistics/dataset_detail.html",
        {
            "organization": organization,
            "data_set": data_set,
            "elements": elements,
            "report_links": _report_links(data_set, actors, periods),
            "can_edit": has(request, organization, Capability.EDIT_PLAN),
            "can_review": has(request, organization, Capability.MANAGE_ROUNDS),
            "can_read_tables": has(request, organization, Capability.VIEW_INTERNAL),
            "crumbs": statistics_crumbs(organization),
        },
    )


def _detail_url(data_set: DataSet) -> str:
    return reverse("statistics:dataset_detail", args=[data_set.organization.slug, data_set.pk])


@requires(Capability.EDIT_PLAN)
def dataset_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = DataSetForm(
        data, organization=organization, initial={"first_year": timezone.localdate().year}
    )
    if data is not None and form.is_valid():
        form.instance._history_user = acting_user(request)
        data_set = form.save()
        messages.success(
            request, _("Datamängden är skapad. Lägg till uppgifterna som ska samlas in.")
        )
        return redirect(_detail_url(data_set))
    return _edit_page(
        request,
        form,
        heading=_("Ny datamängd"),
        crumbs=statistics_crumbs(organization),
        cancel=reverse("statistics:dataset_list", args=[organization.slug]),
    )


@requires(Capability.EDIT_PLAN)
def dataset_edit(
    request: HttpRequest, organization: Organization, data_set_id: int
) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    data = request.POST if request.method == "POST" else None
    form = DataSetForm(data, instance=data_set, organization=organization)
    if data is not None and form.is_valid():
        form.instance._history_user = acting_user(request)
        form.save()
        messages.success(request, _("Datamängden är sparad."))
        return redirect(_detail_url(data_set))
    return _edit_page(
        request,
        form,
        heading=_("Ändra datamängden"),
        crumbs=data_set_crumbs(data_set),
        cancel=_detail_url(data_set),
    )


@requires(Capability.EDIT_PLAN)
def element_create(
    request: HttpRequest, organization: Organization, data_set_id: int
) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    return _element_form(request, data_set, DataElement(data_set=data_set), _("Ny uppgift"))


@requires(Capability.EDIT_PLAN)
def element_edit(
    request: HttpRequest, organization: Organization, data_set_id: int, element_id: int
) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    element = element_of(data_set, element_id)
    return _element_form(request, data_set, element, _("Ändra uppgiften"))


def _element_form(
    request: HttpRequest, data_set: DataSet, element: DataElement, heading: str
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if element.pk is None:
        element.position = data_set.elements.count()
    form = ElementForm(data, instance=element, data_set=data_set)
    if data is not None and form.is_valid():
        form.instance._history_user = acting_user(request)
        form.save()
        messages.success(request, _("Uppgiften är sparad."))
        return redirect(_detail_url(data_set))
    return _edit_page(
        request,
        form,
        heading=heading,
        crumbs=data_set_crumbs(data_set),
        cancel=_detail_url(data_set),
    )


def _edit_page(
    request: HttpRequest,
    form: DataSetForm | ElementForm | ThresholdForm,
    *,
    heading: str,
    crumbs: list[tuple[str, str]],
    cancel: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "statistics/edit_form.html",
        {"form": form, "heading": heading, "crumbs": crumbs, "cancel": cancel, "intro": intro},
    )


@requires(Capability.EDIT_PLAN)
def threshold_edit(request: HttpRequest, organization: Organization) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = {"disclosure_threshold": StatisticsSettings.threshold_for(organization)}
    form = ThresholdForm(data, initial=initial)
    if data is not None and form.is_valid():
        threshold_set(
            organization=organization,
            user=acting_user(request),
            threshold=form.cleaned_data["disclosure_threshold"],
        )
        messages.success(request, _("Gränsen för små tal är sparad."))
        return redirect("statistics:dataset_list", org_slug=organization.slug)
    return _edit_page(
        request,
        form,
        heading=_("Gräns för små tal"),
        crumbs=statistics_crumbs(organization),
        cancel=reverse("statistics:dataset_list", args=[organization.slug]),
        intro=_(
            "I en liten kommun kan ett antal på 1 eller 2 peka ut en familj. Därför visas små "
            "antal aldrig för andra än den som rapporterat och samordnaren: i tabeller för "
            "andra, i exporter och på publika sidor visas de som ”<5” (med er gräns), och "
            "fler värden döljs så att inget dolt värde kan räknas fram ur summorna."
        ),
    )
