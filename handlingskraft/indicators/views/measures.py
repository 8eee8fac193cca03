"""The organisation's measures, and one measure's page: values by period and
gender, the chart with its data table, the assessment, targets and history."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from handlingskraft.accounts.permissions import Capability, may_enter_values, requires
from handlingskraft.exports.charts import line_chart_svg
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind

from ..assessment import assess
from ..models import Gender, MeasureValue, UnitSurvey
from ..overview import measure_overview, unit_text
from ..queries import (
    current_measures,
    latest_values,
    measure_of,
    targets_by_period,
    value_reporting_actor_ids,
)
from ._common import has, organization_crumbs


@requires(Capability.VIEW_PLAN)
def measure_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Every measure of the organisation's current plans with its latest total."""
    measures = list(
        current_measures(organization)
        .select_related("plan", "goal")
        .order_by("plan__title", "goal__number", "position", "pk")
    )
    values = MeasureValue.objects.filter(
        measure__lineage__in=[m.lineage for m in measures],
        measure__plan__organization=organization,
        gender=Gender.TOTAL,
    ).select_related("measure")
    by_lineage: dict[object, list[MeasureValue]] = defaultdict(list)
    for value in values:
        by_lineage[value.measure.lineage].append(value)
    rows = []
    for measure in measures:
        current = latest_values(by_lineage.get(measure.lineage, []))
        latest = current[max(current)] if current else None
        verdict = assess(
            measure.direction, latest.value if latest else None, measure.baseline_value
        )
        rows.append((measure, latest, verdict))
    return render(
        request,
        "indicators/measure_list.html",
        {
            "organization": organization,
            "rows": rows,
            "can_import": has(request, organization, Capability.EDIT_PLAN),
            "internal": has(request, organization, Capability.VIEW_INTERNAL),
            "crumbs": organization_crumbs(organization)[:1],
        },
    )


@requires(Capability.VIEW_PLAN)
def measure_detail(
    request: HttpRequest, organization: Organization, measure_id: int
) -> HttpResponse:
    measure = measure_of(organization, measure_id)
    values = list(MeasureValue.objects.of_measure(measure).select_related("entered_by", "survey"))
    overview = measure_overview(measure, values, targets_by_period(measure))
    current_ids = {value.pk for value in latest_values(values).values()}
    surveys = UnitSurvey.objects.filter(
        measure__lineage=measure.lineage, organization=organization
    ).order_by("-year", "-tertial")
    # Safe: the chart module escapes every text it puts into the SVG.
    chart_svg = mark_safe(line_chart_svg(overview.chart, chart_id="matt-diagram"))
    may_enter = may_enter_values(
        request.user, organization, reporting_actor_ids=value_reporting_actor_ids(measure)
    )
    return render(
        request,
        "indicators/measure_detail.html",
        {
            "organization": organization,
            "measure": measure,
            "plan": measure.plan,
            "overview": overview,
            "chart_svg": chart_svg,
            "unit": unit_text(measure),
            "history": [(value, value.pk in current_ids) for value in reversed(values)],
            "surveys": surveys,
            "may_enter": may_enter,
            "can_survey": has(request, organization, Capability.MANAGE_ROUNDS)
            and measure.kind == MeasureKind.SHARE
            and bool(measure.share_of),
            "plan_url": reverse("plans:plan_detail", args=[organization.slug, measure.plan.slug]),
            "crumbs": organization_crumbs(organization),
            "here": _short(measure),
        },
    )


def _short(measure: Measure) -> str:
    return measure.statement if len(measure.statement) <= 60 else measure.statement[:57] + "…"
