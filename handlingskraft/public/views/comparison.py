"""Comparing organisations on shared indicators: a list of the indicators, and
for one of them a table and a chart of every organisation that publishes it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import public

from ..comparison import CHART_SERIES, comparison
from ..downloads import csv_response
from ..models import SharedIndicator


@public
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = SharedIndicator.objects.order_by("name", "code")
    return render(request, "public/indicator_list.html", {"indicators": indicators})


@public
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The table of every organisation publishing the indicator; the chart
    draws the organisations chosen in the form (?visa=…), at most four."""
    indicator = get_object_or_404(SharedIndicator, code=code)
    result = comparison(indicator, request.GET.getlist("visa"))
    charted = {row.key for row in result.charted}
    return render(
        request,
        "public/indicator_detail.html",
        {
            "indicator": indicator,
            "comparison": result,
            "charted": charted,
            "chart_series": CHART_SERIES,
        },
    )


@public
def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(SharedIndicator, code=code)
    result = comparison(indicator, [])
    rows = [[_("Organisation"), *(period.label for period in result.periods)]]
    rows += [[row.label, *(cell.text for cell in row.cells)] for row in result.rows]
    return csv_response(f"jamforelse-{indicator.code}.csv".lower(), rows)
