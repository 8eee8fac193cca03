"""Fixtures of the report tests: Botkyrka's seed plan with its completed demo
round (exports/demo.py), and the outputs rendered from it once per test."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.exports.demo import seed_demo_report_round
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR


@dataclass
class Botkyrka:
    round: FollowUpRound
    coordinator: User
    reader: User
    reporter: User


def load_botkyrka() -> Botkyrka:
    plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    organization = plan.organization
    users = {}
    for role, name in (
        (Role.COORDINATOR, "bk-samordnare"),
        (Role.READER, "bk-lasare"),
        (Role.REPORTER, "bk-rapportor"),
    ):
        user = User.objects.create_user(username=name, password="ett-långt-lösenord-1")
        actor = organization.actors.get(name="Socialnämnden") if role == Role.REPORTER else None
        Membership.objects.create(user=user, organization=organization, role=role, actor=actor)
        users[role] = user
    round = seed_demo_report_round(user=users[Role.COORDINATOR])
    assert round is not None
    return Botkyrka(
        round=round,
        coordinator=users[Role.COORDINATOR],
        reader=users[Role.READER],
        reporter=users[Role.REPORTER],
    )


@pytest.fixture
def botkyrka(db: None) -> Botkyrka:
    return load_botkyrka()
