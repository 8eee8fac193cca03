"""The organisation's start page lists the reports waiting to be written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound, StatusOption
from handlingskraft.followup.services import ReportInput, report_save

pytestmark = pytest.mark.django_db


def home(client: Client) -> str:
    url = reverse("plans:organization_home", kwargs={"org_slug": "testkommun"})
    return client.get(url).content.decode()


def test_a_reporter_sees_how_many_reports_its_actor_has_left(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    html = home(client_as("reporter"))
    assert "Rapporter att skriva" in html
    # Socialnämnden: one activity and the plan's one responsibility.
    assert "2 rapporter kvar, sista dag 15 februari 2026" in html


def test_a_submitted_report_no_longer_counts(
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
    client_as: Callable[[str], Client],
):
    task = round.tasks.get(actor=world.social, activity__isnull=False)
    data = ReportInput(status=statuses["ongoing"])
    report_save(task=task, user=world.users["reporter"], data=data, based_on=0, submit=True)
    assert "1 rapport kvar" in home(client_as("reporter"))


def test_the_coordinator_sees_everyones_reports_left(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    assert "3 rapporter kvar" in home(client_as("coordinator"))


def test_a_reader_has_no_reports_to_write(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    assert "Rapporter att skriva" not in home(client_as("reader"))
