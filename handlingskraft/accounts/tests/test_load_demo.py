"""Demo data: the seed plans and one demo user per role and organisation."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_loads_the_three_seed_plans(settings: Settings) -> None:
    settings.DEMO_MODE = True
    load_demo()
    assert sorted(Organization.objects.values_list("municipality_code", flat=True)) == [
        "0127",
        "0136",
        "1880",
    ]
    assert Plan.objects.count() == 3


def test_demo_creates_one_user_per_role_and_organisation(settings: Settings) -> None:
    settings.DEMO_MODE = True
    load_demo()
    for organization in Organization.objects.all():
        roles = sorted(
            Membership.objects.filter(organization=organization).values_list("role", flat=True)
        )
        assert roles == sorted(Role.values)
        for membership in Membership.objects.filter(organization=organization):
            if Role.needs_actor(membership.role):
                assert membership.actor is not None
                assert membership.actor.organization == organization


def test_demo_mode_prints_passwords_that_work(settings: Settings) -> None:
    settings.DEMO_MODE = True
    output = load_demo()
    line = next(line for line in output.splitlines() if "botkyrka-samordnare" in line)
    password = line.split()[-1]
    assert User.objects.get(username="botkyrka-samordnare").check_password(password)
    assert User.objects.get(username="admin").is_superuser


def test_outside_demo_mode_no_password_is_printed_or_usable(settings: Settings) -> None:
    settings.DEMO_MODE = False
    output = load_demo()
    assert "Demoanvändare finns men saknar lösenord utanför demoläge." in output
    assert not User.objects.filter(username="admin").exists()
    assert not User.objects.get(username="botkyrka-samordnare").has_usable_password()


def test_loading_the_demo_twice_changes_nothing_but_passwords(settings: Settings) -> None:
    settings.DEMO_MODE = True
    load_demo()
    counts = (Plan.objects.count(), User.objects.count(), Membership.objects.count())
    load_demo()
    assert (Plan.objects.count(), User.objects.count(), Membership.objects.count()) == counts
