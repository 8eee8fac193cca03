"""The measure page, the measure list and the survey pages take as many
queries with many values, measures or units as with one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.indicators.models import UnitSurvey, UnitSurveyAnswer
from handlingskraft.organizations.models import Unit, UnitKind
from handlingskraft.plans.models import Measure, MeasureTarget

from .conftest import enter

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm up (sessions, menus)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def measure_page(world: World) -> str:
    return reverse(
        "indicators:measure_detail",
        kwargs={"org_slug": world.organization.slug, "measure_id": world.measure.pk},
    )


def test_the_measure_page_does_not_query_per_value(
    world: World, client_as: Callable[[str], Client]
):
    coordinator = world.users["coordinator"]
    enter(world.measure, coordinator, "2020", "10")
    MeasureTarget.objects.create(measure=world.measure, year=2030, value=50)
    with_one = [queries(client_as(p), measure_page(world)) for p in ("coordinator", "reporter")]
    for year in range(2021, 2031):
        for gender in ("T", "K", "M"):
            enter(world.measure, coordinator, str(year), str(year - 2000), gender=gender)
            enter(world.measure, coordinator, f"{year}T1", "5", gender=gender)
        MeasureTarget.objects.create(measure=world.measure, year=year, tertial=2, value=40)
    with_many = [queries(client_as(p), measure_page(world)) for p in ("coordinator", "reporter")]
    assert with_many == with_one


def test_the_measure_list_does_not_query_per_measure(
    world: World, client_as: Callable[[str], Client]
):
    url = reverse("indicators:measure_list", kwargs={"org_slug": world.organization.slug})
    enter(world.measure, world.users["coordinator"], "2024", "10")
    with_one = queries(client_as("reader"), url)
    for position in range(1, 12):
        measure = Measure.objects.create(
            plan=world.plan,
            goal=world.goal,
            position=position,
            statement=f"Mått {position}.",
            direction="decrease",
        )
        enter(measure, world.users["coordinator"], "2024", str(position))
    assert queries(client_as("reader"), url) == with_one


def test_the_survey_pages_do_not_query_per_unit(
    world: World, survey: UnitSurvey, client_as: Callable[[str], Client]
):
    def urls() -> list[str]:
        kwargs = {"org_slug": world.organization.slug, "survey_id": survey.pk}
        return [
            reverse("indicators:survey_detail", kwargs=kwargs),
            reverse("indicators:survey_answer", kwargs=kwargs),
            reverse("indicators:survey_list", kwargs={"org_slug": world.organization.slug}),
        ]

    with_few = [queries(client_as("coordinator"), u) for u in urls()]
    more = [
        Unit(actor=world.social, name=f"Förskola {n}", kind=UnitKind.PRESCHOOL) for n in range(30)
    ]
    Unit.objects.bulk_create(more)
    UnitSurveyAnswer.objects.bulk_create(
        UnitSurveyAnswer(survey=survey, actor=world.social, unit=unit, answer="yes")
        for unit in Unit.objects.filter(name__startswith="Förskola ")
    )
    assert survey.answers.count() == 32
    assert [queries(client_as("coordinator"), u) for u in urls()] == with_few
