"""A measure's values put together for its page and for reports: the current
value per period and gender, the targets, the assessment of each period and
the chart with its data table. Plain functions over rows already fetched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from handlingskraft.exports.charts import ChartTable, LineChart, Series, chart_table
from handlingskraft.plans.models import Measure, MeasureKind
from handlingskraft.plans.periods import Period

from .assessment import PeriodAssessment, assess_series
from .models import Gender, MeasureValue
from .queries import latest_values

GENDER_ORDER = [Gender.TOTAL, Gender.WOMEN, Gender.MEN]


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    values: list[MeasureValue | None]
    """The current value per gender, in the order of `MeasureOverview.genders`."""
    target: Decimal | None
    assessment: PeriodAssessment | None
    """Of the total; None for a period with only a target."""


@dataclass(frozen=True)
class MeasureOverview:
    genders: list[Gender]
    rows: list[PeriodRow]
    chart: LineChart
    table: ChartTable

    @property
    def latest(self) -> PeriodRow | None:
        """The latest period with a total value."""
        with_value = [row for row in self.rows if row.assessment and row.values[0]]
        return with_value[-1] if with_value else None


def unit_text(measure: Measure) -> str:
    """What the values are counted in, for captions."""
    if measure.kind in {MeasureKind.SHARE, MeasureKind.SURVEY_PERCENTAGE}:
        return _("procent")
    if measure.kind == MeasureKind.RATE:
        return _("antal per 10 000 invånare")
    if measure.kind == MeasureKind.COUNT:
        return _("antal")
    return ""


def measure_overview(
    measure: Measure, values: Sequence[MeasureValue], targets: dict[Period, Decimal]
) -> MeasureOverview:
    """Everything the measure page shows about the values, built from the
    measure's value rows (all of them, history included) and its targets."""
    current = latest_values(values)
    genders = [g for g in GENDER_ORDER if any(key[1] == g for key in current)] or [Gender.TOTAL]
    if genders[0] != Gender.TOTAL:
        genders.insert(0, Gender.TOTAL)
    periods = sorted({key[0] for key in current} | set(targets))
    totals = [(p, _value(current.get((p, Gender.TOTAL)))) for p in periods]
    assessments = {
        a.period: a
        for a in assess_series(measure.direction, measure.baseline_value, totals)
        if a.value is not None
    }
    rows = [
        PeriodRow(
            period=period,
            values=[current.get((period, gender)) for gender in genders],
            target=targets.get(period),
            assessment=assessments.get(period),
        )
        for period in periods
    ]
    chart = _chart(measure, genders, rows)
    return MeasureOverview(genders=genders, rows=rows, chart=chart, table=chart_table(chart))


def _value(row: MeasureValue | None) -> Decimal | None:
    return None if row is None else row.value


def _chart(measure: Measure, genders: list[Gender], rows: list[PeriodRow]) -> LineChart:
    series = [
        Series(name=str(gender.label), values=[_value(row.values[index]) for row in rows])
        for index, gender in enumerate(genders)
        if any(row.values[index] for row in rows)
    ]
    unit = unit_text(measure)
    title = measure.statement if not unit else f"{measure.statement} ({unit})"
    baseline_label = (
        _("Nollmätning %(year)s") % {"year": measure.baseline_year}
        if measure.baseline_year
        else _("Nollmätning")
    )
    return LineChart(
        title=title,
        categories=[row.period.label for row in rows],
        series=series,
        description=_("Önskad riktning: %(direction)s.")
        % {"direction": measure.get_direction_display().lower()},
        baseline=measure.baseline_value,
        baseline_label=baseline_label,
        targets=[row.target for row in rows] if any(r.target is not None for r in rows) else [],
    )
