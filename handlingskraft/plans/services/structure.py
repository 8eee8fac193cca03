"""Writes to a plan's own facts and to its structure: goals and their
prerequisites."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models, transaction

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Goal, Plan, PlanStatus, Prerequisite

from . import rules
from .common import (
    Errors,
    Move,
    apply_fields,
    check_version,
    delete_activity_as,
    delete_as,
    editable_plan,
    next_position,
    refusing_followed_up,
    save_as,
    swap,
    validate,
)


@dataclass(frozen=True, kw_only=True)
class PlanFields:
    """What a coordinator sets on a plan. Status and version are not here: a
    plan is created as a draft, and adoption and revision are their own steps."""

    title: str
    slug: str
    section_label: str = "målbild"
    section_label_plural: str = "målbilder"
    activity_label: str = "aktivitet"
    activity_label_plural: str = "aktiviteter"
    vision: str = ""
    purpose: str = ""
    decided_by: Actor | None = None
    decided_on: datetime.date | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    annual_review: bool = False
    evaluation_interval_years: int | None = None
    next_revision_year: int | None = None
    diarienummer: str = ""


PLAN_FIELD_NAMES = tuple(PlanFields.__dataclass_fields__)


@dataclass(frozen=True, kw_only=True)
class GoalFields:
    number: int
    title: str
    description: str = ""


GOAL_FIELD_NAMES = tuple(GoalFields.__dataclass_fields__)


@dataclass(frozen=True, kw_only=True)
class PrerequisiteFields:
    text: str


# --- plan ---------------------------------------------------------------------


def _plan_errors(organization: Organization, plan: Plan, fields: PlanFields) -> Errors:
    errors: Errors = {}
    if message := rules.plan_slug_message(organization, fields.slug, plan):
        errors["slug"] = [message]
    if rules.foreign_actors(organization, [fields.decided_by]):
        # Plan.clean() says so too; this message names the remedy.
        errors["decided_by"] = [rules.foreign_actor_message()]
    return errors


def plan_create(*, user: User, organization: Organization, fields: PlanFields) -> Plan:
    """Create a plan in `organization`: always a draft, version 1."""
    with transaction.atomic():
        plan = Plan(organization=organization, status=PlanStatus.DRAFT, version=1)
        errors = _plan_errors(organization, plan, fields)
        apply_fields(plan, fields)
        validate(plan, errors)
        save_as(plan, user)
    return plan


def plan_update(*, user: User, plan: Plan, fields: PlanFields, expected_version: int) -> Plan:
    """Change the facts of an editable plan version. The slug changes only while
    the plan has a single version (all versions share it)."""
    with transaction.atomic():
        plan = editable_plan(plan)
        check_version(plan, expected=expected_version, field_names=PLAN_FIELD_NAMES)
        errors = _plan_errors(plan.organization, plan, fields)
        apply_fields(plan, fields)
        validate(plan, errors)
        save_as(plan, user)
    return plan


# --- goals --------------------------------------------------------------------


def goal_create(*, user: User, plan: Plan, fields: GoalFields) -> Goal:
    """Add a goal (målbild, utvecklingsområde …) to an editable plan version."""
    with transaction.atomic():
        plan = editable_plan(plan)
        goal = Goal(plan=plan)
        errors = _goal_errors(plan, goal, fields)
        apply_fields(goal, fields)
        validate(goal, errors)
        save_as(goal, user)
    return goal


def goal_update(*, user: User, goal: Goal, fields: GoalFields, expected_version: int) -> Goal:
    with transaction.atomic():
        plan = editable_plan(goal.plan)
        goal = Goal.objects.get(pk=goal.pk)
        check_version(goal, expected=expected_version, field_names=GOAL_FIELD_NAMES)
        errors = _goal_errors(plan, goal, fields)
        apply_fields(goal, fields)
        validate(goal, errors)
        save_as(goal, user)
    return goal


def _goal_errors(plan: Plan, goal: Goal, fields: GoalFields) -> Errors:
    message = rules.goal_number_message(plan, fields.number, goal)
    return {"number": [message]} if message else {}


def goal_delete(*, user: User, goal: Goal, expected_version: int) -> None:
    """Remove a goal with its prerequisites, measures and activities. Each is
    deleted on its own so the history names the user for every one of them."""
    with refusing_followed_up(), transaction.atomic():
        editable_plan(goal.plan)
        goal = Goal.objects.get(pk=goal.pk)
        check_version(goal, expected=expected_version, field_names=GOAL_FIELD_NAMES)
        for activity in goal.activities.prefetch_related("assignments"):
            delete_activity_as(activity, user)
        for item in [*goal.measures.all(), *goal.prerequisites.all()]:
            delete_as(item, user)
        delete_as(goal, user)


def goal_move(*, user: User, goal: Goal, direction: Move) -> bool:
    """Move a goal one step up or down and number all goals of the plan 1, 2, 3 …
    in their new order. False if the goal was already first (or last)."""
    with transaction.atomic():
        plan = editable_plan(goal.plan)
        goals = list(plan.goals.order_by("number", "pk"))
        if not swap(goals, goal.pk, direction):
            return False
        changed = [g for number, g in enumerate(goals, start=1) if g.number != number]
        # Numbers are unique within the plan: first lift the goals that change out
        # of the way (no history: the intermediate numbers mean nothing), then
        # give each its new number in a save that the history records.
        lift = max(g.number for g in goals) + 1
        Goal.objects.filter(pk__in=[g.pk for g in changed]).update(number=models.F("number") + lift)
        for number, item in enumerate(goals, start=1):
            if item in changed:
                item.number = number
                save_as(item, user)
    return True


# --- prerequisites ------------------------------------------------------------


def prerequisite_create(*, user: User, goal: Goal, fields: PrerequisiteFields) -> Prerequisite:
    """Add a prerequisite last under `goal`."""
    with transaction.atomic():
        editable_plan(goal.plan)
        prerequisite = Prerequisite(
            goal=goal, position=next_position(goal.prerequisites.all()), text=fields.text
        )
        validate(prerequisite)
        save_as(prerequisite, user)
    return prerequisite


def prerequisite_update(
    *, user: User, prerequisite: Prerequisite, fields: PrerequisiteFields, expected_version: int
) -> Prerequisite:
    with transaction.atomic():
        editable_plan(prerequisite.goal.plan)
        prerequisite = Prerequisite.objects.get(pk=prerequisite.pk)
        check_version(prerequisite, expected=expected_version, field_names=["text"])
        prerequisite.text = fields.text
        validate(prerequisite)
        save_as(prerequisite, user)
    return prerequisite


def prerequisite_delete(*, user: User, prerequisite: Prerequisite, expected_version: int) -> None:
    with refusing_followed_up(), transaction.atomic():
        editable_plan(prerequisite.goal.plan)
        prerequisite = Prerequisite.objects.get(pk=prerequisite.pk)
        check_version(prerequisite, expected=expected_version, field_names=["text"])
        delete_as(prerequisite, user)
