"""The pilot survey Botkyrka's plan asks for, as an example data set."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from handlingskraft.conftest import World, make_actor
from handlingskraft.datacollection.categories import Breakdown
from handlingskraft.datacollection.models import DataSet
from handlingskraft.datacollection.seeds import NATIONAL_TEAM, PILOT_SURVEY, seed_pilot_survey

pytestmark = pytest.mark.django_db


def test_the_pilot_survey_holds_the_statistics_the_plan_names(world: World):
    for name in ("Kommunstyrelsen", "Kultur- och fritidsnämnden"):
        make_actor(world.organization, name)
    data_set = seed_pilot_survey(world.organization)
    assert data_set.is_example
    elements = list(data_set.elements.order_by("position"))
    assert [element.name for element in elements] == [
        "Ärenden hos socialtjänsten som rör HRV",
        "Barn som förts utomlands där HRV misstänks",
        "Orosanmälningar som rör HRV",
        "Medarbetare som fått utbildning i HRV",
    ]
    cases, abroad, concerns, trained = elements
    assert cases.breakdown == Breakdown.GENDER_AND_AGE
    assert abroad.reported_to == NATIONAL_TEAM
    assert [actor.name for actor in abroad.actors.all()] == ["Socialnämnden"]
    # Actors the organisation does not have are left out.
    assert {actor.name for actor in concerns.actors.all()} == {
        "Utbildningsnämnden",
        "Kultur- och fritidsnämnden",
    }
    assert trained.actors.count() == 4
    assert all(element.unit == "antal" for element in elements)


def test_seeding_twice_changes_nothing(world: World):
    first = seed_pilot_survey(world.organization)
    first.elements.filter(code="HRV-4").update(name="Utbildad personal")
    again = seed_pilot_survey(world.organization)
    assert again == first
    assert again.elements.get(code="HRV-4").name == "Utbildad personal"


def test_the_demo_has_the_pilot_survey_for_botkyrka():
    call_command("load_demo", stdout=StringIO())
    data_set = DataSet.objects.get(name=PILOT_SURVEY)
    assert data_set.organization.municipality_code == "0127"
    assert data_set.elements.count() == 4
    assert data_set.elements.get(code="HRV-4").actors.count() == 5
