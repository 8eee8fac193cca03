"""History pages: one object's changes, the organisation's log and its CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.lib.spreadsheet import safe_row
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Activity, ActivityActor, Goal, Measure, Plan, Prerequisite

from .forms import LogFilterForm
from .models import AuditEntry

ENTRIES_PER_PAGE = 50

# The objects that have a history page, by the word used in their address.
HISTORY_KINDS: dict[str, type[models.Model]] = {
    "plan": Plan,
    "goal": Goal,
    "measure": Measure,
    "activity": Activity,
}

# Parts edited together with their object, whose changes its history shows too:
# a goal's prerequisites, an activity's responsible actors.
HISTORY_PARTS: dict[type[models.Model], tuple[type[models.Model], str]] = {
    Goal: (Prerequisite, "goal_id"),
    Activity: (ActivityActor, "activity_id"),
}


def _object_in_organization(organization: Organization, kind: str, pk: int) -> models.Model:
    """The object of this kind in this organisation; anything else is a 404."""
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise Http404(_("Det finns ingen historik för den här typen av objekt."))
    if model is Plan:
        return get_object_or_404(Plan, pk=pk, organization=organization)
    return get_object_or_404(
        model._default_manager.select_related("plan"), pk=pk, plan__organization=organization
    )


def _object_entries(organization: Organization, obj: models.Model) -> QuerySet[AuditEntry]:
    """The entries about `obj` and its parts, newest first."""
    match = models.Q(model=obj._meta.label_lower, object_id=str(obj.pk))
    if type(obj) in HISTORY_PARTS:
        part, parent_field = HISTORY_PARTS[type(obj)]
        # Every part ever attached, from the history table, so removed ones count too.
        part_ids = (
            part.history.filter(**{parent_field: obj.pk})  # type: ignore[attr-defined]
            .values_list("id", flat=True)
            .distinct()
        )
        match |= models.Q(model=part._meta.label_lower, object_id__in=[str(pk) for pk in part_ids])
    return AuditEntry.objects.filter(match, organization=organization).order_by("-timestamp", "-pk")


@requires(Capability.VIEW_INTERNAL)
def object_history(
    request: HttpRequest, organization: Organization, kind: str, pk: int
) -> HttpResponse:
    obj = _object_in_organization(organization, kind, pk)
    plan = obj if isinstance(obj, Plan) else obj.plan  # type: ignore[attr-defined]
    context = {
        "organization": organization,
        "object": obj,
        "kind_name": obj._meta.verbose_name,
        "plan": plan,
        "entries": _object_entries(organization, obj),
    }
    return render(request, "audit/object_history.html", context)


def _filtered_log(
    request: HttpRequest, organization: Organization
) -> tuple[LogFilterForm, QuerySet[AuditEntry]]:
    entries = AuditEntry.objects.filter(organization=organization).order_by("-timestamp", "-pk")
    form = LogFilterForm(request.GET, entries=entries)
    return form, form.filter(entries)


@requires(Capability.VIEW_AUDIT_LOG)
def organization_log(request: HttpRequest, organization: Organization) -> HttpResponse:
    form, entries = _filtered_log(request, organization)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("sida"))
    context = {"organization": organization, "form": form, "page": page}
    return render(request, "audit/organization_log.html", context)


CSV_HEADER = [
    "tidpunkt",
    "användare",
    "händelse",
    "typ",
    "objekt",
    "fält",
    "gammalt värde",
    "nytt värde",
]


def csv_rows(entries: QuerySet[AuditEntry]) -> Iterator[list[str]]:
    """The header and one row per changed field (one row for an entry without
    field changes, such as a deletion)."""
    yield CSV_HEADER
    for entry in entries.iterator(chunk_size=2000):
        common = [
            timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            entry.user_display or _("Systemet"),
            entry.get_action_display(),
            entry.model_verbose_name,
            entry.object_repr,
        ]
        for change in entry.changes or [{"label": "", "old": "", "new": ""}]:
            yield [*common, change["label"], change["old"], change["new"]]


class _Echo:
    """A file-like object whose write returns what was written, for streaming."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    # The byte-order mark makes Excel read the file as UTF-8 (å, ä, ö).
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(safe_row(row))


@requires(Capability.VIEW_AUDIT_LOG)
def organization_log_csv(request: HttpRequest, organization: Organization) -> HttpResponse:
    _form, entries = _filtered_log(request, organization)
    response = StreamingHttpResponse(
        _csv_lines(csv_rows(entries)), content_type="text/csv; charset=utf-8"
    )
    filename = f"historik-{organization.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response  # type: ignore[return-value]
