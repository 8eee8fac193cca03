"""The report and the exporters cost the same number of queries however many
activities, reports, values and rounds of history there are."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.exports.report.build import build_followup_report
from handlingskraft.followup.services import round_lock, round_open
from handlingskraft.followup.tests.conftest import round_input
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.plans.models import Activity, ActivityActor


def _grow(world: World, rounds: int) -> None:
    """More activities (two actors each), measure values and rounds of history."""
    for n in range(5):
        activity = Activity.objects.create(
            plan=world.plan, goal=world.goal, position=10 + n, description=f"Aktivitet {n}"
        )
        ActivityActor.objects.create(activity=activity, actor=world.social, is_lead=True)
        ActivityActor.objects.create(activity=activity, actor=world.school, position=1)
    for year in (2023, 2024):
        MeasureValue.objects.create(
            measure=world.measure, year=year, value=Decimal(year - 2000), source=ValueSource.MANUAL
        )
    user = world.users["coordinator"]
    for n in range(rounds):
        start = datetime.date(2015 + n, 1, 1)
        round = round_open(
            plan=world.plan,
            user=user,
            data=round_input(name=f"Omgång {n}", period_start=start, period_end=start),
        )
        round_lock(round=round, user=user, allow_missing=True)


def _count(operation: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as queries:
        operation()
    return len(queries)


def test_the_report_takes_a_fixed_number_of_queries(world: World) -> None:
    user = world.users["coordinator"]
    round = round_open(plan=world.plan, user=user, data=round_input())
    small = _count(lambda: build_followup_report(round))
    _grow(world, rounds=3)
    assert _count(lambda: build_followup_report(round)) == small


def test_the_activity_list_export_takes_a_fixed_number_of_queries(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("reader")
    kwargs = {"org_slug": world.organization.slug, "plan_slug": world.plan.slug}
    url = reverse("exports:plan_activities", kwargs={**kwargs, "kind": "xlsx"})
    client.get(url)  # the session and the user are read once
    small = _count(lambda: client.get(url))
    _grow(world, rounds=2)
    assert _count(lambda: client.get(url)) == small
    docx = reverse("exports:plan_document_docx", kwargs=kwargs)
    small_docx = _count(lambda: client.get(docx))
    _grow(world, rounds=1)
    assert _count(lambda: client.get(docx)) == small_docx
