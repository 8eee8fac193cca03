"""Comparing organisations on a shared indicator: every organisation whose
published plan holds a measure linked to it (by Kolada KPI id or by the
coordinator's link), with its published values per period.

Counts pass through disclosure control with each organisation's own
threshold. The table has no totals (a sum over the organisations would let a
hidden count be worked out), so primary suppression is all it needs."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from handlingskraft.datacollection.disclosure import DEFAULT_THRESHOLD, Cell, Status
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.datacollection.templatetags.statistics_tags import published_cell
from handlingskraft.exports.charts import SERIES_STYLES, LineChart, Series, line_chart_svg
from handlingskraft.indicators.models import Gender, MeasureValue
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind, Plan
from handlingskraft.plans.periods import Period

from .models import IndicatorLink, SharedIndicator
from .published import latest_published_versions
from .trends import protected_value

# Beyond this many lines a chart can no longer tell them apart without
# colour (charts.py has this many dash patterns and markers).
CHART_SERIES = len(SERIES_STYLES)


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    """The organisation's slug, with the measure's position when it has several."""
    label: str
    organization: Organization
    cells: list[Cell]
    values: list[Decimal | None]
    """What the chart draws per period: the value where it is shown, else None."""

    @property
    def cells_html(self) -> SafeString:
        """The row's table cells. Built here rather than cell by cell in the
        template: at national scale the table has thousands of cells."""
        return format_html_join(
            "", '<td class="number">{}</td>', ((published_cell(cell),) for cell in self.cells)
        )


@dataclass(frozen=True)
class Comparison:
    indicator: SharedIndicator
    periods: list[Period]
    rows: list[ComparisonRow]
    charted: list[ComparisonRow]
    svg: SafeString | None

    @property
    def has_hidden(self) -> bool:
        return any(not cell.shown for row in self.rows for cell in row.cells)


def linked_measures(indicator: SharedIndicator) -> QuerySet[Measure]:
    """The measures of the latest published version of every plan that are
    linked to `indicator`: by the Kolada KPI id, or by a coordinator's link."""
    linked = IndicatorLink.objects.filter(
        indicator=indicator,
        organization=OuterRef("plan__organization"),
        measure_lineage=OuterRef("lineage"),
    )
    condition = Q(Exists(linked))
    if indicator.kolada_kpi:
        condition |= Q(kolada_kpi=indicator.kolada_kpi)
    plans = latest_published_versions(Plan.objects.all())
    return (
        Measure.objects.filter(condition, plan__in=plans)
        .select_related("plan", "plan__organization")
        .order_by("plan__organization__name", "plan__title", "position", "pk")
    )


def thresholds(organizations: Iterable[Organization]) -> dict[int, int]:
    """Each organisation's disclosure threshold, in one query."""
    ids = [organization.pk for organization in organizations]
    chosen = dict(
        StatisticsSettings.objects.filter(organization_id__in=ids).values_list(
            "organization_id", "disclosure_threshold"
        )
    )
    return {pk: chosen.get(pk, DEFAULT_THRESHOLD) for pk in ids}


def comparison(indicator: SharedIndicator, chosen: list[str]) -> Comparison:
    """The indicator's published totals per organisation and period. `chosen`
    names the rows (by key) to draw; without a valid choice, the first rows."""
    measures = list(linked_measures(indicator))
    current = current_totals([measure.lineage for measure in measures])
    measures = [measure for measure in measures if current.get(measure.lineage)]
    organizations = {
        measure.plan.organization_id: measure.plan.organization for measure in measures
    }
    limits = thresholds(organizations.values())
    periods = sorted({period for per_period in current.values() for period in per_period})
    per_organization: dict[int, int] = {}
    for measure in measures:
        per_organization[measure.plan.organization_id] = (
            per_organization.get(measure.plan.organization_id, 0) + 1
        )
    rows = [
        _row(measure, current[measure.lineage], periods, indicator, limits, per_organization)
        for measure in measures
    ]
    charted = [row for row in rows if row.key in chosen][:CHART_SERIES] or rows[:CHART_SERIES]
    svg = _chart(indicator, periods, charted) if rows else None
    return Comparison(indicator=indicator, periods=periods, rows=rows, charted=charted, svg=svg)


def current_totals(lineages: list[uuid.UUID]) -> dict[uuid.UUID, dict[Period, Decimal]]:
    """The current published total per period of each measure lineage: the
    latest value entered. Plain tuples, not model instances: at national scale
    this is every municipality's series."""
    rows = (
        MeasureValue.objects.published()
        .filter(measure__lineage__in=lineages, gender=Gender.TOTAL)
        .order_by("pk")
        .values_list("measure__lineage", "year", "tertial", "value")
    )
    current: dict[uuid.UUID, dict[Period, Decimal]] = {}
    for lineage, year, tertial, value in rows:
        # In the order entered, so a later value replaces an earlier one.
        current.setdefault(lineage, {})[Period(year, tertial)] = value
    return current


def _row(
    measure: Measure,
    values: dict[Period, Decimal],
    periods: list[Period],
    indicator: SharedIndicator,
    limits: dict[int, int],
    per_organization: dict[int, int],
) -> ComparisonRow:
    organization = measure.plan.organization
    is_count = indicator.is_count or measure.kind == MeasureKind.COUNT
    cells: list[Cell] = []
    drawn: list[Decimal | None] = []
    for period in periods:
        value = values.get(period)
        if value is None:
            cells.append(Cell(Status.SHOWN, None, "–"))
            drawn.append(None)
            continue
        cell = protected_value(value, is_count=is_count, threshold=limits[organization.pk])
        cells.append(cell)
        drawn.append(value if cell.shown else None)
    several = per_organization[organization.pk] > 1
    return ComparisonRow(
        key=f"{organization.slug}-{measure.pk}" if several else organization.slug,
        label=f"{organization.name} – {measure.plan.title}" if several else organization.name,
        organization=organization,
        cells=cells,
        values=drawn,
    )


def _chart(
    indicator: SharedIndicator, periods: list[Period], rows: list[ComparisonRow]
) -> SafeString:
    unit = f" ({indicator.unit})" if indicator.unit else ""
    chart = LineChart(
        title=f"{indicator.name}{unit}",
        categories=[period.label for period in periods],
        series=[Series(name=row.label, values=row.values) for row in rows],
        description=_("Jämförelse mellan organisationer som publicerar indikatorn."),
    )
    # charts.py escapes every text it puts into the SVG.
    return mark_safe(line_chart_svg(chart, chart_id=f"jamforelse-{indicator.pk}"))


def count_lineages(organization: Organization) -> set[uuid.UUID]:
    """The lineages of the organisation's measures linked to a shared
    indicator of counts (by link or by Kolada KPI id), in two queries."""
    linked = IndicatorLink.objects.filter(
        organization=organization, indicator__is_count=True
    ).values_list("measure_lineage", flat=True)
    kpis = SharedIndicator.objects.filter(is_count=True).exclude(kolada_kpi="").values("kolada_kpi")
    by_kpi = Measure.objects.filter(
        plan__organization=organization, kolada_kpi__in=kpis
    ).values_list("lineage", flat=True)
    return set(linked) | set(by_kpi)
