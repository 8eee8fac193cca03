"""Fixtures of the statistics tests: a small data set in the test
organisation, reported by Socialnämnden (and, for one element, also by
Utbildningsnämnden), and helpers to fill in and submit reports."""

from __future__ import annotations

from typing import Any

import pytest

from handlingskraft.accounts.models import User
from handlingskraft.conftest import World
from handlingskraft.datacollection.categories import TOTAL, Breakdown
from handlingskraft.datacollection.models import DataElement, DataSet
from handlingskraft.datacollection.queries import Version
from handlingskraft.datacollection.rules import ElementEntry
from handlingskraft.datacollection.services import values_review, values_save
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.periods import Period

YEAR = Period(2025)
LAST_YEAR = Period(2024)


def make_data_set(world: World, *, other: bool = False) -> DataSet:
    organization = world.other_organization if other else world.organization
    data_set = DataSet.objects.create(
        organization=organization, name="HRV-statistik", first_year=2023
    )
    actors = list(Actor.objects.filter(organization=organization).order_by("name"))
    social = next(actor for actor in actors if actor.name == "Socialnämnden")
    abroad = DataElement.objects.create(
        data_set=data_set,
        code="HRV-2",
        name="Barn som förts utomlands",
        definition="Barn som förts utomlands där HRV misstänks.",
        breakdown=Breakdown.GENDER,
        reported_to="Nationella kompetensteamet",
        position=0,
    )
    abroad.actors.set([social])
    trained = DataElement.objects.create(
        data_set=data_set,
        code="HRV-4",
        name="Medarbetare som fått utbildning",
        definition="Medarbetare som fått utbildning om HRV.",
        breakdown=Breakdown.NONE,
        position=1,
    )
    trained.actors.set(actors)
    return data_set


@pytest.fixture
def data_set(world: World) -> DataSet:
    return make_data_set(world)


def elements(data_set: DataSet) -> tuple[DataElement, DataElement]:
    """Children taken abroad (by gender) and staff trained (no breakdown)."""
    return data_set.elements.get(code="HRV-2"), data_set.elements.get(code="HRV-4")


def entries(
    data_set: DataSet,
    *,
    girls: int = 3,
    boys: int = 2,
    unknown: int = 0,
    trained: int = 40,
    comment: str = "",
    trained_comment: str = "",
    actor_reports_abroad: bool = True,
) -> dict[int, ElementEntry]:
    """A report's entries: children taken abroad by gender, and staff trained."""
    abroad, staff = elements(data_set)
    result = {staff.pk: ElementEntry({TOTAL: trained}, comment=trained_comment)}
    if actor_reports_abroad:
        result[abroad.pk] = ElementEntry(
            {TOTAL: girls + boys + unknown, "g:f": girls, "g:m": boys, "g:x": unknown},
            comment=comment,
        )
    return result


def submit(
    data_set: DataSet,
    actor: Actor,
    user: User,
    period: Period = YEAR,
    *,
    based_on: int = 0,
    **values: Any,
) -> Version:
    return values_save(
        data_set=data_set,
        actor=actor,
        period=period,
        user=user,
        entries=entries(
            data_set,
            actor_reports_abroad=elements(data_set)[0].actors.filter(pk=actor.pk).exists(),
            **values,
        ),
        based_on=based_on,
        submit=True,
    )


def approve(
    data_set: DataSet, actor: Actor, coordinator: User, period: Period = YEAR, **values: Any
) -> Version:
    """Submit (as the coordinator) and approve a report."""
    submitted = submit(data_set, actor, coordinator, period, **values)
    assert submitted.number >= 1
    return values_review(
        data_set=data_set, actor=actor, period=period, user=coordinator, approve=True
    )
