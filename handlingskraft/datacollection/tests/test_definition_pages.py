"""Data sets and definitions: the coordinator creates and changes them,
including the examples from the plan; members read them and find what they
report."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.datacollection.categories import Breakdown
from handlingskraft.datacollection.models import DataElement, DataSet, StatisticsSettings

from .conftest import approve, elements
from .pages import report_url, url

pytestmark = pytest.mark.django_db


def test_the_reporter_finds_its_own_reports_and_the_definitions(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    response = client_as("reporter").get(url("dataset_detail", data_set))
    html = response.content.decode()
    assert report_url(data_set, world.social) in html
    assert report_url(data_set, world.school) not in html
    assert "Barn som förts utomlands där HRV misstänks." in html
    assert "Nationella kompetensteamet" in html


def test_the_coordinator_reports_for_every_actor(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    html = client_as("coordinator").get(url("dataset_detail", data_set)).content.decode()
    assert report_url(data_set, world.social) in html
    assert report_url(data_set, world.school) in html


def test_the_coordinator_creates_a_data_set(world: World, client_as: Callable[[str], Client]):
    create = reverse("statistics:dataset_create", kwargs={"org_slug": world.organization.slug})
    response = client_as("coordinator").post(
        create,
        {"name": "Utbildningar", "description": "", "frequency": "tertial", "first_year": 2025},
    )
    data_set = DataSet.objects.get(name="Utbildningar")
    assert response.url == url("dataset_detail", data_set)
    assert data_set.organization == world.organization
    assert data_set.history.get().history_user == world.users["coordinator"]


def test_the_coordinator_changes_an_example_element(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    abroad, _staff = elements(data_set)
    edit = url("element_edit", data_set, element_id=abroad.pk)
    data = {
        "code": "HRV-2",
        "name": "Barn som förts utomlands",
        "definition": "Ny definition.",
        "unit": "antal",
        "breakdown": Breakdown.GENDER_AND_AGE,
        "actors": [world.social.pk, world.school.pk],
        "reported_to": "",
        "position": 0,
    }
    assert client_as("coordinator").post(edit, data).status_code == 302
    abroad.refresh_from_db()
    assert abroad.definition == "Ny definition."
    assert set(abroad.actors.all()) == {world.social, world.school}


def test_the_breakdown_cannot_change_once_values_are_reported(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    approve(data_set, world.social, world.users["coordinator"])
    abroad, _staff = elements(data_set)
    data = {
        "code": "HRV-2",
        "name": abroad.name,
        "definition": abroad.definition,
        "unit": "antal",
        "breakdown": Breakdown.NONE,
        "actors": [world.social.pk],
        "position": 0,
    }
    response = client_as("coordinator").post(
        url("element_edit", data_set, element_id=abroad.pk), data
    )
    assert "Uppdelningen kan inte ändras" in response.context["form"].errors["breakdown"][0]


def test_element_codes_are_unique_in_a_data_set_and_actors_are_the_organisations(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    other_actor = world.other_plan.responsibilities.get().actor
    data = {
        "code": "HRV-2",
        "name": "Dubblett",
        "definition": "Något.",
        "unit": "antal",
        "breakdown": Breakdown.NONE,
        "actors": [other_actor.pk],
        "position": 3,
    }
    response = client_as("coordinator").post(url("element_create", data_set), data)
    errors = response.context["form"].errors
    assert errors["code"] == ["Koden används redan i datamängden."]
    assert "actors" in errors
    assert DataElement.objects.filter(data_set=data_set).count() == 2


def test_the_coordinator_sets_the_threshold_but_not_under_three(
    world: World, client_as: Callable[[str], Client]
):
    edit = reverse("statistics:threshold_edit", kwargs={"org_slug": world.organization.slug})
    client = client_as("coordinator")
    refused = client.post(edit, {"disclosure_threshold": 2})
    assert refused.context["form"].errors["disclosure_threshold"] == [
        "Gränsen kan inte vara lägre än 3."
    ]
    assert client.post(edit, {"disclosure_threshold": 4}).status_code == 302
    assert StatisticsSettings.threshold_for(world.organization) == 4
