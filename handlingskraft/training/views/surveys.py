"""The employee survey's results per question, year and actor, compared with
the baseline year (2022 unless the organisation set another); entering a
result and importing a file of them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.datacollection.disclosure import protect_count, small_text
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.organizations.models import Actor, Organization

from ..employee_survey import (
    ImportReport,
    SurveyFileError,
    SurveyResultInput,
    survey_result_record,
    survey_results_import,
)
from ..forms import SurveyResultForm, SurveyUploadForm
from ..models import EmployeeSurveyResult, SurveyQuestion
from ..queries import settings_of
from ._common import acting_user, has, shows_raw, training_crumbs


def _results_url(organization: Organization) -> str:
    return reverse("training:survey_results", args=[organization.slug])


@dataclass(frozen=True)
class ResultCell:
    text: str
    """The share as text, or ".." where it is hidden."""
    hidden: bool = False
    change: str = ""
    """Percentage points since the baseline, as text ("+4,5"), if there is one."""


def _shown(result: EmployeeSurveyResult, threshold: int, raw: bool) -> bool:
    """Whether a result's share may be shown: a share of a handful of
    respondents could point someone out."""
    if raw or result.respondents is None:
        return True
    return protect_count(result.respondents, threshold).shown


def _cell(
    result: EmployeeSurveyResult, baseline: EmployeeSurveyResult | None, threshold: int, raw: bool
) -> ResultCell:
    if not _shown(result, threshold, raw):
        return ResultCell("..", hidden=True)
    change = ""
    if baseline is not None and baseline.year != result.year and _shown(baseline, threshold, raw):
        difference = result.share - baseline.share
        change = ("+" if difference > 0 else "") + format_decimal(difference, 1)
    return ResultCell(f"{format_decimal(result.share, 1)} %", change=change)


def _tables(
    results: list[EmployeeSurveyResult], baseline_year: int, threshold: int, raw: bool
) -> list[tuple[str, list[int], list[tuple[str, list[ResultCell | None]]]]]:
    """Per question: its label, the years, and a row per actor (the whole
    organisation first) with a cell per year."""
    by_question: dict[str, dict[Actor | None, dict[int, EmployeeSurveyResult]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for result in results:
        by_question[result.question][result.actor][result.year] = result
    tables = []
    for question, label in SurveyQuestion.choices:
        rows_by_actor = by_question.get(question)
        if not rows_by_actor:
            continue
        years = sorted({year for per_year in rows_by_actor.values() for year in per_year})
        actors = sorted(
            rows_by_actor, key=lambda actor: (actor is not None, actor.name if actor else "")
        )
        rows = []
        for actor in actors:
            per_year = rows_by_actor[actor]
            baseline = per_year.get(baseline_year)
            cells = [
                _cell(per_year[year], baseline, threshold, raw) if year in per_year else None
                for year in years
            ]
            rows.append((actor.name if actor else _("Hela organisationen"), cells))
        tables.append((str(label), years, rows))
    return tables


@requires(Capability.VIEW_INTERNAL)
def survey_results(request: HttpRequest, organization: Organization) -> HttpResponse:
    settings = settings_of(organization)
    threshold = StatisticsSettings.threshold_for(organization)
    results = list(
        EmployeeSurveyResult.objects.filter(organization=organization).select_related("actor")
    )
    raw = shows_raw(request, organization)
    return render(
        request,
        "training/survey_results.html",
        {
            "organization": organization,
            "tables": _tables(results, settings.survey_baseline_year, threshold, raw),
            "baseline_year": settings.survey_baseline_year,
            "threshold": threshold,
            "small": small_text(threshold),
            "raw": raw,
            "can_edit": has(request, organization, Capability.EDIT_PLAN),
            "crumbs": training_crumbs(organization),
        },
    )


def _survey_crumbs(organization: Organization) -> list[tuple[str, str]]:
    return [*training_crumbs(organization), (_("Medarbetarenkäten"), _results_url(organization))]


@requires(Capability.EDIT_PLAN)
def survey_result_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    initial = {"year": settings_of(organization).survey_baseline_year}
    form = SurveyResultForm(data, organization=organization, initial=initial)
    if data is not None and form.is_valid():
        values = form.cleaned_data
        _result, changed = survey_result_record(
            organization=organization,
            user=acting_user(request),
            data=SurveyResultInput(
                year=values["year"],
                question=values["question"],
                share=Decimal(values["share"]),
                actor=values["actor"],
                respondents=values["respondents"],
            ),
        )
        if changed:
            messages.success(request, _("Resultatet är sparat."))
        else:
            messages.info(request, _("Resultatet fanns redan med samma siffror."))
        return redirect(_results_url(organization))
    return render(
        request,
        "training/survey_result_form.html",
        {"organization": organization, "form": form, "crumbs": _survey_crumbs(organization)},
    )


def _import_message(report: ImportReport) -> str:
    return ngettext(
        "Importen är klar: %(created)s nytt resultat, %(changed)s ändrade, %(unchanged)s "
        "oförändrade.",
        "Importen är klar: %(created)s nya resultat, %(changed)s ändrade, %(unchanged)s "
        "oförändrade.",
        report.created,
    ) % {"created": report.created, "changed": report.changed, "unchanged": report.unchanged}


@requires(Capability.EDIT_PLAN)
def survey_import(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = survey_results_import(
                content=form.cleaned_data["file"].read(),
                organization=organization,
                user=acting_user(request),
            )
        except SurveyFileError as error:
            for line in error.errors:
                form.add_error("file", line)
        else:
            messages.success(request, _import_message(report))
            return redirect(_results_url(organization))
    return render(
        request,
        "training/survey_import.html",
        {"organization": organization, "form": form, "crumbs": _survey_crumbs(organization)},
    )
