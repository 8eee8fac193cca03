"""Exporting a plan to the plan file format. Empty values are left out, so that
export → import → export gives the same text."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import yaml

from handlingskraft.organizations.models import Actor
from handlingskraft.plans.models import Activity, Measure, Plan

FORMAT = "handlingskraft-plan/1"


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, so exported plans read like the source."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _actor(actor: Actor) -> dict[str, Any]:
    return _compact(
        {
            "name": actor.name,
            "kind": actor.kind,
            "abbreviation": actor.abbreviation,
            "serves": actor.serves.name if actor.serves else None,
            "description": actor.description,
            "units": [{"name": unit.name, "kind": unit.kind} for unit in actor.units.all()],
        }
    )


def _measure(measure: Measure) -> dict[str, Any]:
    return _compact(
        {
            "statement": measure.statement,
            "direction": measure.direction,
            "unit_of_analysis": measure.unit_of_analysis,
            "baseline": _compact(
                {"year": measure.baseline_year, "value": _number(measure.baseline_value)}
            ),
            "target": _compact(
                {"year": measure.target_year, "value": _number(measure.target_value)}
            ),
            "data_source": measure.data_source,
            "kind": measure.kind,
            "share_of": measure.share_of,
            "kolada_kpi": measure.kolada_kpi,
            "targets": [
                _compact(
                    {
                        "year": target.year,
                        "tertial": target.tertial or None,
                        "value": _number(target.value),
                    }
                )
                for target in sorted(measure.targets.all(), key=lambda t: t.period)
            ],
        }
    )


def _activity(activity: Activity) -> dict[str, Any]:
    assignments = list(activity.assignments.all())
    return _compact(
        {
            "description": activity.description,
            "responsible": [assignment.actor.name for assignment in assignments],
            "lead": activity.lead.name if activity.lead else None,
            "partner_note": activity.partner_note,
            "prevention_level": activity.prevention_level,
            "starts_on": _date(activity.starts_on),
            "due_on": _date(activity.due_on),
            "recurrence": activity.recurrence,
            "status": activity.status,
            "status_note": activity.status_note,
            "status_date": _date(activity.status_date),
        }
    )


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data in the plan file format, with all the actors of
    its organisation (the plan's references are to those)."""
    plan = (
        Plan.objects.with_structure()
        .prefetch_related("goals__measures__targets", "measures__targets")
        .get(pk=plan.pk)
    )
    goals = list(plan.goals.all())
    responsibilities = list(plan.responsibilities.all())
    actors = plan.organization.actors.select_related("serves").prefetch_related("units")
    org = plan.organization
    return _compact(
        {
            "format": FORMAT,
            "organization": {
                "name": org.name,
                "slug": org.slug,
                "municipality_code": org.municipality_code,
            },
            "actors": [_actor(actor) for actor in actors.order_by("pk")],
            "title": plan.title,
            "slug": plan.slug,
            "section_label": plan.section_label,
            "section_label_plural": plan.section_label_plural,
            "activity_label": plan.activity_label,
            "activity_label_plural": plan.activity_label_plural,
            "vision": plan.vision,
            "purpose": plan.purpose,
            "decided_by": plan.decided_by.name if plan.decided_by else None,
            "decided_on": _date(plan.decided_on),
            "valid_from": _date(plan.valid_from),
            "valid_until": _date(plan.valid_until),
            "status": plan.status,
            "review": _compact(
                {
                    "annual": plan.annual_review or None,
                    "evaluation_interval_years": plan.evaluation_interval_years,
                    "next_revision_year": plan.next_revision_year,
                }
            ),
            "goals": [
                _compact(
                    {
                        "number": goal.number,
                        "title": goal.title,
                        "description": goal.description,
                        "prerequisites": [p.text for p in goal.prerequisites.all()],
                        "measures": [_measure(m) for m in goal.measures.all()],
                        "activities": [_activity(a) for a in goal.activities.all()],
                    }
                )
                for goal in goals
            ],
            "measures": [_measure(m) for m in plan.measures.all()],
            "activities": [_activity(a) for a in plan.activities.all()],
            "responsibilities": [
                _compact(
                    {
                        "actor": r.actor.name,
                        "title": r.title,
                        "text": r.text,
                        "followed_up_by": r.followed_up_by.name if r.followed_up_by else None,
                    }
                )
                for r in responsibilities
            ],
        }
    )


def plan_export(*, plan: Plan) -> str:
    """The plan as plan file text (YAML)."""
    return yaml.dump(
        plan_to_data(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88
    )
