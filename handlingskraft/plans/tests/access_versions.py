from typing import Any

from handlingskraft.accounts.tests.access_rules import (
    COORDINATORS,
    MEMBERS,
    Access,
    Kwargs,
    org,
    plan,
)
from handlingskraft.conftest import World
from handlingskraft.plans.versions import plan_revise


def plan_with_revision(world: World) -> dict[str, Any]:
    plan_revise(plan=world.plan, user=world.users["coordinator"])
    return plan(world)


def other_plan(world: World) -> dict[str, Any]:
    return {**org(world), "plan_slug": world.other_plan.slug}


POST_ONLY = {**COORDINATORS, "coordinator": 405, "administrator": 405}

ACCESS: Access = {
    "plans:plan_versions": (plan, MEMBERS),
    "plans:plan_revise": (plan, COORDINATORS),
    "plans:plan_compare": (plan_with_revision, MEMBERS),
    "plans:revision_note": (plan, POST_ONLY),
    "plans:plan_adopt": (plan_with_revision, COORDINATORS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "plans:plan_versions": other_plan,
    "plans:plan_revise": other_plan,
    "plans:plan_compare": other_plan,
    "plans:plan_adopt": other_plan,
}
