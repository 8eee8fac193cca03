"""Building blocks for the access tables. Each app lists its URLs in
`<app>/tests/access*.py` modules (one per area if it likes) as
``ACCESS = {url name: (kwargs, statuses)}`` and, for URLs naming an object,
``CROSS_TENANT = {url name: kwargs}`` with the other organisation's object in
its place (expected: 404 for our coordinator)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handlingskraft.conftest import PERSONAS, World

Kwargs = Callable[[World], dict[str, Any]]
Access = dict[str, tuple[Kwargs, dict[str, int]]]


def statuses(**by_persona: int) -> dict[str, int]:
    """Expected status per persona; every persona must be named."""
    return {persona: by_persona[persona] for persona in PERSONAS}


PUBLIC = statuses(
    anonymous=200,
    outsider=200,
    reader=200,
    reporter=200,
    working_group_member=200,
    coordinator=200,
    administrator=200,
)
LOGGED_IN = {**PUBLIC, "anonymous": 302}
# Every member of the organisation; outsiders get 404, anonymous the login page.
MEMBERS = {**LOGGED_IN, "outsider": 404}
# Internal reading: not for reporters.
INTERNAL = {**MEMBERS, "reporter": 403}
# Reporting: members who report for an actor, and the coordinator.
REPORTERS = {**MEMBERS, "reader": 403}
# Coordinators (and administrators) only.
COORDINATORS = {**MEMBERS, "reader": 403, "reporter": 403, "working_group_member": 403}


def org(world: World) -> dict[str, Any]:
    return {"org_slug": world.organization.slug}


def plan(world: World) -> dict[str, Any]:
    return {**org(world), "plan_slug": world.plan.slug}


def no_kwargs(world: World) -> dict[str, Any]:
    return {}
