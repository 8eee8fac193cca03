"""Turning domain objects into the API's rows. Each function reads only what
the query that fetched the object has already loaded (select_related or
prefetch_related, named in its docstring), so that a list costs the same
number of queries whatever its length."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from handlingskraft.followup.models import FollowUpRound, StatusReport
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Activity, Goal, Measure, Plan, Responsibility
from handlingskraft.plans.periods import Period

from .schemas import PageParams

Row = dict[str, Any]
M = TypeVar("M", bound=Model)


def paged(queryset: QuerySet[M], params: PageParams) -> tuple[list[M], Row]:
    """One page of `queryset` (ordered by the caller) and the paging fields: two queries."""
    count = queryset.count()
    rows = list(queryset[params.offset : params.offset + params.limit])
    return rows, {"count": count, "limit": params.limit, "offset": params.offset}


def paged_list(rows: list[Any], params: PageParams) -> tuple[list[Any], Row]:
    """One page of rows already in memory."""
    page = rows[params.offset : params.offset + params.limit]
    return page, {"count": len(rows), "limit": params.limit, "offset": params.offset}


def number(value: Any) -> float | None:
    return None if value is None else float(value)


def organization_row(organization: Organization) -> Row:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "municipality_code": organization.municipality_code,
    }


def actor_row(actor: Actor) -> Row:
    return {"id": actor.pk, "name": actor.name, "kind": actor.kind}


def plan_row(plan: Plan) -> Row:
    """Needs `organization` and `decided_by` loaded."""
    return {
        "id": plan.pk,
        "organization": plan.organization.slug,
        "slug": plan.slug,
        "version": plan.version,
        "title": plan.title,
        "status": plan.status,
        "section_label": plan.section_label,
        "section_label_plural": plan.section_label_plural,
        "activity_label": plan.activity_label,
        "activity_label_plural": plan.activity_label_plural,
        "vision": plan.vision,
        "purpose": plan.purpose,
        "decided_by": plan.decided_by.name if plan.decided_by else None,
        "decided_on": plan.decided_on,
        "valid_from": plan.valid_from,
        "valid_until": plan.valid_until,
        "next_revision_year": plan.next_revision_year,
        "diarienummer": plan.diarienummer,
        "published_at": plan.published_at,
    }


def plans_for_rows(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    return plans.select_related("organization", "decided_by").order_by(
        "organization__name", "title", "slug", "version", "pk"
    )


def goal_row(goal: Goal) -> Row:
    """Needs `prerequisites` prefetched."""
    return {
        "id": goal.pk,
        "number": goal.number,
        "lineage": goal.lineage,
        "title": goal.title,
        "description": goal.description,
        "prerequisites": [item.text for item in goal.prerequisites.all()],
    }


def responsibility_row(responsibility: Responsibility) -> Row:
    """Needs `actor` and `followed_up_by` loaded."""
    follower = responsibility.followed_up_by
    return {
        "actor": responsibility.actor.name,
        "title": responsibility.title,
        "text": responsibility.text,
        "followed_up_by": follower.name if follower else None,
    }


def plan_detail_row(plan: Plan) -> Row:
    goals = plan.goals.prefetch_related("prerequisites").order_by("number")
    responsibilities = plan.responsibilities.select_related("actor", "followed_up_by")
    return {
        **plan_row(plan),
        "goals": [goal_row(goal) for goal in goals],
        "responsibilities": [responsibility_row(item) for item in responsibilities],
    }


def measures_for_rows(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    return measures.select_related("goal").prefetch_related("targets")


def measure_row(measure: Measure) -> Row:
    """Needs `goal` loaded and `targets` prefetched."""
    return {
        "id": measure.pk,
        "lineage": measure.lineage,
        "plan_id": measure.plan_id,
        "goal": measure.goal.number if measure.goal else None,
        "position": measure.position,
        "statement": measure.statement,
        "direction": measure.direction,
        "unit_of_analysis": measure.unit_of_analysis,
        "baseline_year": measure.baseline_year,
        "baseline_value": number(measure.baseline_value),
        "target_year": measure.target_year,
        "target_value": number(measure.target_value),
        "data_source": measure.data_source,
        "kind": measure.kind,
        "share_of": measure.share_of,
        "kolada_kpi": measure.kolada_kpi,
        "targets": [
            {
                "period": str(target.period),
                "year": target.year,
                "tertial": target.tertial,
                "value": float(target.value),
            }
            for target in measure.targets.all()
        ],
    }


def activities_for_rows(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return (
        activities.select_related("goal")
        .prefetch_related("assignments__actor")
        .order_by("goal__number", "position", "pk")
    )


def activity_row(activity: Activity) -> Row:
    """Needs `goal` loaded and `assignments__actor` prefetched."""
    assignments = sorted(activity.assignments.all(), key=lambda a: (a.position, a.pk))
    return {
        "id": activity.pk,
        "lineage": activity.lineage,
        "plan_id": activity.plan_id,
        "goal": activity.goal.number if activity.goal else None,
        "position": activity.position,
        "description": activity.description,
        "partner_note": activity.partner_note,
        "prevention_level": activity.prevention_level,
        "starts_on": activity.starts_on,
        "due_on": activity.due_on,
        "recurrence": activity.recurrence,
        "responsible_actors": [
            {"id": a.actor_id, "name": a.actor.name, "is_lead": a.is_lead} for a in assignments
        ],
    }


def rounds_for_rows(rounds: QuerySet[FollowUpRound]) -> QuerySet[FollowUpRound]:
    return rounds.select_related("organization", "plan").order_by("-period_end", "-pk")


def round_row(round: FollowUpRound) -> Row:
    """Needs `organization` and `plan` loaded."""
    return {
        "id": round.pk,
        "organization": round.organization.slug,
        "plan_id": round.plan_id,
        "plan_slug": round.plan.slug,
        "plan_version": round.plan.version,
        "kind": round.kind,
        "name": round.name,
        "period_start": round.period_start,
        "period_end": round.period_end,
        "closed_with_missing": round.closed_with_missing,
        "published_at": round.published_at,
    }


def report_row(report: StatusReport) -> Row:
    """Needs `status` and `author` loaded."""
    status = report.status
    return {
        "number": report.number,
        "status_id": report.status_id,
        "status": status.category if status else None,
        "status_label": status.label if status else None,
        "done": report.done,
        "next_steps": report.next_steps,
        "obstacles": report.obstacles,
        "evidence_links": report.evidence_links,
        "submitted": report.submitted,
        "is_conflict": report.is_conflict,
        "author": report.author.get_username(),
        "created_at": report.created_at,
    }


def period_text(year: int, tertial: int) -> str:
    return str(Period(year, tertial))
