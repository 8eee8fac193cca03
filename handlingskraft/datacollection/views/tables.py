"""Tables of approved values and the exports. The coordinator sees the counts
as reported; everyone else, and every export, sees them after disclosure
control (tables.py and disclosure.py)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.lib.spreadsheet import safe_row
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period, parse_period

from ..disclosure import small_text
from ..models import DataElement, DataSet, StatisticsSettings
from ..queries import approved_values
from ..tables import ElementTable, element_table
from ._common import data_set_crumbs, data_set_of, element_of, sees_raw_values


def _elements(data_set: DataSet) -> list[DataElement]:
    actors = Prefetch("actors", queryset=Actor.objects.order_by("name"))
    return list(data_set.elements.prefetch_related(actors).order_by("position", "pk"))


def _chosen_period(request: HttpRequest, periods: list[Period]) -> Period | None:
    """The period asked for (?period=2025), else the latest with approved values."""
    try:
        asked = parse_period(request.GET.get("period", ""))
    except ValueError:
        asked = None
    if asked in periods:
        return asked
    return periods[0] if periods else None


@requires(Capability.VIEW_INTERNAL)
def tables(request: HttpRequest, organization: Organization, data_set_id: int) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    approved = approved_values(data_set)
    periods = sorted({period for _actor, period in approved}, reverse=True)
    period = _chosen_period(request, periods)
    threshold = StatisticsSettings.threshold_for(organization)
    raw = sees_raw_values(request, organization) and request.GET.get("visa") != "skyddad"
    element_tables = [
        element_table(element, approved, period, threshold=threshold, raw=raw)
        for element in _elements(data_set)
        if period is not None
    ]
    return render(
        request,
        "statistics/tables.html",
        {
            "organization": organization,
            "data_set": data_set,
            "periods": periods,
            "period": period,
            "tables": element_tables,
            "raw": raw,
            "may_see_raw": sees_raw_values(request, organization),
            "threshold": threshold,
            "small": small_text(threshold),
            "crumbs": data_set_crumbs(data_set),
        },
    )


@requires(Capability.VIEW_INTERNAL)
def exports(request: HttpRequest, organization: Organization, data_set_id: int) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    threshold = StatisticsSettings.threshold_for(organization)
    return render(
        request,
        "statistics/exports.html",
        {
            "organization": organization,
            "data_set": data_set,
            "elements": data_set.elements.order_by("-reported_to", "position", "pk"),
            "threshold": threshold,
            "small": small_text(threshold),
            "crumbs": data_set_crumbs(data_set),
        },
    )


def export_rows(tables: list[ElementTable]) -> Iterator[list[str]]:
    """The element's tables, one period after another, as CSV rows: a header
    and, per period, a row per actor and (with several actors) the totals."""
    if not tables:
        return
    first = tables[0]
    header = [_("Period"), _("Aktör"), *first.column_labels]
    yield header + ([_("Totalt")] if first.has_breakdown else [])
    for table in tables:
        if table.table is None:
            continue
        lines = [(label, cells, total) for label, (cells, total) in table.rows]
        if len(lines) > 1:
            lines.append((_("Samtliga"), table.table.column_totals, table.table.total))
        for label, cells, total in lines:
            row = [table.period.label, label, *(cell.text for cell in cells)]
            yield row + ([total.text] if table.has_breakdown else [])


@requires(Capability.VIEW_INTERNAL)
def element_export(
    request: HttpRequest, organization: Organization, data_set_id: int, element_id: int
) -> HttpResponse:
    """The element's approved values for every period, after disclosure control
    whoever asks: an export leaves the circle allowed to see raw values."""
    data_set = data_set_of(organization, data_set_id)
    element = element_of(data_set, element_id)
    element = DataElement.objects.prefetch_related("actors").get(pk=element.pk)
    approved = approved_values(data_set)
    threshold = StatisticsSettings.threshold_for(organization)
    periods = sorted({period for _actor, period in approved})
    tables = [
        element_table(element, approved, period, threshold=threshold, raw=False)
        for period in periods
    ]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{organization.slug}-{element.code}.csv".lower()
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a byte-order mark, so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    for row in export_rows(tables):
        writer.writerow(safe_row(row))
    return response
