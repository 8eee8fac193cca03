"""Every list endpoint costs the same number of queries with one row as with
many: each list is measured, rows of every kind are added, and it is measured
again."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from handlingskraft.conftest import World, make_actor, make_organization, make_plan
from handlingskraft.datacollection.models import DataSet
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound, ReportingTask
from handlingskraft.followup.services import (
    ReportInput,
    report_review,
    report_save,
    round_lock,
    round_open,
    round_publish,
)
from handlingskraft.followup.tests.conftest import round_input
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Goal,
    Measure,
    MeasureTarget,
    Prerequisite,
)
from handlingskraft.plans.publishing import plan_publish

from .conftest import ApiAs

pytestmark = pytest.mark.django_db


def add_rows(world: World, start: int, count: int) -> None:
    """`count` more of everything the lists show."""
    coordinator = world.users["coordinator"]
    for i in range(start, start + count):
        organization = make_organization(f"Kommun {i}", f"kommun-{i}", f"98{i:02d}")
        other_plan = make_plan(organization, actors=[make_actor(organization, "Kommunstyrelsen")])
        plan_publish(plan=other_plan, user=coordinator)
        make_plan(world.organization, slug=f"plan-{i}", actors=[world.social])
        goal = Goal.objects.create(plan=world.plan, number=10 + i, title=f"Målbild {i}")
        Prerequisite.objects.create(goal=goal, text=f"Förutsättning {i}")
        measure = Measure.objects.create(
            plan=world.plan, goal=goal, statement=f"Mått {i}", direction="increase"
        )
        MeasureTarget.objects.create(measure=measure, year=2030, value=Decimal(50))
        activity = Activity.objects.create(plan=world.plan, goal=goal, description=f"Aktivitet {i}")
        ActivityActor.objects.create(activity=activity, actor=world.social, is_lead=True)
        ActivityActor.objects.create(activity=activity, actor=world.school, position=1)
        MeasureValue.objects.create(
            measure=world.measure, year=2000 + i, value=Decimal(i), source=ValueSource.MANUAL
        )
        DataSet.objects.create(organization=world.organization, name=f"Data {i}", first_year=2024)
        approved_round(world, f"Omgång {i}")
    drafts = round_open(plan=world.plan, user=coordinator, data=round_input(name="Utkast"))
    task = drafts.tasks.filter(actor=world.social).order_by("pk").first()
    assert task is not None
    for number in range(count + 1):
        data = ReportInput(status=None, done=f"Version {number + 1}")
        report_save(task=task, user=coordinator, data=data, based_on=number, submit=False)


def approved_round(world: World, name: str) -> FollowUpRound:
    coordinator = world.users["coordinator"]
    ongoing = next(o for o in status_options(world.organization) if o.category == "ongoing")
    round = round_open(plan=world.plan, user=coordinator, data=round_input(name=name))
    for task in round.tasks.filter(activity__isnull=False):
        data = ReportInput(status=ongoing, done="Klart")
        report_save(task=task, user=coordinator, data=data, based_on=0, submit=True)
        report_review(task=task, user=coordinator, approve=True)
    round_lock(round=round, user=coordinator, allow_missing=True)
    return round_publish(round=round, user=coordinator)


def urls(world: World) -> list[str]:
    plan, measure = world.plan.pk, world.measure.pk
    round = FollowUpRound.objects.published().order_by("-pk").first()
    tasks = ReportingTask.objects.annotate(reports_count=Count("reports"))
    task = tasks.order_by("-reports_count", "pk").first()
    assert round is not None and task is not None
    return [
        "/api/organizations",
        "/api/plans",
        f"/api/plans/{plan}/goals",
        f"/api/plans/{plan}/measures",
        f"/api/plans/{plan}/activities",
        f"/api/measures/{measure}/values",
        "/api/rounds",
        f"/api/rounds/{round.pk}/statuses",
        "/api/internal/plans",
        f"/api/internal/plans/{plan}/activities",
        f"/api/internal/plans/{plan}/measures",
        f"/api/internal/measures/{measure}/values",
        "/api/internal/status-options",
        "/api/internal/rounds",
        "/api/internal/tasks",
        f"/api/internal/tasks/{task.pk}/reports",
        "/api/internal/data-sets",
    ]


def query_counts(client: Client, world: World) -> dict[str, tuple[int, int]]:
    """Per list (by its position among `urls`): queries and rows."""
    counts = {}
    for position, url in enumerate(urls(world)):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[f"{position}:{url.split('/')[-1]}"] = (
            len(queries.captured_queries),
            len(response.json()["items"]),
        )
    return counts


def test_list_endpoints_use_a_constant_number_of_queries(world: World, api_as: ApiAs) -> None:
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    DataSet.objects.create(organization=world.organization, name="Data", first_year=2024)
    MeasureValue.objects.create(
        measure=world.measure, year=1999, value=Decimal(1), source=ValueSource.MANUAL
    )
    approved_round(world, "Första omgången")
    client = api_as("coordinator")
    client.get("/api/internal/me")  # records the token's first use
    few = query_counts(client, world)
    add_rows(world, 1, 4)
    many = query_counts(client, world)
    assert {url: queries for url, (queries, _rows) in many.items()} == {
        url: queries for url, (queries, _rows) in few.items()
    }
    grown = [url for url in few if many[url][1] > few[url][1]]
    # Every list but the fixed status list has more rows now.
    assert len(grown) == len(few) - 1
