"""Who reaches which follow-up page. The round and its tasks are opened the
first time a URL needs them (each test case has its own database)."""

from __future__ import annotations

from typing import Any

from handlingskraft.accounts.tests.access_rules import (
    COORDINATORS,
    INTERNAL,
    MEMBERS,
    REPORTERS,
    Access,
    Kwargs,
    org,
)
from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound, ReportingTask
from handlingskraft.followup.services import round_open
from handlingskraft.plans.models import Plan

from .conftest import round_input

# Actions that change something answer GET with 405 once access is granted.
COORDINATORS_POST_ONLY = {**COORDINATORS, "coordinator": 405, "administrator": 405}
# Reviewing: the working group and the coordinator.
REVIEWERS = {**REPORTERS, "reporter": 403}
# The report form of the reporter's own actor (Socialnämnden): the working-group
# member speaks for another actor (Utbildningsnämnden).
OWN_ACTOR_REPORTERS = {**REPORTERS, "working_group_member": 403}
# Reporters of the lead actor (Socialnämnden) write the consolidated status,
# internal readers read it.
CONSOLIDATORS_AND_READERS = MEMBERS


def _round_of(plan: Plan, world: World) -> FollowUpRound:
    existing = FollowUpRound.objects.filter(plan=plan).first()
    if existing is not None:
        return existing
    user = world.users["coordinator" if plan == world.plan else "outsider"]
    return round_open(plan=plan, user=user, data=round_input())


def _task_of(plan: Plan, world: World) -> ReportingTask:
    task = _round_of(plan, world).tasks.filter(activity__isnull=False).order_by("pk").first()
    assert task is not None
    return task


def a_round(world: World) -> dict[str, Any]:
    return {**org(world), "round_id": _round_of(world.plan, world).pk}


def a_task(world: World) -> dict[str, Any]:
    task = _task_of(world.plan, world)
    return {**org(world), "round_id": task.round_id, "task_id": task.pk}


def an_activity(world: World) -> dict[str, Any]:
    return {**a_round(world), "activity_id": world.activity.pk}


def other_round(world: World) -> dict[str, Any]:
    return {**org(world), "round_id": _round_of(world.other_plan, world).pk}


def other_task(world: World) -> dict[str, Any]:
    task = _task_of(world.other_plan, world)
    return {**org(world), "round_id": task.round_id, "task_id": task.pk}


def other_activity(world: World) -> dict[str, Any]:
    return {**other_round(world), "activity_id": world.other_plan.activities.get().pk}


ACCESS: Access = {
    "followup:round_list": (org, INTERNAL),
    "followup:round_create": (org, COORDINATORS),
    "followup:round_detail": (a_round, INTERNAL),
    "followup:round_remind": (a_round, COORDINATORS_POST_ONLY),
    "followup:round_lock": (a_round, COORDINATORS),
    "followup:round_reopen": (a_round, COORDINATORS),
    "followup:todo": (org, REPORTERS),
    "followup:task_report": (a_task, OWN_ACTOR_REPORTERS),
    "followup:review_list": (a_round, REVIEWERS),
    "followup:task_review": (a_task, REVIEWERS),
    "followup:consolidate": (an_activity, CONSOLIDATORS_AND_READERS),
    "followup:assessments": (a_round, INTERNAL),
    "followup:activity_history": (
        lambda world: {**org(world), "activity_id": world.activity.pk},
        MEMBERS,
    ),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "followup:round_detail": other_round,
    "followup:round_lock": other_round,
    "followup:round_reopen": other_round,
    "followup:task_report": other_task,
    "followup:review_list": other_round,
    "followup:task_review": other_task,
    "followup:consolidate": other_activity,
    "followup:assessments": other_round,
    "followup:activity_history": lambda world: {
        **org(world),
        "activity_id": world.other_plan.activities.get().pk,
    },
}
