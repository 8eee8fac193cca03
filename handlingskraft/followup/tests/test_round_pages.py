"""The coordinator's pages: opening a round, its progress, reminders,
consolidation, assessments and an activity's history."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.defaults import assessment_options
from handlingskraft.followup.models import (
    Consolidation,
    FollowUpRound,
    Reminder,
    StatusOption,
)
from handlingskraft.followup.services import (
    ReportInput,
    consolidation_save,
    report_review,
    report_save,
    round_lock,
)

from .pages import org_url

pytestmark = pytest.mark.django_db


def test_the_round_list_shows_each_round_with_its_state_in_words(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    html = (
        client_as("reader")
        .get(reverse("followup:round_list", kwargs={"org_slug": world.organization.slug}))
        .content.decode()
    )
    assert "Årsuppföljning 2025" in html
    assert "Öppen" in html
    assert "Öppna en ny omgång" not in html  # readers do not open rounds


def test_opening_a_round_with_dates_out_of_order_shows_the_errors_next_to_the_fields(
    world: World, client_as: Callable[[str], Client]
):
    response = client_as("coordinator").post(
        reverse("followup:round_create", kwargs={"org_slug": world.organization.slug}),
        {
            "plan": world.plan.pk,
            "kind": "annual",
            "name": "Årsuppföljning 2025",
            "period_start": "2025-12-31",
            "period_end": "2025-01-01",
            "opens_on": "2026-02-01",
            "deadline": "2026-01-01",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["period_end"] == ["Perioden kan inte sluta innan den börjar."]
    assert errors["deadline"] == ["Sista dag att rapportera kan inte ligga före öppningsdagen."]
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_deadline"' in html
    assert not FollowUpRound.objects.exists()


def test_only_the_organisations_current_plan_versions_can_be_followed_up(
    world: World, client_as: Callable[[str], Client]
):
    response = client_as("coordinator").get(
        reverse("followup:round_create", kwargs={"org_slug": world.organization.slug})
    )
    assert list(response.context["form"].fields["plan"].queryset) == [world.plan]


def test_progress_counts_tasks_per_actor_and_marks_late_actors_in_words(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    task = round.tasks.get(actor=world.school)
    data = ReportInput(status=statuses["completed"], done="Klart.")
    report_save(task=task, user=world.users["coordinator"], data=data, based_on=0, submit=True)
    report_review(task=task, user=world.users["coordinator"], approve=True)
    round.deadline = datetime.date(2020, 1, 1)
    round.opens_on = datetime.date(2020, 1, 1)
    round.save()
    response = client_as("reader").get(org_url("round_detail", round))
    rows = {row.actor_name: row for row in response.context["progress"]}
    assert rows["Socialnämnden"].state_counts == [2, 0, 0, 0, 0]
    assert rows["Utbildningsnämnden"].state_counts == [0, 0, 0, 0, 1]
    assert rows["Socialnämnden"].overdue and not rows["Utbildningsnämnden"].overdue
    html = response.content.decode()
    assert html.count("Försenad</span>") == 1
    assert "Påminn dem som inte rapporterat" not in html  # readers do not remind


def test_reminding_those_who_have_not_reported_sends_one_mail_per_reporter_and_says_so(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., object],
):
    world.users["reporter"].email = "rapportor@testkommun.se"
    world.users["reporter"].save()
    world.users["working_group_member"].email = "arbetsgrupp@testkommun.se"
    world.users["working_group_member"].save()
    coordinator = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = coordinator.post(org_url("round_remind", round), follow=True)
    assert "2 påminnelser skickades till 2 av 2 aktörer." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "arbetsgrupp@testkommun.se",
        "rapportor@testkommun.se",
    ]
    assert Reminder.objects.count() == 2
    again = coordinator.post(org_url("round_remind", round), follow=True)
    assert "redan påmints i dag" in again.content.decode()


def test_the_round_page_lists_activities_needing_a_consolidated_status(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    html = client_as("coordinator").get(org_url("round_detail", round)).content.decode()
    assert org_url("consolidate", round, activity_id=world.activity.pk) in html
    assert "2 aktörer rapporterar, Socialnämnden leder." in html
    assert "Ingen samlad status ännu" in html


def test_the_shared_activities_are_told_in_the_language_chosen(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    client = client_as("coordinator")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(org_url("round_detail", round)).content.decode()
    assert "2 actors report, Socialnämnden leads." in html


def test_the_consolidation_page_shows_each_actors_report_and_a_conflict_keeps_both(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    for task, text in [
        (round.tasks.get(actor=world.social, activity=world.activity), "Socialens del."),
        (round.tasks.get(actor=world.school), "Skolans del."),
    ]:
        data = ReportInput(status=statuses["ongoing"], done=text)
        report_save(task=task, user=world.users["coordinator"], data=data, based_on=0, submit=True)
    url = org_url("consolidate", round, activity_id=world.activity.pk)
    html = client_as("reporter").get(url).content.decode()
    assert "Socialens del." in html and "Skolans del." in html
    consolidation_save(
        round=round,
        activity=world.activity,
        user=world.users["coordinator"],
        status=statuses["ongoing"],
        text="Samordnarens sammanfattning.",
        based_on=0,
    )
    response = client_as("reporter").post(
        url,
        {"status": statuses["delayed"].pk, "text": "Rapportörens sammanfattning.", "based_on": 0},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Samordnarens sammanfattning." in html and "Rapportörens sammanfattning." in html
    assert response.context["form"].initial["based_on"] == 1
    assert sorted(Consolidation.objects.values_list("text", "is_conflict")) == [
        ("Rapportörens sammanfattning.", True),
        ("Samordnarens sammanfattning.", False),
    ]


def test_the_coordinator_assesses_each_goal_and_measure(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    fulfilled, partly = assessment_options(world.organization)[:2]
    goal, measure = f"malbild-{world.goal.pk}", f"matt-{world.measure.pk}"
    response = client_as("coordinator").post(
        org_url("assessments", round),
        {
            f"{goal}-option": fulfilled.pk,
            f"{goal}-analysis": "Målet är nått.",
            f"{measure}-option": partly.pk,
            f"{measure}-analysis": "Hälften av skolorna.",
        },
        follow=True,
    )
    assert "2 bedömningar är sparade." in response.content.decode()
    assert round.assessments.get(goal=world.goal).option == fulfilled
    assert round.assessments.get(measure=world.measure).analysis == "Hälften av skolorna."
    html = client_as("reader").get(org_url("assessments", round)).content.decode()
    assert "Delvis uppfyllt" in html and "Hälften av skolorna." in html


def test_an_activitys_history_shows_its_status_per_round(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    consolidation_save(
        round=round,
        activity=world.activity,
        user=world.users["coordinator"],
        status=statuses["delayed"],
        text="Försenad på grund av vakanser.",
        based_on=0,
    )
    url = reverse(
        "followup:activity_history",
        kwargs={"org_slug": world.organization.slug, "activity_id": world.activity.pk},
    )
    assert "Försenad på grund av vakanser." in client_as("reader").get(url).content.decode()
    # Reporters see only what a locked round approved.
    assert "Försenad på grund av vakanser." not in client_as("reporter").get(url).content.decode()
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    html = client_as("reporter").get(url).content.decode()
    assert "Försenad på grund av vakanser." in html
    assert "Årsuppföljning 2025" in html
    assert "Godkänd" in html
