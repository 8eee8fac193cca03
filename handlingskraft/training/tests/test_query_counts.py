"""Every list page of the training app costs as many queries with a few rows
as with many, and so do the training links on the activity list and the
co-organiser flags on the organisation's start page."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handlingskraft.conftest import World, make_actor
from handlingskraft.organizations.models import ActorKind, Unit, UnitKind
from handlingskraft.plans.models import Activity
from handlingskraft.training.models import EmployeeSurveyResult, SurveyQuestion, Training

from .conftest import make_training, name_coordinating_actor, participate, plan_line

pytestmark = pytest.mark.django_db


def query_count(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def grows_by_nothing(client: Client, address: str, more: Callable[[int, int], object]) -> None:
    """The page costs the same after `more(start, count)` adds 3 and then 20 more."""
    more(0, 3)
    few = query_count(client, address)
    more(3, 20)
    assert query_count(client, address) == few


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(name, kwargs={"org_slug": world.organization.slug, **kwargs})


def trainings_with_participation(world: World) -> Callable[[int, int], object]:
    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            actor = make_actor(world.organization, f"Nämnd {n}")
            training = make_training(world.organization, f"Utbildning {n}", organisers=[actor])
            training.activities.add(world.activity)
            participate(training, actor, participants=n + 1, staff=100)
            participate(training, world.social, participants=n + 1, staff=100)

    return more


@pytest.mark.parametrize("persona", ["coordinator", "reader"])
def test_the_training_list(world: World, client_as: Callable[[str], Client], persona: str):
    name_coordinating_actor(world.organization, world.school)
    grows_by_nothing(
        client_as(persona),
        url("training:training_list", world),
        trainings_with_participation(world),
    )


@pytest.mark.parametrize("persona", ["coordinator", "reader"])
def test_the_training_page(world: World, client_as: Callable[[str], Client], persona: str):
    training = make_training(world.organization)
    training.activities.add(world.activity)

    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            actor = make_actor(world.organization, f"Nämnd {n}")
            unit = Unit.objects.create(actor=actor, name=f"Skolan {n}", kind=UnitKind.SCHOOL)
            participate(training, actor, participants=n + 1, staff=100, unit=unit)
            participate(training, actor, "Förskola", participants=n, staff=100, year=2023)

    address = url("training:training_detail", world, training_id=training.pk)
    grows_by_nothing(client_as(persona), address, more)


def test_the_participation_form(world: World, client_as: Callable[[str], Client]):
    training = make_training(world.organization)

    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            unit = Unit.objects.create(actor=world.social, name=f"Enhet {n}", kind=UnitKind.OTHER)
            participate(training, world.social, participants=1, staff=5, unit=unit)

    address = url(
        "training:participation_edit", world, training_id=training.pk, actor_id=world.social.pk
    )
    grows_by_nothing(client_as("reporter"), address, more)


def plan_lines(world: World) -> Callable[[int, int], object]:
    training = make_training(world.organization)

    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            actor = make_actor(world.organization, f"Nämnd {n}")
            plan_line(actor, "Skola", {2023: (100, 20), 2024: (110, 50)}, trainings=[training])
            participate(training, actor, participants=n + 1, staff=100, year=2023)

    return more


@pytest.mark.parametrize("persona", ["coordinator", "reader"])
def test_the_coverage_view(world: World, client_as: Callable[[str], Client], persona: str):
    grows_by_nothing(client_as(persona), url("training:coverage", world), plan_lines(world))


def test_the_competence_plan(world: World, client_as: Callable[[str], Client]):
    grows_by_nothing(client_as("reader"), url("training:competence_plan", world), plan_lines(world))


def test_the_survey_results(world: World, client_as: Callable[[str], Client]):
    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            actor = make_actor(world.organization, f"Nämnd {n}")
            for question in SurveyQuestion.values:
                EmployeeSurveyResult.objects.create(
                    organization=world.organization,
                    year=2022 + n % 3,
                    actor=actor,
                    question=question,
                    share=40,
                    respondents=100,
                )

    grows_by_nothing(client_as("reader"), url("training:survey_results", world), more)


def test_the_measure_feeds(world: World, client_as: Callable[[str], Client]):
    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            world.plan.measures.create(
                goal=world.goal, statement=f"Mått {n}", direction="increase", position=n + 1
            )

    grows_by_nothing(client_as("coordinator"), url("training:measure_feeds", world), more)


def test_the_activity_list_with_linked_trainings(world: World, client_as: Callable[[str], Client]):
    training = make_training(world.organization)

    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            activity = Activity.objects.create(
                plan=world.plan, goal=world.goal, description=f"Aktivitet {n}", position=n + 1
            )
            other = make_training(world.organization, f"Utbildning {n}")
            other.activities.add(activity)
            training.activities.add(activity)

    address = reverse(
        "plans:activity_list",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )
    grows_by_nothing(client_as("reporter"), address, more)


def test_the_start_page_with_flagged_trainings(world: World, client_as: Callable[[str], Client]):
    centre = make_actor(world.organization, "Våldspreventivt center", ActorKind.ADMINISTRATION)
    name_coordinating_actor(world.organization, centre)

    def more(start: int, count: int) -> None:
        for n in range(start, start + count):
            training = make_training(
                world.organization,
                f"Träff {n}",
                is_ongoing=False,
                starts_on=datetime.date(2024, 1, 1),
            )
            participate(training, world.social, participants=10, staff=100)
            participate(training, world.school, participants=10, staff=100)

    address = reverse("plans:organization_home", kwargs={"org_slug": world.organization.slug})
    grows_by_nothing(client_as("reader"), address, more)
    assert "23 utbildningar saknar" in client_as("reader").get(address).content.decode()
    assert Training.objects.count() == 23
