"""Measures in the reports: facts, the latest value judged against the
baseline and the previous period, the trend chart with its table, and the
coordinator's assessment. The values and the chart come from the measure
page's own functions (`indicators.overview`), so page and report agree."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from handlingskraft.followup.models import Assessment
from handlingskraft.indicators.models import MeasureValue
from handlingskraft.indicators.overview import measure_overview, unit_text
from handlingskraft.indicators.queries import targets_by_period
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.plans.models import Measure, Plan

from .model import Figure, MeasureSection


def plan_measures(plan: Plan) -> list[Measure]:
    """Every measure of a plan fetched with its structure, goals first."""
    return [m for goal in plan.goals.all() for m in goal.measures.all()] + list(plan.measures.all())


def values_by_lineage(
    plan: Plan, *, up_to_year: int | None = None
) -> dict[object, list[MeasureValue]]:
    """Every value of the plan's measures, in any version of the plan (by
    lineage), history included, in one query; up to `up_to_year` if given."""
    lineages = [m.lineage for m in plan_measures(plan)]
    if not lineages:
        return {}
    rows = MeasureValue.objects.filter(
        measure__lineage__in=lineages, measure__plan__organization_id=plan.organization_id
    ).select_related("measure")
    if up_to_year is not None:
        rows = rows.filter(year__lte=up_to_year)
    grouped: dict[object, list[MeasureValue]] = {}
    for value in rows.order_by("pk"):
        grouped.setdefault(value.measure.lineage, []).append(value)
    return grouped


def _facts(measure: Measure) -> list[tuple[str, str]]:
    facts = [(_("Önskad riktning"), measure.get_direction_display())]
    if measure.unit_of_analysis:
        facts.append((_("Analysenhet"), measure.unit_of_analysis))
    if measure.baseline_value is not None:
        year = f" ({measure.baseline_year})" if measure.baseline_year else ""
        facts.append((_("Nollmätning"), format_decimal(measure.baseline_value) + year))
    elif measure.baseline_year:
        facts.append((_("Nollmätning"), str(measure.baseline_year)))
    if measure.target_value is not None:
        year = f" ({measure.target_year})" if measure.target_year else ""
        facts.append((_("Mål"), format_decimal(measure.target_value) + year))
    if measure.data_source:
        facts.append((_("Datakälla"), measure.data_source))
    return facts


def measure_section(
    measure: Measure,
    values: Sequence[MeasureValue],
    assessment: Assessment | None = None,
    *,
    with_values: bool = True,
) -> MeasureSection:
    """The measure as a report shows it (without values: as the plan states it)."""
    overview = measure_overview(measure, values, targets_by_period(measure))
    latest = overview.latest if with_values else None
    verdicts = []
    if latest is not None and latest.assessment is not None:
        value = (
            format_decimal(latest.assessment.value) if latest.assessment.value is not None else ""
        )
        unit = unit_text(measure)
        verdicts.append(
            (
                _("Senaste värde"),
                "",
                f"{value}{' ' + unit if unit else ''} ({latest.period.label})",
            )
        )
        for what, verdict in (
            (_("Jämfört med nollmätningen"), latest.assessment.against_baseline),
            (_("Jämfört med föregående mätning"), latest.assessment.against_previous),
        ):
            verdicts.append((what, verdict.symbol, verdict.label))
    has_values = with_values and any(
        any(row.values) or row.target is not None for row in overview.rows
    )
    return MeasureSection(
        statement=measure.statement,
        facts=_facts(measure),
        verdicts=verdicts,
        figure=Figure(overview.chart, f"matt-{measure.pk}") if has_values else None,
        assessment=assessment.option.label if assessment and assessment.option else "",
        analysis=assessment.analysis if assessment else "",
        against_previous=latest.assessment.against_previous
        if latest is not None and latest.assessment is not None
        else None,
    )
