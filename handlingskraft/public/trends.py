"""Measures over time on the public pages: each measure's published values as
a chart and a table, drawn by the one chart renderer (exports/charts.py).

A measure that counts (kind "antal", or linked to a shared indicator of
counts) passes each value through disclosure control: a count from 1 to the
organisation's threshold − 1 is shown as "<5" and left out of the chart.
There are no totals over the values, so no secondary suppression is needed."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from handlingskraft.datacollection.disclosure import Cell, Status, protect_count
from handlingskraft.exports.charts import LineChart, Series, line_chart_svg
from handlingskraft.indicators.models import Gender, MeasureValue
from handlingskraft.indicators.overview import GENDER_ORDER, unit_text
from handlingskraft.indicators.queries import latest_values, targets_by_period
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind
from handlingskraft.plans.periods import Period


@dataclass(frozen=True)
class TrendRow:
    period: Period
    cells: list[Cell]
    """One per gender of the trend, in its order."""
    values: list[Decimal | None]
    """The exact value behind each cell where it may be shown, else None."""
    target: Decimal | None


@dataclass(frozen=True)
class MeasureTrend:
    measure: Measure
    genders: list[Gender]
    rows: list[TrendRow]
    svg: SafeString
    unit: str
    has_hidden: bool

    @property
    def has_targets(self) -> bool:
        return any(row.target is not None for row in self.rows)


def protected_value(value: Decimal, *, is_count: bool, threshold: int) -> Cell:
    """A published value: counts through disclosure control (a count is a
    whole number; a fraction is rounded), anything else as it is."""
    if is_count:
        return protect_count(int(value.to_integral_value()), threshold)
    return Cell(Status.SHOWN, None, format_decimal(value))


def published_values(
    organization: Organization, lineages: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[MeasureValue]]:
    """The published value rows of the measures with these lineages, by lineage."""
    rows = (
        MeasureValue.objects.published()
        .filter(measure__lineage__in=list(lineages), measure__plan__organization=organization)
        .select_related("measure")
        .order_by("pk")
    )
    by_lineage: dict[uuid.UUID, list[MeasureValue]] = {}
    for row in rows:
        by_lineage.setdefault(row.measure.lineage, []).append(row)
    return by_lineage


def measure_trend(
    measure: Measure, values: Sequence[MeasureValue], *, is_count: bool, threshold: int
) -> MeasureTrend:
    """The measure's published values per period and gender, with its targets.
    The measure's targets must be prefetched."""
    current = latest_values(values)
    targets = targets_by_period(measure)
    genders = [g for g in GENDER_ORDER if any(key[1] == g for key in current)] or [Gender.TOTAL]
    periods = sorted({period for period, _gender in current} | set(targets))
    rows = []
    for period in periods:
        cells: list[Cell] = []
        shown: list[Decimal | None] = []
        for gender in genders:
            row = current.get((period, gender))
            if row is None:
                cells.append(Cell(Status.SHOWN, None, "–"))
                shown.append(None)
                continue
            cell = protected_value(row.value, is_count=is_count, threshold=threshold)
            cells.append(cell)
            shown.append(row.value if cell.shown else None)
        rows.append(TrendRow(period=period, cells=cells, values=shown, target=targets.get(period)))
    has_hidden = any(not cell.shown for row in rows for cell in row.cells)
    chart = _chart(measure, genders, rows)
    return MeasureTrend(
        measure=measure,
        genders=genders,
        rows=rows,
        # charts.py escapes every text it puts into the SVG.
        svg=mark_safe(line_chart_svg(chart, chart_id=f"matt-{measure.pk}")),
        unit=unit_text(measure),
        has_hidden=has_hidden,
    )


def _chart(measure: Measure, genders: list[Gender], rows: list[TrendRow]) -> LineChart:
    """Hidden values are not drawn: their points are left out of the lines."""
    series = [
        Series(name=str(gender.label), values=[row.values[index] for row in rows])
        for index, gender in enumerate(genders)
        if any(row.values[index] is not None for row in rows)
    ]
    unit = unit_text(measure)
    description = _("Önskad riktning: %(direction)s.") % {
        "direction": measure.get_direction_display().lower()
    }
    return LineChart(
        title=f"{measure.statement} ({unit})" if unit else measure.statement,
        categories=[row.period.label for row in rows],
        series=series,
        description=description,
        baseline=measure.baseline_value,
        baseline_label=_("Nollmätning %(year)s") % {"year": measure.baseline_year}
        if measure.baseline_year
        else _("Nollmätning"),
        targets=[row.target for row in rows] if any(r.target is not None for r in rows) else [],
    )


def counts_values(measure: Measure, count_lineages: set[uuid.UUID]) -> bool:
    """Whether the measure's values are counts, which disclosure control covers."""
    return measure.kind == MeasureKind.COUNT or measure.lineage in count_lineages
