"""Who reaches which API address, for the URL walk. The open API answers
everyone alike (published data only; the objects named here are published
first). Everything under /api/internal/ needs a personal API token: a session
cookie is not enough, so every persona gets 401 here (tokens are tested in
test_permissions.py). The token page is for anyone logged in."""

from __future__ import annotations

import datetime
from typing import Any

from handlingskraft.accounts.tests.access_rules import (
    LOGGED_IN,
    PUBLIC,
    Access,
    no_kwargs,
    statuses,
)
from handlingskraft.conftest import PERSONAS, World
from handlingskraft.datacollection.models import DataSet
from handlingskraft.followup.models import FollowUpRound, ReportingTask
from handlingskraft.followup.services import RoundInput, round_lock, round_open, round_publish
from handlingskraft.plans.publishing import plan_publish

TOKEN_REQUIRED = statuses(**dict.fromkeys(PERSONAS, 401))
LOGGED_IN_POST_ONLY = {**statuses(**dict.fromkeys(PERSONAS, 405)), "anonymous": 302}

ROUND = RoundInput(
    kind="annual",
    name="Årsuppföljning 2025",
    period_start=datetime.date(2025, 1, 1),
    period_end=datetime.date(2025, 12, 31),
    opens_on=datetime.date(2026, 1, 10),
    deadline=datetime.date(2026, 2, 15),
)


def published_plan(world: World) -> dict[str, Any]:
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    return {"plan_id": world.plan.pk}


def published_organization(world: World) -> dict[str, Any]:
    published_plan(world)
    return {"slug": world.organization.slug}


def published_measure(world: World) -> dict[str, Any]:
    published_plan(world)
    return {"measure_id": world.measure.pk}


def _round(world: World) -> FollowUpRound:
    existing = FollowUpRound.objects.filter(plan=world.plan).first()
    if existing is not None:
        return existing
    return round_open(plan=world.plan, user=world.users["coordinator"], data=ROUND)


def published_round(world: World) -> dict[str, Any]:
    coordinator = world.users["coordinator"]
    published_plan(world)
    round = round_lock(round=_round(world), user=coordinator, allow_missing=True)
    round_publish(round=round, user=coordinator)
    return {"round_id": round.pk}


def a_round(world: World) -> dict[str, Any]:
    return {"round_id": _round(world).pk}


def a_task(world: World) -> dict[str, Any]:
    task = ReportingTask.objects.filter(round=_round(world)).order_by("pk").first()
    assert task is not None
    return {"task_id": task.pk}


def a_data_report(world: World) -> dict[str, Any]:
    data_set = DataSet.objects.create(
        organization=world.organization, name="Orosanmälningar", first_year=2024
    )
    return {"data_set_id": data_set.pk, "actor_id": world.social.pk, "period": "2025"}


ACCESS: Access = {
    "api:token_list": (no_kwargs, LOGGED_IN),
    "api:token_revoke": (lambda world: {"token_id": 1}, LOGGED_IN_POST_ONLY),
    "api:api-root": (no_kwargs, PUBLIC),
    "api:openapi-json": (no_kwargs, PUBLIC),
    "api:openapi-view": (no_kwargs, PUBLIC),
    "api:public_organization_list": (no_kwargs, PUBLIC),
    "api:public_organization_detail": (published_organization, PUBLIC),
    "api:public_plan_list": (no_kwargs, PUBLIC),
    "api:public_plan_detail": (published_plan, PUBLIC),
    "api:public_goal_list": (published_plan, PUBLIC),
    "api:public_measure_list": (published_plan, PUBLIC),
    "api:public_activity_list": (published_plan, PUBLIC),
    "api:public_measure_detail": (published_measure, PUBLIC),
    "api:public_value_list": (published_measure, PUBLIC),
    "api:public_round_list": (no_kwargs, PUBLIC),
    "api:public_round_detail": (published_round, PUBLIC),
    "api:public_round_statuses": (published_round, PUBLIC),
    "api:internal_me": (no_kwargs, TOKEN_REQUIRED),
    "api:internal_plan_list": (no_kwargs, TOKEN_REQUIRED),
    "api:internal_plan_detail": (lambda world: {"plan_id": world.plan.pk}, TOKEN_REQUIRED),
    "api:internal_activity_list": (lambda world: {"plan_id": world.plan.pk}, TOKEN_REQUIRED),
    "api:internal_measure_list": (lambda world: {"plan_id": world.plan.pk}, TOKEN_REQUIRED),
    "api:internal_value_list": (lambda world: {"measure_id": world.measure.pk}, TOKEN_REQUIRED),
    "api:internal_value_create": (
        lambda world: {"measure_id": world.measure.pk},
        TOKEN_REQUIRED,
    ),
    "api:internal_status_option_list": (no_kwargs, TOKEN_REQUIRED),
    "api:internal_round_list": (no_kwargs, TOKEN_REQUIRED),
    "api:internal_round_detail": (a_round, TOKEN_REQUIRED),
    "api:internal_task_list": (no_kwargs, TOKEN_REQUIRED),
    "api:internal_task_detail": (a_task, TOKEN_REQUIRED),
    "api:internal_report_list": (a_task, TOKEN_REQUIRED),
    "api:internal_report_create": (a_task, TOKEN_REQUIRED),
    "api:internal_data_set_list": (no_kwargs, TOKEN_REQUIRED),
    "api:internal_data_set_detail": (
        lambda world: {"data_set_id": a_data_report(world)["data_set_id"]},
        TOKEN_REQUIRED,
    ),
    "api:internal_data_report_detail": (a_data_report, TOKEN_REQUIRED),
    "api:internal_data_report_save": (a_data_report, TOKEN_REQUIRED),
}
