from handlingskraft.accounts.tests.access_rules import COORDINATORS, INTERNAL, Access, Kwargs, org

ACCESS: Access = {
    "audit:object_history": (
        lambda world: {**org(world), "kind": "activity", "pk": world.activity.pk},
        INTERNAL,
    ),
    "audit:organization_log": (org, COORDINATORS),
    "audit:organization_log_csv": (org, COORDINATORS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "audit:object_history": lambda world: {
        **org(world),
        "kind": "activity",
        "pk": world.other_plan.activities.get().pk,
    },
}
