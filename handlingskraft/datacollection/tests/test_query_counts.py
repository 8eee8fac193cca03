"""The statistics pages take as many queries for many actors, elements and
periods as for one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from handlingskraft.conftest import World, make_actor
from handlingskraft.datacollection.categories import Breakdown
from handlingskraft.datacollection.models import DataElement, DataSet
from handlingskraft.plans.periods import Period

from .conftest import YEAR, approve, elements
from .pages import report_url, url

pytestmark = pytest.mark.django_db


def queries(client: Client, address: str) -> int:
    assert client.get(address).status_code == 200  # warm up (sessions, settings)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def counts(world: World, data_set: DataSet, client_as: Callable[[str], Client]) -> list[int]:
    abroad, _staff = elements(data_set)
    return [
        queries(client_as("coordinator"), url("tables", data_set)),
        queries(client_as("reader"), url("tables", data_set)),
        queries(client_as("reporter"), url("dataset_detail", data_set)),
        queries(client_as("coordinator"), url("dataset_detail", data_set)),
        queries(client_as("coordinator"), url("review_list", data_set)),
        queries(client_as("reader"), url("element_export", data_set, element_id=abroad.pk)),
        queries(client_as("reporter"), report_url(data_set, world.social)),
        queries(client_as("coordinator"), report_url(data_set, world.social, name="review")),
    ]


def grow(world: World, data_set: DataSet) -> None:
    """Ten more actors (four with two approved years) and three more elements."""
    actors = [make_actor(world.organization, f"Nämnd {number}") for number in range(10)]
    _abroad, staff = elements(data_set)
    staff.actors.add(*actors)
    coordinator = world.users["coordinator"]
    for actor in actors[:4]:
        for year in (2024, 2025):
            approve(data_set, actor, coordinator, Period(year), trained=year - 2000)
    for position in range(3):
        element = DataElement.objects.create(
            data_set=data_set,
            code=f"X-{position}",
            name=f"Uppgift {position}",
            definition="Något som räknas.",
            breakdown=Breakdown.GENDER_AND_AGE,
            position=10 + position,
        )
        element.actors.set(actors)


def test_the_statistics_pages_do_not_query_per_actor_element_or_period(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, Period(2024), girls=6, boys=7, trained=20)
    approve(data_set, world.social, coordinator, YEAR, girls=7, boys=9, trained=30)
    small = counts(world, data_set, client_as)
    grow(world, data_set)
    assert counts(world, data_set, client_as) == small
