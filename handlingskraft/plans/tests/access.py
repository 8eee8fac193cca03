from handlingskraft.accounts.tests.access_rules import (
    LOGGED_IN,
    MEMBERS,
    Access,
    Kwargs,
    no_kwargs,
    org,
    plan,
)
from handlingskraft.conftest import World


def goal(world: World) -> dict[str, object]:
    return {**plan(world), "number": world.goal.number}


def actor(world: World) -> dict[str, object]:
    return {**plan(world), "actor_id": world.social.pk}


def other_plan(world: World) -> dict[str, object]:
    return {**org(world), "plan_slug": world.other_plan.slug}


def other_actor(world: World) -> dict[str, object]:
    """Our plan, with another organisation's actor in the address."""
    outsider = world.other_plan.responsibilities.get().actor
    return {**plan(world), "actor_id": outsider.pk}


ACCESS: Access = {
    "plans:organization_list": (no_kwargs, LOGGED_IN),
    "plans:organization_home": (org, MEMBERS),
    "plans:plan_detail": (plan, MEMBERS),
    "plans:goal_detail": (goal, MEMBERS),
    "plans:activity_list": (plan, MEMBERS),
    "plans:actor_responsibility": (actor, MEMBERS),
    "plans:timeline": (plan, MEMBERS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "plans:plan_detail": other_plan,
    "plans:goal_detail": lambda world: {**other_plan(world), "number": 1},
    "plans:activity_list": other_plan,
    "plans:actor_responsibility": other_actor,
    "plans:timeline": other_plan,
}
