"""Entering values: appended, never overwritten; checked against the kind of
measure and the personal-data guard; entered by the coordinator, or by the
responsible actors while a follow-up round of the plan is open."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from handlingskraft.accounts.models import Role
from handlingskraft.accounts.permissions import may_enter_values
from handlingskraft.conftest import World, make_actor, make_user
from handlingskraft.followup.services import round_lock, round_open
from handlingskraft.followup.tests.conftest import round_input
from handlingskraft.indicators.models import MeasureValue
from handlingskraft.indicators.queries import latest_values, value_reporting_actor_ids
from handlingskraft.indicators.services import IndicatorError, ValueInput, value_record
from handlingskraft.plans.models import MeasureKind
from handlingskraft.plans.periods import Period

from .conftest import enter

pytestmark = pytest.mark.django_db


def test_a_new_value_for_a_period_is_appended_and_the_latest_is_current(world: World):
    coordinator = world.users["coordinator"]
    enter(world.measure, coordinator, "2024", "40")
    enter(world.measure, coordinator, "2024", "42.5")
    enter(world.measure, coordinator, "2024", "20", gender="K")
    values = list(MeasureValue.objects.of_measure(world.measure))
    assert [str(v.value) for v in values] == ["40.0000", "42.5000", "20.0000"]
    current = latest_values(values)
    assert current[(Period(2024), "T")].value == Decimal("42.5")
    assert current[(Period(2024), "K")].value == Decimal("20")
    assert values[0].entered_by == coordinator
    assert values[0].history.get().history_user == coordinator


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (MeasureKind.SHARE, "100.5", "mellan 0 och 100"),
        (MeasureKind.SURVEY_PERCENTAGE, "-1", "mellan 0 och 100"),
        (MeasureKind.COUNT, "2.5", "helt tal"),
        (MeasureKind.RATE, "-0.1", "negativt"),
    ],
)
def test_a_value_that_does_not_fit_the_kind_of_measure_is_refused(
    world: World, kind: str, value: str, message: str
):
    world.measure.kind = kind
    world.measure.save()
    with pytest.raises(IndicatorError, match=message):
        enter(world.measure, world.users["coordinator"], "2024", value)
    assert not MeasureValue.objects.exists()


def test_a_comment_with_a_personal_identity_number_is_refused(world: World):
    data = ValueInput(period=Period(2024), value=Decimal(3), comment="Gäller 19811218-9876.")
    with pytest.raises(IndicatorError, match="personnummer"):
        value_record(measure=world.measure, user=world.users["coordinator"], data=data)


def test_the_coordinator_may_always_enter_values_and_a_reader_never(world: World):
    actors = value_reporting_actor_ids(world.measure)
    assert actors == set()
    org = world.organization
    assert may_enter_values(world.users["coordinator"], org, reporting_actor_ids=actors)
    assert may_enter_values(world.users["administrator"], org, reporting_actor_ids=actors)
    assert not may_enter_values(world.users["reader"], org, reporting_actor_ids={world.social.pk})


def test_responsible_reporters_may_enter_values_while_a_round_of_the_plan_is_open(world: World):
    org, reporter = world.organization, world.users["reporter"]
    round = round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())
    actors = value_reporting_actor_ids(world.measure)
    assert actors == {world.social.pk, world.school.pk}
    assert may_enter_values(reporter, org, reporting_actor_ids=actors)
    outside = make_user("polisen", org, Role.REPORTER, make_actor(org, "Polisen"))
    assert not may_enter_values(outside, org, reporting_actor_ids=actors)
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    assert value_reporting_actor_ids(world.measure) == set()


def test_a_round_of_another_plan_does_not_open_the_measure_for_reporters(world: World):
    round_open(plan=world.other_plan, user=world.users["outsider"], data=round_input())
    assert value_reporting_actor_ids(world.measure) == set()


def test_what_a_share_is_of_is_only_for_share_measures(world: World):
    world.measure.share_of = "preschool"
    with pytest.raises(ValidationError) as caught:
        world.measure.full_clean()
    assert "share_of" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        world.measure.save()
