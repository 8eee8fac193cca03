from handlingskraft.accounts.tests.access_rules import (
    LOGGED_IN,
    MEMBERS,
    Access,
    Kwargs,
    no_kwargs,
    org,
    plan,
)

ACCESS: Access = {
    "plans:organization_list": (no_kwargs, LOGGED_IN),
    "plans:plan_detail": (plan, MEMBERS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "plans:plan_detail": lambda world: {**org(world), "plan_slug": world.other_plan.slug},
}
