"""Access to the editing pages (merged into plans/tests/access.py). They are
for coordinators and administrators only. The world's plan is adopted, and an
adopted version cannot change (409), so these rows first make it a draft."""

from __future__ import annotations

from typing import Any

from handlingskraft.accounts.tests.access_rules import COORDINATORS, Access, Kwargs, org, plan
from handlingskraft.conftest import World
from handlingskraft.plans.models import Plan, PlanStatus

# Moves are POST-only: a GET by someone allowed is 405.
COORDINATORS_POST_ONLY = {**COORDINATORS, "coordinator": 405, "administrator": 405}


def make_draft(world: World) -> Plan:
    """Turn the world's plan into a draft, which can be edited."""
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.DRAFT)
    world.plan.refresh_from_db()
    return world.plan


def draft(world: World) -> dict[str, Any]:
    make_draft(world)
    return plan(world)


def draft_item(key: str, item: str) -> Kwargs:
    """Kwargs for a part of the (draft) world plan: `item` names the World field."""

    def kwargs(world: World) -> dict[str, Any]:
        make_draft(world)
        return {**plan(world), key: getattr(world, item).pk}

    return kwargs


def first_prerequisite(world: World) -> dict[str, Any]:
    make_draft(world)
    return {**plan(world), "prerequisite_id": world.goal.prerequisites.get().pk}


def first_responsibility(world: World) -> dict[str, Any]:
    make_draft(world)
    return {**plan(world), "responsibility_id": world.plan.responsibilities.get().pk}


def foreign(key: str, objects: str) -> Kwargs:
    """Our organisation and plan in the address, another organisation's object id."""

    def kwargs(world: World) -> dict[str, Any]:
        make_draft(world)
        other = world.other_plan
        found = {
            "goals": other.goals,
            "activities": other.activities,
            "measures": other.measures,
            "responsibilities": other.responsibilities,
            "prerequisites": other.goals.get().prerequisites,
        }[objects]
        return {**plan(world), key: found.get().pk}

    return kwargs


def other_plan(world: World) -> dict[str, Any]:
    return {**org(world), "plan_slug": world.other_plan.slug}


goal = draft_item("goal_id", "goal")
measure = draft_item("measure_id", "measure")
activity = draft_item("activity_id", "activity")

ACCESS: Access = {
    "plans:plan_create": (org, COORDINATORS),
    "plans:plan_edit": (draft, COORDINATORS),
    "plans:plan_update": (draft, COORDINATORS),
    "plans:goal_create": (draft, COORDINATORS),
    "plans:goal_update": (goal, COORDINATORS),
    "plans:goal_delete": (goal, COORDINATORS),
    "plans:goal_move": (goal, COORDINATORS_POST_ONLY),
    "plans:prerequisite_create": (goal, COORDINATORS),
    "plans:prerequisite_update": (first_prerequisite, COORDINATORS),
    "plans:prerequisite_delete": (first_prerequisite, COORDINATORS),
    "plans:measure_create": (draft, COORDINATORS),
    "plans:measure_update": (measure, COORDINATORS),
    "plans:measure_delete": (measure, COORDINATORS),
    "plans:activity_create": (draft, COORDINATORS),
    "plans:activity_update": (activity, COORDINATORS),
    "plans:activity_delete": (activity, COORDINATORS),
    "plans:activity_move": (activity, COORDINATORS_POST_ONLY),
    "plans:responsibility_create": (draft, COORDINATORS),
    "plans:responsibility_update": (first_responsibility, COORDINATORS),
    "plans:responsibility_delete": (first_responsibility, COORDINATORS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "plans:plan_edit": other_plan,
    "plans:plan_update": other_plan,
    "plans:goal_create": other_plan,
    "plans:goal_update": foreign("goal_id", "goals"),
    "plans:goal_delete": foreign("goal_id", "goals"),
    "plans:goal_move": foreign("goal_id", "goals"),
    "plans:prerequisite_create": foreign("goal_id", "goals"),
    "plans:prerequisite_update": foreign("prerequisite_id", "prerequisites"),
    "plans:prerequisite_delete": foreign("prerequisite_id", "prerequisites"),
    "plans:measure_create": other_plan,
    "plans:measure_update": foreign("measure_id", "measures"),
    "plans:measure_delete": foreign("measure_id", "measures"),
    "plans:activity_create": other_plan,
    "plans:activity_update": foreign("activity_id", "activities"),
    "plans:activity_delete": foreign("activity_id", "activities"),
    "plans:activity_move": foreign("activity_id", "activities"),
    "plans:responsibility_create": other_plan,
    "plans:responsibility_update": foreign("responsibility_id", "responsibilities"),
    "plans:responsibility_delete": foreign("responsibility_id", "responsibilities"),
}
