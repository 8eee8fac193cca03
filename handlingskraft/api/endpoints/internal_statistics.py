"""With a token: the organisation's data sets, and an actor's counts for a
period, read and saved through the same form rules and services as the report
page. Raw counts are for those who report them and for the coordinator only
(everyone else sees the statistics after disclosure control, on the pages)."""

from __future__ import annotations

from typing import Annotated

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from handlingskraft.accounts.permissions import Capability, may_report_for
from handlingskraft.datacollection.categories import categories, category_codes
from handlingskraft.datacollection.forms import ValuesForm
from handlingskraft.datacollection.models import DataElement, DataSet
from handlingskraft.datacollection.queries import (
    Version,
    current_version,
    report_versions,
    reported_totals,
)
from handlingskraft.datacollection.rules import COMMENT
from handlingskraft.datacollection.services import (
    StatisticsError,
    ValuesConflict,
    reporting_elements,
    values_save,
)
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.periods import Period, parse_period

from ..auth import Caller, caller_of
from ..errors import Conflict, FieldError, Forbidden, Unprocessable, invalid
from ..representations import Row, paged
from ..schemas import (
    PERIOD_PATTERN,
    DataReportOut,
    DataSetDetailOut,
    DataSetPage,
    DataValuesIn,
    Id,
    PageParams,
    ValuesConflictOut,
)
from .common import token_responses

router = Router(tags=["Med nyckel: statistik"])

PeriodText = Annotated[str, Path(pattern=PERIOD_PATTERN, description="2025 eller 2025T1.")]


def data_set_row(data_set: DataSet) -> Row:
    return {
        "id": data_set.pk,
        "name": data_set.name,
        "description": data_set.description,
        "frequency": data_set.frequency,
        "first_year": data_set.first_year,
    }


def element_row(element: DataElement) -> Row:
    """Needs `actors` prefetched."""
    return {
        "id": element.pk,
        "code": element.code,
        "name": element.name,
        "definition": element.definition,
        "unit": element.unit,
        "breakdown": element.breakdown,
        "categories": [{"code": "total", "label": _("Totalt")}]
        + [{"code": c.code, "label": c.label} for c in categories(element.breakdown)],
        "actor_ids": sorted(actor.pk for actor in element.actors.all()),
        "reported_to": element.reported_to,
    }


def version_row(version: Version) -> Row:
    element_ids = sorted(version.values.keys() | version.comments.keys())
    return {
        "number": version.number,
        "state": version.state,
        "is_conflict": version.is_conflict,
        "author": version.author.get_username(),
        "created_at": version.created_at,
        "reason": version.reason,
        "elements": [
            {
                "element": pk,
                "values": dict(version.values.get(pk, {})),
                "comment": version.comments.get(pk, ""),
            }
            for pk in element_ids
        ],
    }


@router.get("/data-sets", response=token_responses(DataSetPage), summary="Datamängder")
def internal_data_set_list(request: HttpRequest, params: Query[PageParams]) -> Row:
    caller = caller_of(request)
    caller.require(Capability.VIEW_PLAN)
    data_sets = DataSet.objects.filter(organization=caller.organization).order_by("name", "pk")
    rows, page = paged(data_sets, params)
    return {**page, "items": [data_set_row(row) for row in rows]}


@router.get(
    "/data-sets/{data_set_id}",
    response=token_responses(DataSetDetailOut, 404),
    summary="En datamängd med dess uppgifter",
)
def internal_data_set_detail(request: HttpRequest, data_set_id: Id) -> Row:
    caller = caller_of(request)
    caller.require(Capability.VIEW_PLAN)
    data_set = _data_set(caller, data_set_id)
    elements = data_set.elements.prefetch_related(
        Prefetch("actors", queryset=Actor.objects.order_by("pk"))
    ).order_by("position", "pk")
    return {**data_set_row(data_set), "elements": [element_row(e) for e in elements]}


def _data_set(caller: Caller, data_set_id: int) -> DataSet:
    return get_object_or_404(DataSet, pk=data_set_id, organization=caller.organization)


def _period(data_set: DataSet, text: str) -> Period:
    """The period, if the data set is collected for it and it has begun (else 404)."""
    try:
        period = parse_period(text)
    except ValueError:
        raise Http404 from None
    if period not in data_set.periods(timezone.localdate()):
        raise Http404
    return period


def _report(
    caller: Caller, data_set_id: int, actor_id: int, period: str
) -> tuple[DataSet, Actor, Period]:
    """The report named in the path (404 for anything not the organisation's),
    if the caller may see its raw counts: who reports for the actor, and the
    coordinator (403 for others)."""
    caller.require(Capability.VIEW_PLAN)
    data_set = _data_set(caller, data_set_id)
    actor = get_object_or_404(Actor, pk=actor_id, organization=caller.organization)
    the_period = _period(data_set, period)
    if not (
        caller.has(Capability.MANAGE_ROUNDS)
        or may_report_for(caller.user, caller.organization, actor.pk)
    ):
        raise Forbidden(_("Du kan bara se och rapportera din egen aktörs siffror."))
    return data_set, actor, the_period


