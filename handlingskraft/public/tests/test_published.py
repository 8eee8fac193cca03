"""What counts as published: the domain's querysets and the public statuses."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from handlingskraft.conftest import World
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.services import (
    ReportInput,
    RoundInput,
    round_lock,
    round_open,
    round_publish,
)
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.plans.models import ActivityStatus, Plan, PlanStatus
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.plans.versions import plan_revise
from handlingskraft.public.published import latest_published_versions, public_organizations
from handlingskraft.public.status import combined_category, round_statuses

from .conftest import approved_report

COMPLETED, ONGOING = ActivityStatus.COMPLETED, ActivityStatus.ONGOING
DELAYED, NOT_STARTED = ActivityStatus.DELAYED, ActivityStatus.NOT_STARTED
CANCELLED = ActivityStatus.CANCELLED


def tertial_round(world: World, end: datetime.date, *, publish: bool = True) -> None:
    user = world.users["coordinator"]
    data = RoundInput(
        kind="tertial",
        name=f"Uppföljning till {end}",
        period_start=datetime.date(end.year, 1, 1),
        period_end=end,
        opens_on=end,
        deadline=end,
    )
    round = round_lock(
        round=round_open(plan=world.plan, user=user, data=data), user=user, allow_missing=True
    )
    if publish:
        round_publish(round=round, user=user)


def value(world: World, year: int, tertial: int = 0) -> MeasureValue:
    return MeasureValue.objects.create(
        measure=world.measure,
        year=year,
        tertial=tertial,
        value=Decimal(year % 100 + tertial),
        source=ValueSource.MANUAL,
    )


def published_periods() -> set[tuple[int, int]]:
    return set(MeasureValue.objects.published().values_list("year", "tertial"))


def test_values_are_published_for_the_periods_a_published_round_has_reached(world: World) -> None:
    for year in (2024, 2025):
        value(world, year)
        for tertial in (1, 2, 3):
            value(world, year, tertial)
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    assert published_periods() == set()

    tertial_round(world, datetime.date(2025, 8, 31))
    assert published_periods() == {(2024, 0), (2024, 1), (2024, 2), (2024, 3), (2025, 1), (2025, 2)}

    tertial_round(world, datetime.date(2025, 12, 31), publish=False)
    assert (2025, 0) not in published_periods()


def test_values_of_an_unpublished_plan_are_not_published(world: World) -> None:
    value(world, 2024)
    tertial_round(world, datetime.date(2025, 12, 31))
    assert published_periods() == set()
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    assert published_periods() == {(2024, 0)}


def test_values_entered_under_an_earlier_version_follow_the_measure(world: World) -> None:
    user = world.users["coordinator"]
    value(world, 2024)
    revision = plan_revise(plan=world.plan, user=user)
    Plan.objects.filter(pk=revision.pk).update(status=PlanStatus.ADOPTED)
    world.plan = plan_publish(plan=Plan.objects.get(pk=revision.pk), user=user)
    tertial_round(world, datetime.date(2024, 12, 31))
    # The value belongs to the first version's measure, which is not published.
    assert published_periods() == {(2024, 0)}


def test_the_latest_published_version_is_the_one_shown(world: World) -> None:
    user = world.users["coordinator"]
    plan_publish(plan=world.plan, user=user)
    newer = Plan.objects.create(
        organization=world.organization,
        slug=world.plan.slug,
        version=2,
        title="Ny",
        status=PlanStatus.ADOPTED,
    )
    assert list(latest_published_versions(Plan.objects.all())) == [world.plan]
    plan_publish(plan=newer, user=user)
    assert list(latest_published_versions(Plan.objects.all())) == [newer]


def test_only_organisations_with_something_public_are_listed(world: World) -> None:
    assert public_organizations() == []
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    [entry] = public_organizations()
    assert entry.organization == world.organization
    assert entry.plans == [world.plan]
    assert not entry.has_help


@pytest.mark.parametrize(
    ("categories", "combined"),
    [
        ([], ""),
        ([COMPLETED], COMPLETED),
        ([ONGOING, ONGOING], ONGOING),
        ([COMPLETED, DELAYED], DELAYED),
        ([COMPLETED, CANCELLED], COMPLETED),
        ([NOT_STARTED, CANCELLED], NOT_STARTED),
        ([COMPLETED, NOT_STARTED], ONGOING),
    ],
)
def test_separate_statuses_combine_into_one_group(categories: list[str], combined: str) -> None:
    assert combined_category(categories) == combined


def test_actors_reporting_separately_are_named(world: World) -> None:
    user = world.users["coordinator"]
    statuses = {option.category: option for option in status_options(world.organization)}
    data = RoundInput(
        kind="annual",
        name="2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        opens_on=datetime.date(2026, 1, 1),
        deadline=datetime.date(2026, 1, 31),
    )
    round = round_open(plan=world.plan, user=user, data=data)
    for actor, category, done in (
        (world.social, COMPLETED, "Klart hos oss."),
        (world.school, ONGOING, "Pågår hos oss."),
    ):
        approved_report(
            actor, round, world.activity, user, ReportInput(status=statuses[category], done=done)
        )
    statuses_by_lineage = round_statuses(round)
    [(social, school)] = [tuple(s) for s in statuses_by_lineage.values()]
    assert (social.actor, social.label, social.text) == (
        "Socialnämnden",
        "Genomförd",
        "Klart hos oss.",
    )
    assert (school.actor, school.category) == ("Utbildningsnämnden", ONGOING)
