"""What a token may reach: its own organisation only (another organisation's
objects answer 404), and what its user's role allows there (403 otherwise),
by the same rules as the pages."""

from __future__ import annotations

import pytest

from handlingskraft.conftest import World
from handlingskraft.datacollection.models import DataSet
from handlingskraft.followup.models import FollowUpRound, ReportingTask
from handlingskraft.followup.services import round_open
from handlingskraft.followup.tests.conftest import round_input

from .conftest import ApiAs, post_json

pytestmark = pytest.mark.django_db


def task_of(round: FollowUpRound, actor_name: str) -> ReportingTask:
    return round.tasks.get(actor__name=actor_name, activity__isnull=False)


def other_round(world: World) -> FollowUpRound:
    return round_open(plan=world.other_plan, user=world.users["outsider"], data=round_input())


def test_a_token_reads_its_organisations_plans_drafts_included(world: World, api_as: ApiAs) -> None:
    body = api_as("reporter").get("/api/internal/plans").json()
    assert [plan["id"] for plan in body["items"]] == [world.plan.pk]
    assert body["items"][0]["published_at"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/api/internal/plans/{plan}",
        "/api/internal/plans/{plan}/activities",
        "/api/internal/plans/{plan}/measures",
        "/api/internal/measures/{measure}/values",
        "/api/internal/rounds/{round}",
        "/api/internal/tasks/{task}",
        "/api/internal/tasks/{task}/reports",
        "/api/internal/data-sets/{data_set}",
    ],
)
def test_another_organisations_objects_answer_404(world: World, api_as: ApiAs, url: str) -> None:
    round = other_round(world)
    data_set = DataSet.objects.create(
        organization=world.other_organization, name="Annans", first_year=2024
    )
    ids = {
        "plan": world.other_plan.pk,
        "measure": world.other_plan.measures.get().pk,
        "round": round.pk,
        "task": round.tasks.first().pk,  # type: ignore[union-attr]
        "data_set": data_set.pk,
    }
    response = api_as("coordinator").get(url.format(**ids))
    assert response.status_code == 404
    assert response.json() == {"detail": "Det efterfrågade finns inte.", "errors": []}


def test_another_organisations_lists_are_not_mixed_in(world: World, api_as: ApiAs) -> None:
    other_round(world)
    client = api_as("coordinator")
    assert client.get("/api/internal/rounds").json()["count"] == 0
    assert client.get("/api/internal/tasks").json()["count"] == 0
    tasks = client.get(f"/api/internal/tasks?round={FollowUpRound.objects.get().pk}")
    assert tasks.json()["count"] == 0


def test_the_outsiders_token_sees_only_the_other_organisation(world: World, api_as: ApiAs) -> None:
    client = api_as("outsider")
    assert client.get("/api/internal/me").json()["organization"]["slug"] == "annan"
    assert client.get(f"/api/internal/plans/{world.plan.pk}").status_code == 404


def test_a_reporter_cannot_submit_for_another_actor(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    task = task_of(round, "Utbildningsnämnden")
    response = post_json(
        api_as("reporter"),
        f"/api/internal/tasks/{task.pk}/reports",
        {"done": "Försök", "based_on": 0},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Du kan bara läsa och rapportera för din egen aktör."
    assert not task.reports.exists()


def test_a_reporter_sees_only_their_own_actors_tasks(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    body = api_as("reporter").get("/api/internal/tasks").json()
    assert {task["actor"]["name"] for task in body["items"]} == {"Socialnämnden"}
    other = task_of(round, "Utbildningsnämnden")
    assert api_as("reporter").get(f"/api/internal/tasks/{other.pk}").status_code == 403


def test_internal_readers_see_every_task_but_cannot_report(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    client = api_as("reader")
    assert client.get("/api/internal/tasks").json()["count"] == round.tasks.count()
    task = task_of(round, "Socialnämnden")
    assert client.get(f"/api/internal/tasks/{task.pk}").status_code == 200
    response = post_json(client, f"/api/internal/tasks/{task.pk}/reports", {"based_on": 0})
    assert response.status_code == 403
    assert response.json()["detail"] == "Din roll ger inte behörighet till det här."


def test_rounds_are_internal_reading_not_for_reporters(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    assert api_as("reader").get("/api/internal/rounds").status_code == 200
    assert api_as("reporter").get("/api/internal/rounds").status_code == 403
    assert api_as("reporter").get(f"/api/internal/rounds/{round.pk}").status_code == 403


def test_the_coordinator_reports_for_any_actor(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    task = task_of(round, "Utbildningsnämnden")
    response = post_json(
        api_as("coordinator"), f"/api/internal/tasks/{task.pk}/reports", {"based_on": 0}
    )
    assert response.status_code == 201


def test_raw_counts_are_for_the_reporting_actor_and_the_coordinator(
    world: World, api_as: ApiAs
) -> None:
    data_set = DataSet.objects.create(
        organization=world.organization, name="Orosanmälningar", first_year=2024
    )
    own = f"/api/internal/data-sets/{data_set.pk}/reports/{world.social.pk}/2025"
    other = f"/api/internal/data-sets/{data_set.pk}/reports/{world.school.pk}/2025"
    assert api_as("reporter").get(own).status_code == 200
    assert api_as("reporter").get(other).status_code == 403
    assert api_as("coordinator").get(other).status_code == 200
    assert api_as("reader").get(own).status_code == 403


def test_a_period_the_data_set_is_not_collected_for_is_404(world: World, api_as: ApiAs) -> None:
    data_set = DataSet.objects.create(
        organization=world.organization, name="Orosanmälningar", first_year=2024
    )
    base = f"/api/internal/data-sets/{data_set.pk}/reports/{world.social.pk}"
    client = api_as("reporter")
    assert client.get(f"{base}/2023").status_code == 404
    assert client.get(f"{base}/2025T1").status_code == 404
    assert client.get(f"{base}/2199").status_code == 404


def test_a_working_group_member_reads_every_task_but_reports_only_for_their_actor(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    client = api_as("working_group_member")
    social = task_of(round, "Socialnämnden")
    assert client.get(f"/api/internal/tasks/{social.pk}/reports").status_code == 200
    response = post_json(client, f"/api/internal/tasks/{social.pk}/reports", {"based_on": 0})
    assert response.status_code == 403
    assert response.json()["detail"] == "Du kan bara rapportera för din egen aktör."
    school = task_of(round, "Utbildningsnämnden")
    response = post_json(client, f"/api/internal/tasks/{school.pk}/reports", {"based_on": 0})
    assert response.status_code == 201
