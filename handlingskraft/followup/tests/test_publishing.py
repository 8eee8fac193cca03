"""Publishing: nothing is public until the coordinator publishes it."""

from __future__ import annotations

import pytest

from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.followup.services import (
    FollowUpError,
    round_lock,
    round_publish,
    round_reopen,
)
from handlingskraft.plans.models import Plan, PlanStatus
from handlingskraft.plans.publishing import PublishError, plan_publish, plan_unpublish

pytestmark = pytest.mark.django_db


def test_an_adopted_plan_is_unpublished_until_published(world: World):
    assert not Plan.objects.published().exists()
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    assert list(Plan.objects.published()) == [world.plan]
    plan_unpublish(plan=world.plan, user=world.users["coordinator"])
    assert not Plan.objects.published().exists()


def test_a_draft_cannot_be_published(world: World):
    world.plan.status = PlanStatus.DRAFT
    world.plan.save()
    with pytest.raises(PublishError):
        plan_publish(plan=world.plan, user=world.users["coordinator"])


def test_publishing_is_recorded_with_the_user(world: World):
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    assert world.plan.history.latest().history_user == world.users["coordinator"]


def test_an_open_round_cannot_be_published(world: World, round: FollowUpRound):
    with pytest.raises(FollowUpError, match="godkänd och låst"):
        round_publish(round=round, user=world.users["coordinator"])


def test_a_published_round_is_public_only_with_its_plan(world: World, round: FollowUpRound):
    coordinator = world.users["coordinator"]
    round_lock(round=round, user=coordinator, allow_missing=True)
    round_publish(round=round, user=coordinator)
    assert not FollowUpRound.objects.published().exists()
    plan_publish(plan=world.plan, user=coordinator)
    assert list(FollowUpRound.objects.published()) == [round]


def test_reopening_a_round_takes_it_off_the_public_pages(world: World, round: FollowUpRound):
    coordinator = world.users["coordinator"]
    plan_publish(plan=world.plan, user=coordinator)
    round_lock(round=round, user=coordinator, allow_missing=True)
    round_publish(round=round, user=coordinator)
    round_reopen(round=round, user=coordinator, reason="Rättelse av siffror.")
    assert not FollowUpRound.objects.published().exists()
