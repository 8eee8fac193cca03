"""The public data as files: CSV for spreadsheets (every cell guarded against
formula injection) and JSON for programs. They hold exactly what the public
pages show, built from the same objects, so a download can never tell more
than the page: the published plan version, the statuses of the latest
published round, the published measure values after disclosure control."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from handlingskraft.followup.models import FollowUpRound
from handlingskraft.lib.spreadsheet import safe_row
from handlingskraft.plans.models import Activity, Goal, Measure, Plan

from .status import ActivityResult
from .trends import MeasureTrend


def csv_response(filename: str, rows: Iterable[list[str]]) -> HttpResponse:
    """A CSV download that Excel opens as UTF-8, semicolon-separated (the
    Swedish list separator), with every cell made safe for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(safe_row(row))
    return response


def json_response(filename: str, data: dict[str, Any]) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _goal_label(plan: Plan, goal: Goal | None) -> str:
    return f"{plan.section_label.capitalize()} {goal.number}" if goal else ""


def activity_rows(
    plan: Plan, results: list[ActivityResult], round: FollowUpRound | None
) -> Iterator[list[str]]:
    """A header, then a row per activity and published status (an activity
    several actors reported on separately has a row per actor)."""
    yield [
        _("Del av planen"),
        plan.activity_label.capitalize(),
        _("Ansvariga"),
        _("Leder arbetet"),
        _("Status"),
        _("Beskrivning"),
        _("Rapporterat av"),
        _("Uppföljning"),
    ]
    round_name = round.name if round else ""
    for result in results:
        activity = result.activity
        common = [
            _goal_label(plan, activity.goal),
            activity.description,
            ", ".join(a.actor.name for a in activity.assignments.all()),
            activity.lead.name if activity.lead else "",
        ]
        if not result.statuses:
            yield [*common, "", "", "", round_name]
        for status in result.statuses:
            yield [*common, status.label, status.text, status.actor, round_name]


def measure_rows(plan: Plan, trends: list[MeasureTrend]) -> Iterator[list[str]]:
    """A header, then a row per measure, period and gender with a value."""
    yield [_("Del av planen"), _("Mått"), _("Period"), _("Kön"), _("Värde"), _("Enhet")]
    for trend in trends:
        measure = trend.measure
        for row in trend.rows:
            for gender, cell in zip(trend.genders, row.cells, strict=True):
                if cell.text == "–":
                    continue
                yield [
                    _goal_label(plan, measure.goal),
                    measure.statement,
                    row.period.label,
                    str(gender.label),
                    cell.text,
                    trend.unit,
                ]


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _status_json(result: ActivityResult | None) -> list[dict[str, str]]:
    if result is None:
        return []
    return [
        {"category": s.category, "label": s.label, "text": s.text, "actor": s.actor}
        for s in result.statuses
    ]


def _activity_json(activity: Activity, results: dict[int, ActivityResult]) -> dict[str, Any]:
    lead = activity.lead
    return {
        "description": activity.description,
        "responsible": [a.actor.name for a in activity.assignments.all()],
        "lead": lead.name if lead else None,
        "statuses": _status_json(results.get(activity.pk)),
    }


def _measure_json(measure: Measure, trends: dict[int, MeasureTrend]) -> dict[str, Any]:
    trend = trends.get(measure.pk)
    values = []
    if trend is not None:
        for row in trend.rows:
            for index, gender in enumerate(trend.genders):
                cell = row.cells[index]
                if cell.text == "–":
                    continue
                values.append(
                    {
                        "period": str(row.period),
                        "gender": str(gender),
                        "value": _number(row.values[index]),
                        "shown_as": cell.text,
                    }
                )
    return {
        "statement": measure.statement,
        "direction": measure.direction,
        "kind": measure.kind,
        "kolada_kpi": measure.kolada_kpi or None,
        "baseline_year": measure.baseline_year,
        "baseline_value": _number(measure.baseline_value),
        "target_year": measure.target_year,
        "target_value": _number(measure.target_value),
        "values": values,
    }


def plan_document(
    plan: Plan,
    round: FollowUpRound | None,
    results: list[ActivityResult],
    trends: list[MeasureTrend],
    rounds: list[FollowUpRound],
) -> dict[str, Any]:
    """The published plan as one JSON document. `plan` must be fetched
    `with_structure()`; field names are English, texts as the plan has them."""
    by_activity = {result.activity.pk: result for result in results}
    by_measure = {trend.measure.pk: trend for trend in trends}
    return {
        "organization": {
            "name": plan.organization.name,
            "municipality_code": plan.organization.municipality_code,
        },
        "plan": {
            "title": plan.title,
            "slug": plan.slug,
            "version": plan.version,
            "decided_on": plan.decided_on.isoformat() if plan.decided_on else None,
            "decided_by": plan.decided_by.name if plan.decided_by else None,
            "valid_from": plan.valid_from.isoformat() if plan.valid_from else None,
            "valid_until": plan.valid_until.isoformat() if plan.valid_until else None,
            "published_at": plan.published_at.isoformat() if plan.published_at else None,
            "vision": plan.vision,
            "purpose": plan.purpose,
            "goals": [
                {
                    "number": goal.number,
                    "title": goal.title,
                    "description": goal.description,
                    "prerequisites": [p.text for p in goal.prerequisites.all()],
                    "measures": [_measure_json(m, by_measure) for m in goal.measures.all()],
                    "activities": [_activity_json(a, by_activity) for a in goal.activities.all()],
                }
                for goal in plan.goals.all()
            ],
            "measures": [_measure_json(m, by_measure) for m in plan.measures.all()],
            "activities": [_activity_json(a, by_activity) for a in plan.activities.all()],
        },
        "statuses_from_round": _round_json(round) if round else None,
        "published_rounds": [_round_json(r) for r in rounds],
    }


def _round_json(round: FollowUpRound) -> dict[str, Any]:
    return {
        "name": round.name,
        "kind": round.kind,
        "period_start": round.period_start.isoformat(),
        "period_end": round.period_end.isoformat(),
        "published_at": round.published_at.isoformat() if round.published_at else None,
        "closed_with_missing_reports": round.closed_with_missing,
    }
