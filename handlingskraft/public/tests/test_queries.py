"""Public pages take a fixed number of queries however much is published:
each page is counted in the public world, then again after the world has
grown (more activities, measures and values, rounds, statistics, contacts,
languages and organisations)."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handlingskraft.accounts.models import Role
from handlingskraft.conftest import make_actor, make_organization, make_plan, make_user
from handlingskraft.datacollection.models import DataElement, DataValue, ValueState
from handlingskraft.followup.services import RoundInput, round_lock, round_open, round_publish
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.plans.models import Activity, ActivityActor, Direction, Measure, MeasureTarget
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.public.models import ContactKind, HelpContact, HelpText, IndicatorLink

from .conftest import PublicWorld, round_dates


def urls(public_world: PublicWorld) -> dict[str, str]:
    world = public_world.world
    org, plan = world.organization.slug, world.plan.slug
    return {
        "index": reverse("public:index"),
        "organization": reverse("public:organization", args=[org]),
        "plan": reverse("public:plan", args=[org, plan]),
        "measures": reverse("public:measures", args=[org, plan]),
        "round_list": reverse("public:round_list", args=[org, plan]),
        "round_detail": reverse("public:round_detail", args=[org, plan, public_world.round.pk]),
        "plan_json": reverse("public:plan_json", args=[org, plan]),
        "activities_csv": reverse("public:activities_csv", args=[org, plan]),
        "measures_csv": reverse("public:measures_csv", args=[org, plan]),
        "statistics_list": reverse("public:statistics_list", args=[org]),
        "statistics_detail": reverse(
            "public:statistics_detail", args=[org, public_world.data_set.pk]
        ),
        "help": reverse("public:help", args=[org]),
        "help_language": reverse("public:help_language", args=[org, "ar"]),
        "indicator_list": reverse("public:indicator_list"),
        "indicator_detail": reverse("public:indicator_detail", args=[public_world.indicator.code]),
    }


def count(urls: dict[str, str]) -> dict[str, int]:
    client = Client()
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def grow(public_world: PublicWorld, step: int) -> None:
    """More of everything; `step` keeps the names of each round of growth apart."""
    world = public_world.world
    user = world.users["coordinator"]
    plan, goal = world.plan, world.goal
    for number in range(3):
        activity = Activity.objects.create(
            plan=plan, goal=goal, description=f"Ny aktivitet {step}.{number}", position=5 + number
        )
        ActivityActor.objects.create(activity=activity, actor=world.social, is_lead=True)
        ActivityActor.objects.create(activity=activity, actor=world.school, position=1)
        Activity.objects.create(plan=plan, description=f"Aktivitet utan mål {step}.{number}")
        measure = Measure.objects.create(
            plan=plan, goal=goal, statement=f"Mått {step}.{number}", direction=Direction.INCREASE
        )
        MeasureTarget.objects.create(measure=measure, year=2025, value=Decimal(50))
        for year in (2023, 2024, 2025):
            MeasureValue.objects.create(
                measure=measure,
                year=year,
                value=Decimal(year - 2000),
                source=ValueSource.MANUAL,
            )
        Measure.objects.create(
            plan=plan, statement=f"Planmått {step}.{number}", direction="decrease"
        )
        HelpContact.objects.create(
            organization=world.organization,
            name=f"Jour {step}.{number}",
            kind=ContactKind.OTHER,
            phone="112",
        )
    for year in (2020 - 2 * step, 2021 - 2 * step):
        data = {"kind": "annual", "name": f"Uppföljning {year}", **round_dates(year)}
        round = round_open(plan=plan, user=user, data=RoundInput(**data))  # type: ignore[arg-type]
        round_publish(round=round_lock(round=round, user=user, allow_missing=True), user=user)
    for language in (("fa", "so", "en"), ("tr", "pl", "fi"))[step]:
        HelpText.objects.create(
            organization=world.organization, language=language, young_people="Text."
        )
    element = DataElement.objects.create(
        data_set=public_world.data_set,
        code=f"HRV-{step + 2}",
        name=f"Fler ärenden {step}",
        definition="Antal.",
    )
    element.actors.set([world.social, world.school])
    for actor in (world.social, world.school):
        DataValue.objects.create(
            element=element,
            actor=actor,
            year=2025,
            category="total",
            value=20,
            state=ValueState.APPROVED,
            number=1,
            author=user,
        )
    for number in range(3):
        organization = make_organization(
            f"Ny kommun {step}.{number}", f"ny-{step}-{number}", f"9{step}{number:02d}"
        )
        coordinator = make_user(f"ny-samordnare-{step}-{number}", organization, Role.COORDINATOR)
        other = make_plan(organization, actors=[make_actor(organization, "Socialnämnden")])
        plan_publish(plan=other, user=coordinator)
        data = {"kind": "annual", "name": "2025", **round_dates(2025)}
        round = round_open(plan=other, user=coordinator, data=RoundInput(**data))  # type: ignore[arg-type]
        round_publish(
            round=round_lock(round=round, user=coordinator, allow_missing=True), user=coordinator
        )
        measure = other.measures.get()
        IndicatorLink.objects.create(
            indicator=public_world.indicator,
            organization=organization,
            measure_lineage=measure.lineage,
            linked_by=coordinator,
        )
        MeasureValue.objects.create(
            measure=measure, year=2025, value=Decimal(30), source=ValueSource.MANUAL
        )


def test_public_pages_take_a_fixed_number_of_queries(public_world: PublicWorld) -> None:
    addresses = urls(public_world)
    # Grown once, every kind of thing is there (a prefetch of nothing is skipped).
    grow(public_world, 0)
    before = count(addresses)
    grow(public_world, 1)
    assert count(addresses) == before
    # The plan page: organisation, plan and its structure, rounds, statuses.
    assert before["plan"] <= 15
