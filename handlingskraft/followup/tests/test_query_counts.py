"""The lists of the follow-up pages take as many queries for 30 activities as for one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound, StatusOption
from handlingskraft.followup.services import ReportInput, report_save, round_lock, round_open
from handlingskraft.plans.models import Activity, ActivityActor, Plan

from .conftest import round_input
from .pages import org_url

pytestmark = pytest.mark.django_db


def plan_with_activities(world: World, count: int) -> Plan:
    plan = Plan.objects.create(
        organization=world.organization, title=f"Plan med {count}", slug=f"plan-{count}"
    )
    for position in range(count):
        activity = Activity.objects.create(
            plan=plan, goal=None, position=position, description=f"Aktivitet {position}."
        )
        ActivityActor.objects.create(activity=activity, actor=world.social, is_lead=True)
        ActivityActor.objects.create(activity=activity, actor=world.school, position=1)
    return plan


def open_and_report(world: World, plan: Plan, status: StatusOption) -> FollowUpRound:
    """A round in which Socialnämnden has submitted every report."""
    round = round_open(plan=plan, user=world.users["coordinator"], data=round_input())
    for task in round.tasks.filter(actor=world.social):
        data = ReportInput(status=status, done="Gjort.")
        report_save(task=task, user=world.users["reporter"], data=data, based_on=0, submit=True)
    return round


def queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm up (status lists, sessions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def counts(world: World, client_as: Callable[[str], Client], round: FollowUpRound) -> list[int]:
    todo = reverse("followup:todo", kwargs={"org_slug": world.organization.slug})
    return [
        queries(client_as("reporter"), todo),
        queries(client_as("coordinator"), todo),
        queries(client_as("coordinator"), org_url("round_detail", round)),
        queries(client_as("working_group_member"), org_url("review_list", round)),
    ]


def test_the_todo_progress_and_review_pages_do_not_query_per_task(
    world: World, client_as: Callable[[str], Client], statuses: dict[str, StatusOption]
):
    one = open_and_report(world, plan_with_activities(world, 1), statuses["ongoing"])
    with_one = counts(world, client_as, one)
    round_lock(round=one, user=world.users["coordinator"], allow_missing=True)

    thirty = open_and_report(world, plan_with_activities(world, 30), statuses["ongoing"])
    assert thirty.tasks.count() == 60
    assert counts(world, client_as, thirty) == with_one
