"""The capability rules for reporting and consolidation."""

from __future__ import annotations

import pytest

from handlingskraft.accounts.permissions import may_consolidate, may_report_for
from handlingskraft.conftest import World

pytestmark = pytest.mark.django_db


def test_a_reporter_may_report_only_for_its_own_actor(world: World):
    reporter = world.users["reporter"]
    assert may_report_for(reporter, world.organization, world.social.pk)
    assert not may_report_for(reporter, world.organization, world.school.pk)


def test_a_working_group_member_reports_for_the_actor_it_represents(world: World):
    member = world.users["working_group_member"]
    assert may_report_for(member, world.organization, world.school.pk)
    assert not may_report_for(member, world.organization, world.social.pk)


def test_a_coordinator_may_report_for_any_actor_and_a_reader_for_none(world: World):
    assert may_report_for(world.users["coordinator"], world.organization, world.school.pk)
    assert not may_report_for(world.users["reader"], world.organization, world.social.pk)


def test_an_outsider_may_not_report_in_another_organisation(world: World):
    assert not may_report_for(world.users["outsider"], world.organization, world.social.pk)


def test_a_deactivated_reporter_may_no_longer_report(world: World):
    world.users["reporter"].memberships.update(is_active=False)
    assert not may_report_for(world.users["reporter"], world.organization, world.social.pk)


def test_the_lead_actors_reporter_or_the_coordinator_consolidates(world: World):
    assert may_consolidate(world.users["reporter"], world.organization, world.social.pk)
    assert not may_consolidate(world.users["reporter"], world.organization, world.school.pk)
    assert not may_consolidate(world.users["reporter"], world.organization, None)
    assert may_consolidate(world.users["coordinator"], world.organization, None)
