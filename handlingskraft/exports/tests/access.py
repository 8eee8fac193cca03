"""Who reaches the reports and downloads. The round's report is internal,
like the round's pages; the plan document and activity list are for every
member, like the plan's pages; a frozen report is public only when published."""

from __future__ import annotations

from typing import Any

from handlingskraft.accounts.tests.access_rules import (
    INTERNAL,
    MEMBERS,
    PUBLIC,
    Access,
    Kwargs,
    org,
    plan,
    statuses,
)
from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.followup.services import round_lock, round_open, round_publish
from handlingskraft.followup.tests.conftest import round_input
from handlingskraft.plans.models import Plan

from ..models import FrozenReport
from ..services import report_freeze

NOT_FOUND = statuses(
    anonymous=404,
    outsider=404,
    reader=404,
    reporter=404,
    working_group_member=404,
    coordinator=404,
    administrator=404,
)


def _approved_round(plan_: Plan, world: World) -> FollowUpRound:
    existing = FollowUpRound.objects.filter(plan=plan_).first()
    if existing is not None:
        return existing
    user = world.users["coordinator" if plan_ == world.plan else "outsider"]
    round = round_open(plan=plan_, user=user, data=round_input())
    return round_lock(round=round, user=user, allow_missing=True)


def _frozen(plan_: Plan, world: World, *, published: bool = False) -> FrozenReport:
    round = _approved_round(plan_, world)
    user = world.users["coordinator" if plan_ == world.plan else "outsider"]
    if published:
        plan_.published_at = round.created_at
        plan_.save(update_fields=["published_at"])
        round_publish(round=round, user=user)
    return report_freeze(round=round, user=user)[0]


def a_round(world: World) -> dict[str, Any]:
    return {**org(world), "round_id": _approved_round(world.plan, world).pk}


def a_spreadsheet(world: World) -> dict[str, Any]:
    return {**a_round(world), "kind": "xlsx"}


def a_frozen_file(world: World) -> dict[str, Any]:
    frozen = _frozen(world.plan, world)
    return {**org(world), "round_id": frozen.round_id, "file_id": frozen.pk}


def a_published_file(world: World) -> dict[str, Any]:
    return {**org(world), "file_id": _frozen(world.plan, world, published=True).pk}


def an_unpublished_file(world: World) -> dict[str, Any]:
    return {**org(world), "file_id": _frozen(world.plan, world).pk}


def plan_spreadsheet(world: World) -> dict[str, Any]:
    return {**plan(world), "kind": "csv"}


def other_round(world: World) -> dict[str, Any]:
    return {**org(world), "round_id": _approved_round(world.other_plan, world).pk}


def other_frozen_file(world: World) -> dict[str, Any]:
    frozen = _frozen(world.other_plan, world)
    return {**org(world), "round_id": frozen.round_id, "file_id": frozen.pk}


ACCESS: Access = {
    "exports:round_report": (a_round, INTERNAL),
    "exports:round_report_pdf": (a_round, INTERNAL),
    "exports:round_report_docx": (a_round, INTERNAL),
    "exports:round_activities": (a_spreadsheet, INTERNAL),
    "exports:frozen_report": (a_frozen_file, INTERNAL),
    "exports:published_report": (a_published_file, PUBLIC),
    "exports:plan_document_pdf": (plan, MEMBERS),
    "exports:plan_document_docx": (plan, MEMBERS),
    "exports:plan_activities": (plan_spreadsheet, MEMBERS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "exports:round_report": other_round,
    "exports:round_report_pdf": other_round,
    "exports:round_report_docx": other_round,
    "exports:round_activities": lambda world: {**other_round(world), "kind": "csv"},
    "exports:frozen_report": other_frozen_file,
    "exports:plan_document_pdf": lambda world: {
        **org(world),
        "plan_slug": world.other_plan.slug,
    },
}
