"""Shared test fixtures: two organisations, a small plan, and one persona per
role, plus an outsider (a coordinator of the other organisation), an
administrator and the anonymous visitor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.organizations.models import Actor, ActorKind, Organization
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Direction,
    Goal,
    Measure,
    Plan,
    Prerequisite,
    Responsibility,
)

# Browser fixtures (chromium, browser_page) live with their helpers.
pytest_plugins = ["handlingskraft.browser_testing"]

PERSONAS = (
    "anonymous",
    "outsider",
    "reader",
    "reporter",
    "working_group_member",
    "coordinator",
    "administrator",
)


@dataclass
class World:
    """Everything a test needs to build URLs and act as someone."""

    organization: Organization
    other_organization: Organization
    social: Actor
    school: Actor
    plan: Plan
    goal: Goal
    measure: Measure
    activity: Activity
    other_plan: Plan
    users: dict[str, User]


def make_organization(name: str, slug: str, code: str) -> Organization:
    return Organization.objects.create(name=name, slug=slug, municipality_code=code)


def make_actor(organization: Organization, name: str, kind: str = ActorKind.COMMITTEE) -> Actor:
    return Actor.objects.create(organization=organization, name=name, kind=kind)


def make_plan(organization: Organization, *, slug: str = "plan", actors: list[Actor]) -> Plan:
    plan = Plan.objects.create(
        organization=organization, title=f"Handlingsplan {slug}", slug=slug, status="adopted"
    )
    goal = Goal.objects.create(plan=plan, number=1, title="Verksamheterna förebygger våld")
    Prerequisite.objects.create(goal=goal, text="Kunskap finns om förebyggande arbete.")
    Measure.objects.create(
        plan=plan, goal=goal, statement="Andelen skolor ökar.", direction=Direction.INCREASE
    )
    activity = Activity.objects.create(plan=plan, goal=goal, description="Informera föräldrar.")
    for position, actor in enumerate(actors):
        ActivityActor.objects.create(
            activity=activity, actor=actor, position=position, is_lead=position == 0
        )
    Responsibility.objects.create(plan=plan, actor=actors[0], text="Ansvarar för rutiner.")
    return plan


def make_user(
    username: str,
    organization: Organization | None = None,
    role: str | None = None,
    actor: Actor | None = None,
    **fields: Any,
) -> User:
    user = User.objects.create_user(username=username, password="ett-långt-lösenord-1", **fields)
    if organization is not None and role is not None:
        Membership.objects.create(user=user, organization=organization, role=role, actor=actor)
    return user


@pytest.fixture(autouse=True)
def swedish_by_default() -> Iterator[None]:
    """Each test starts in Swedish: a request with the English cookie leaves
    English active in the thread, which must not leak into the next test."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Hashing passwords properly is slow on purpose; tests need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: the API's rate limits count in it,
    and every test client calls from the same address."""
    cache.clear()
    yield


@pytest.fixture
def world(db: None) -> World:
    organization = make_organization("Testkommun", "testkommun", "9901")
    other = make_organization("Annan kommun", "annan", "9902")
    social = make_actor(organization, "Socialnämnden")
    school = make_actor(organization, "Utbildningsnämnden")
    other_actor = make_actor(other, "Socialnämnden")
    plan = make_plan(organization, actors=[social, school])
    users = {
        "coordinator": make_user("samordnare", organization, Role.COORDINATOR),
        "working_group_member": make_user(
            "arbetsgrupp", organization, Role.WORKING_GROUP_MEMBER, school
        ),
        "reporter": make_user("rapportor", organization, Role.REPORTER, social),
        "reader": make_user("lasare", organization, Role.READER),
        "outsider": make_user("utomstaende", other, Role.COORDINATOR),
        "administrator": make_user("admin", is_superuser=True, is_staff=True),
    }
    return World(
        organization=organization,
        other_organization=other,
        social=social,
        school=school,
        plan=plan,
        goal=plan.goals.get(),
        measure=plan.measures.get(),
        activity=plan.activities.get(),
        other_plan=make_plan(other, slug="annan-plan", actors=[other_actor]),
        users=users,
    )


@pytest.fixture
def client_as(world: World) -> Callable[[str], Client]:
    """A test client logged in as the named persona ("anonymous": not logged in)."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.users[persona])
        return client

    return make
