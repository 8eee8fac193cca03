"""Published statistics: each data set's approved values, table by table,
after disclosure control, in the one shape the statistics pages use
(datacollection/tables.py), so the suppression pattern is the same wherever
a table appears."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from handlingskraft.accounts.permissions import public
from handlingskraft.datacollection.disclosure import small_text
from handlingskraft.datacollection.models import DataElement, DataSet, StatisticsSettings
from handlingskraft.datacollection.queries import approved_values
from handlingskraft.datacollection.tables import ElementTable, element_table
from handlingskraft.datacollection.views.tables import export_rows
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.periods import Period, parse_period

from ..downloads import csv_response
from ..published import organization_or_404, published_data_set, published_data_sets


def _elements(data_set: DataSet) -> list[DataElement]:
    actors = Prefetch("actors", queryset=Actor.objects.order_by("name"))
    return list(data_set.elements.prefetch_related(actors).order_by("position", "pk"))


def _chosen(request: HttpRequest, periods: list[Period]) -> Period | None:
    """The period asked for (?period=2025), else the latest with values."""
    try:
        asked = parse_period(request.GET.get("period", ""))
    except ValueError:
        asked = None
    if asked in periods:
        return asked
    return periods[0] if periods else None


@public
def statistics_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organization = organization_or_404(org_slug)
    return render(
        request,
        "public/statistics_list.html",
        {"organization": organization, "data_sets": list(published_data_sets(organization))},
    )


@public
def statistics_detail(request: HttpRequest, org_slug: str, data_set_id: int) -> HttpResponse:
    """One data set's tables for one period, protected whoever looks."""
    organization = organization_or_404(org_slug)
    data_set = published_data_set(organization, data_set_id)
    approved = approved_values(data_set)
    periods = sorted({period for _actor, period in approved}, reverse=True)
    period = _chosen(request, periods)
    threshold = StatisticsSettings.threshold_for(organization)
    tables: list[ElementTable] = []
    if period is not None:
        tables = [
            element_table(element, approved, period, threshold=threshold, raw=False)
            for element in _elements(data_set)
        ]
    context = {
        "organization": organization,
        "data_set": data_set,
        "periods": periods,
        "period": period,
        "tables": [table for table in tables if table.table is not None],
        "threshold": threshold,
        "small": small_text(threshold),
    }
    return render(request, "public/statistics_detail.html", context)


@public
def statistics_csv(
    request: HttpRequest, org_slug: str, data_set_id: int, element_id: int
) -> HttpResponse:
    """One element's tables for every period with values, protected."""
    organization = organization_or_404(org_slug)
    data_set = published_data_set(organization, data_set_id)
    element = get_object_or_404(
        DataElement.objects.prefetch_related("actors"), pk=element_id, data_set=data_set
    )
    approved = approved_values(data_set)
    threshold = StatisticsSettings.threshold_for(organization)
    tables = [
        element_table(element, approved, period, threshold=threshold, raw=False)
        for period in sorted({period for _actor, period in approved})
    ]
    filename = f"{organization.slug}-{element.code}.csv".lower()
    return csv_response(filename, export_rows(tables))
