"""Who may open and change what on the follow-up pages, beyond the access table."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.models import (
    Assessment,
    Consolidation,
    FollowUpRound,
    StatusOption,
    StatusReport,
)
from handlingskraft.followup.services import round_lock, round_open

from .conftest import round_input
from .pages import org_url, report_data, task_url

pytestmark = pytest.mark.django_db


def test_a_reporter_cannot_see_another_actors_task(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    schools_task = round.tasks.get(actor=world.school, activity=world.activity)
    assert client_as("reporter").get(task_url(schools_task)).status_code == 403


def test_a_reporter_cannot_submit_another_actors_task(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    schools_task = round.tasks.get(actor=world.school, activity=world.activity)
    data = report_data(statuses["ongoing"], based_on=0, action="submit", done="Inte min.")
    assert client_as("reporter").post(task_url(schools_task), data).status_code == 403
    assert not StatusReport.objects.exists()


def test_another_organisations_round_and_task_are_not_found(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    theirs = round_open(plan=world.other_plan, user=world.users["outsider"], data=round_input())
    their_task = theirs.tasks.first()
    assert their_task is not None
    coordinator = client_as("coordinator")
    ours = {"org_slug": world.organization.slug}
    assert (
        coordinator.get(
            reverse("followup:round_detail", kwargs={**ours, "round_id": theirs.pk})
        ).status_code
        == 404
    )
    assert (
        coordinator.get(
            reverse(
                "followup:task_report",
                kwargs={**ours, "round_id": theirs.pk, "task_id": their_task.pk},
            )
        ).status_code
        == 404
    )
    # Our round's id with their task is no way in either.
    assert (
        coordinator.get(
            reverse(
                "followup:task_report",
                kwargs={**ours, "round_id": round.pk, "task_id": their_task.pk},
            )
        ).status_code
        == 404
    )
    # Nor is their round under their own address, for someone outside it.
    assert client_as("reporter").get(task_url(their_task)).status_code == 404


def test_a_member_without_review_rights_cannot_review(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    task = round.tasks.get(actor=world.social, activity=world.activity)
    response = client_as("reporter").post(task_url(task, "task_review"), {"action": "approve"})
    assert response.status_code == 403


def test_only_the_lead_actor_or_the_coordinator_writes_the_consolidated_status(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    url = org_url("consolidate", round, activity_id=world.activity.pk)
    data = {"status": statuses["ongoing"].pk, "text": "Båda nämnderna är igång.", "based_on": 0}
    # The working-group member speaks for Utbildningsnämnden, which does not lead.
    page = client_as("working_group_member").get(url)
    assert page.status_code == 200 and not page.context["editable"]
    assert client_as("working_group_member").post(url, data).status_code == 403
    assert client_as("reporter").post(url, data).status_code == 302
    assert Consolidation.objects.get().text == "Båda nämnderna är igång."


def test_readers_read_the_assessments_but_cannot_write_them(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    url = org_url("assessments", round)
    page = client_as("reader").get(url)
    assert page.status_code == 200 and not page.context["editable"]
    prefix = f"malbild-{world.goal.pk}"
    response = client_as("reader").post(url, {f"{prefix}-analysis": "Bra."})
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_every_editing_page_answers_a_message_when_the_round_is_locked(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    coordinator = client_as("coordinator")
    task = round.tasks.get(actor=world.social, activity=world.activity)
    posts = {
        task_url(task): report_data(statuses["ongoing"], based_on=0),
        task_url(task, "task_review"): {"action": "approve"},
        org_url("consolidate", round, activity_id=world.activity.pk): {
            "status": statuses["ongoing"].pk,
            "text": "Text.",
        },
        org_url("assessments", round): {f"malbild-{world.goal.pk}-analysis": "Bra."},
        org_url("round_remind", round): {},
        org_url("round_lock", round): {"allow_missing": "on"},
    }
    for url, data in posts.items():
        response = coordinator.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert "låst" in response.content.decode(), url
    assert not StatusReport.objects.exists()
    assert not Consolidation.objects.exists()
    assert not Assessment.objects.exists()
    for url in posts:
        if "paminn" not in url:
            assert coordinator.get(url).status_code == 200, url
