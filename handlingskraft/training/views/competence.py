"""The competence plan (kompetensförsörjningsplanen): its lines, changing a
line, and the coverage view (trained / staff per professional group over the
years), which everyone but the coordinator sees after disclosure control."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.datacollection.disclosure import Cell, small_text
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.organizations.models import Organization

from ..coverage import LineYear, Total, by_group, plan_years, total
from ..forms import PlanLineForm, YearFormSet, line_input
from ..models import CompetencePlanLine
from ..queries import coverage_data, line_of, plan_lines
from ..services import TrainingError, plan_line_save
from ..tables import known
from ._common import acting_user, has, sees_raw_counts, shows_raw, training_crumbs


def _plan_url(organization: Organization) -> str:
    return reverse("training:competence_plan", args=[organization.slug])


@requires(Capability.VIEW_INTERNAL)
def competence_plan(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Every line of the plan: actor, group, needs, staff and targets per year."""
    lines = plan_lines(organization)
    return render(
        request,
        "training/competence_plan.html",
        {
            "organization": organization,
            "lines": lines,
            "years": sorted({year.year for line in lines for year in line.years.all()}),
            "can_edit": has(request, organization, Capability.EDIT_PLAN),
            "crumbs": training_crumbs(organization),
        },
    )


def _line_form(
    request: HttpRequest, organization: Organization, line: CompetencePlanLine | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = None
    years_initial = None
    if line is not None:
        initial = {
            "actor": line.actor,
            "group": line.group,
            "trainings": list(line.trainings.all()),
            "topics": list(line.topics.all()),
            "note": line.note,
        }
        years_initial = [
            {"year": year.year, "staff": year.staff, "target_share": year.target_share}
            for year in line.years.order_by("year")
        ]
    form = PlanLineForm(data, organization=organization, initial=initial)
    years = YearFormSet(data, initial=years_initial, prefix="ar")
    if data is not None and form.is_valid() and years.is_valid():
        try:
            plan_line_save(
                organization=organization,
                user=acting_user(request),
                data=line_input(form, years),
                line=line,
            )
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Raden i kompetensförsörjningsplanen är sparad."))
            return redirect(_plan_url(organization))
    crumbs = [
        *training_crumbs(organization),
        (_("Kompetensförsörjningsplan"), _plan_url(organization)),
    ]
    return render(
        request,
        "training/line_form.html",
        {
            "organization": organization,
            "form": form,
            "years": years,
            "line": line,
            "crumbs": crumbs,
        },
    )


@requires(Capability.EDIT_PLAN)
def line_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    return _line_form(request, organization, None)


@requires(Capability.EDIT_PLAN)
def line_edit(request: HttpRequest, organization: Organization, line_id: int) -> HttpResponse:
    return _line_form(request, organization, line_of(organization, line_id))


# --- the coverage view -------------------------------------------------------------


@dataclass(frozen=True)
class CoverageCell:
    """One year of a line, a group or the whole plan, as a page shows it."""

    trained: Cell
    staff: int
    share: str
    """The share as text: "42,5 %", ".." when hidden, "–" without staff."""
    target: Decimal | None = None
    met: bool | None = None


def _share_text(share: Decimal | None, trained: int | None) -> str:
    if trained is None:
        return ".."
    return "–" if share is None else f"{format_decimal(share, 1)} %"


def _cell(item: LineYear | Total) -> CoverageCell:
    share = _share_text(item.share, item.trained)
    if isinstance(item, LineYear):
        return CoverageCell(known(item.trained), item.staff, share, item.target, item.met)
    return CoverageCell(known(item.trained), item.staff, share)


@requires(Capability.VIEW_INTERNAL)
def coverage(request: HttpRequest, organization: Organization) -> HttpResponse:
    threshold = StatisticsSettings.threshold_for(organization)
    raw = shows_raw(request, organization)
    data = coverage_data(organization, threshold=threshold, raw=raw)
    years = plan_years(data.years)
    groups = {line.group_id: line.group for line in data.lines}
    per_group = by_group(data.years)
    group_rows = [
        (
            groups[pk],
            [_cell(per_group[pk][year]) if year in per_group[pk] else None for year in years],
        )
        for pk in sorted(per_group, key=lambda pk: (groups[pk].position, groups[pk].name, pk))
    ]
    by_line: dict[int, dict[int, LineYear]] = defaultdict(dict)
    for item in data.years:
        by_line[item.line.pk][item.year] = item
    line_rows = [
        (
            line,
            [_cell(by_line[line.pk][year]) if year in by_line[line.pk] else None for year in years],
        )
        for line in data.lines
    ]
    totals = [_cell(total(item for item in data.years if item.year == year)) for year in years]
    return render(
        request,
        "training/coverage.html",
        {
            "organization": organization,
            "years": years,
            "group_rows": group_rows,
            "line_rows": line_rows,
            "totals": totals,
            "raw": raw,
            "may_see_raw": sees_raw_counts(request, organization),
            "threshold": threshold,
            "small": small_text(threshold),
            "crumbs": training_crumbs(organization),
        },
    )