def report_row(data_set: DataSet, actor: Actor, period: Period) -> Row:
    versions = report_versions(data_set, actor, period)
    current = current_version(versions)
    return {
        "data_set_id": data_set.pk,
        "actor_id": actor.pk,
        "period": str(period),
        "state": current.state if current else "",
        "number": current.number if current else 0,
        "element_ids": [element.pk for element in reporting_elements(data_set, actor)],
        "current": version_row(current) if current else None,
    }


REPORT_PATH = "/data-sets/{data_set_id}/reports/{actor_id}/{period}"


@router.get(
    REPORT_PATH,
    response=token_responses(DataReportOut, 404),
    summary="En aktörs siffror för en period",
)
def internal_data_report_detail(
    request: HttpRequest, data_set_id: Id, actor_id: Id, period: PeriodText
) -> Row:
    data_set, actor, the_period = _report(caller_of(request), data_set_id, actor_id, period)
    return report_row(data_set, actor, the_period)


def _entry_problems(data: DataValuesIn, elements: list[DataElement]) -> list[FieldError]:
    """Elements the actor does not report, categories an element does not have."""
    by_id = {element.pk: element for element in elements}
    problems: list[FieldError] = []
    seen: set[int] = set()
    for entry in data.elements:
        element = by_id.get(entry.element)
        if element is None or entry.element in seen:
            message = (
                _("Uppgiften finns med två gånger.")
                if element is not None
                else _("Aktören rapporterar inte den uppgiften i datamängden.")
            )
            problems.append({"field": f"elements.{entry.element}.element", "message": message})
            continue
        seen.add(entry.element)
        codes = set(category_codes(element.breakdown))
        problems += [
            {"field": f"elements.{element.pk}.values.{code}", "message": _("Okänd kategori.")}
            for code in entry.values
            if code not in codes
        ]
    return problems


def _form(
    data: DataValuesIn, data_set: DataSet, actor: Actor, period: Period, elements: list[DataElement]
) -> tuple[ValuesForm, dict[str, str]]:
    """The report page's form filled from the request, and the way back from
    its field names to the request's."""
    form_data: dict[str, str] = {"based_on": str(data.based_on)}
    names = {"based_on": "based_on"}
    for element in elements:
        for code in [*category_codes(element.breakdown), COMMENT]:
            names[ValuesForm.name(element.pk, code)] = (
                f"elements.{element.pk}.comment"
                if code == COMMENT
                else f"elements.{element.pk}.values.{code}"
            )
    for entry in data.elements:
        for code, value in entry.values.items():
            form_data[ValuesForm.name(entry.element, code)] = "" if value is None else str(value)
        form_data[ValuesForm.name(entry.element, COMMENT)] = entry.comment
    previous = data_set.previous_period(period)
    form = ValuesForm(
        form_data,
        elements=elements,
        previous_totals=reported_totals(data_set, actor, previous),
        previous_period=previous,
        submitting=data.submit,
    )
    return form, names


@router.post(
    REPORT_PATH,
    response=token_responses(DataReportOut, 404, status=201, conflict=ValuesConflictOut),
    summary="Spara eller skicka in en aktörs siffror för en period",
)
def internal_data_report_save(
    request: HttpRequest, data_set_id: Id, actor_id: Id, period: PeriodText, data: DataValuesIn
) -> Status[Row]:
    caller = caller_of(request)
    data_set, actor, the_period = _report(caller, data_set_id, actor_id, period)
    caller.require_writing(Capability.REPORT)
    if not may_report_for(caller.user, caller.organization, actor.pk):
        raise Forbidden(_("Du kan bara rapportera för din egen aktör."))
    elements = reporting_elements(data_set, actor)
    if not elements:
        raise Unprocessable(_("Aktören rapporterar inget i datamängden."))
    problems = _entry_problems(data, elements)
    if not problems and not any(
        value is not None for entry in data.elements for value in entry.values.values()
    ):
        # A version is its rows: a save without a single count would write nothing.
        problems = [{"field": "elements", "message": _("Fyll i minst ett antal.")}]
    if problems:
        raise Unprocessable(_("Uppgifterna behöver rättas."), problems)
    form, names = _form(data, data_set, actor, the_period, elements)
    if not form.is_valid():
        raise invalid(form, lambda name: names.get(name, name))
    try:
        values_save(
            data_set=data_set,
            actor=actor,
            period=the_period,
            user=caller.user,
            entries=form.entries(),
            based_on=form.based_on_number,
            submit=data.submit,
        )
    except ValuesConflict as conflict:
        theirs = version_row(conflict.theirs) if conflict.theirs else None
        raise Conflict(
            str(conflict), extra={"mine": version_row(conflict.mine), "theirs": theirs}
        ) from None
    except StatisticsError as error:
        raise Unprocessable(str(error)) from None
    return Status(201, report_row(data_set, actor, the_period))
