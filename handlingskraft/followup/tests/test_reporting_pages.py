"""The todo list, the report form, its conflict page and its read-only view."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.models import (
    FollowUpRound,
    ReportingTask,
    StatusOption,
    StatusReport,
    TaskState,
)
from handlingskraft.followup.services import (
    ReportConflict,
    ReportInput,
    current_report,
    report_review,
    report_save,
    round_lock,
    round_open,
)

from .conftest import round_input
from .pages import report_data, task_url

pytestmark = pytest.mark.django_db


def socials_task(world: World, round: FollowUpRound) -> ReportingTask:
    return round.tasks.get(actor=world.social, activity=world.activity)


def based_on_in(html: str) -> int:
    match = re.search(r'name="based_on" value="(\d+)"', html)
    assert match is not None
    return int(match.group(1))


def test_the_todo_list_shows_a_reporter_only_their_actors_tasks(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    response = client_as("reporter").get(
        reverse("followup:todo", kwargs={"org_slug": world.organization.slug})
    )
    tasks = [
        task for group in response.context["groups"] for a in group.actors for task, _ in a.rows
    ]
    assert {task.actor for task in tasks} == {world.social}
    assert len(tasks) == 2  # the activity and the responsibility
    assert "Sammanställ" in response.content.decode()  # Socialnämnden leads the activity


def test_the_todo_list_shows_the_coordinator_every_actor_grouped(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    response = client_as("coordinator").get(
        reverse("followup:todo", kwargs={"org_slug": world.organization.slug})
    )
    html = response.content.decode()
    assert "<h3" in html
    assert [a.actor.name for g in response.context["groups"] for a in g.actors] == [
        "Socialnämnden",
        "Utbildningsnämnden",
    ]


def test_locked_rounds_leave_the_todo_list(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    response = client_as("reporter").get(
        reverse("followup:todo", kwargs={"org_slug": world.organization.slug})
    )
    assert response.context["groups"] == []
    assert "Du har inget att rapportera" in response.content.decode()


def test_the_report_form_shows_the_activity_its_goal_and_last_rounds_report(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    earlier = round_open(
        plan=world.plan,
        user=world.users["coordinator"],
        data=round_input(
            name="Årsuppföljning 2024",
            period_start=round.period_start.replace(year=2024),
            period_end=round.period_end.replace(year=2024),
        ),
    )
    report_save(
        task=socials_task(world, earlier),
        user=world.users["reporter"],
        data=ReportInput(status=statuses["ongoing"], done="Förra årets text."),
        based_on=0,
        submit=True,
    )
    html = client_as("reporter").get(task_url(socials_task(world, round))).content.decode()
    assert "Informera föräldrar." in html
    assert "Verksamheterna förebygger våld" in html
    assert "Förra omgångens rapport (Årsuppföljning 2024)" in html
    assert "Förra årets text." in html


def test_evidence_links_must_be_web_addresses(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    task = socials_task(world, round)
    data = report_data(
        statuses["ongoing"],
        based_on=0,
        evidence_links="https://intranat.example.se/protokoll\nfil://server/hemligt.docx",
    )
    response = client_as("reporter").post(task_url(task), data)
    assert response.status_code == 200
    assert response.context["form"].errors["evidence_links"] == [
        "Rad 2 är inte en webbadress som börjar med http:// eller https://."
    ]
    assert 'id="id_evidence_links_error"' in response.content.decode()
    assert not StatusReport.objects.exists()


def test_submitting_without_a_status_is_refused_next_to_the_status_field(
    world: World, round: FollowUpRound, client_as: Callable[[str], Client]
):
    task = socials_task(world, round)
    response = client_as("reporter").post(
        task_url(task), report_data(None, based_on=0, action="submit", done="Text.")
    )
    assert response.context["form"].errors["status"] == ["Välj en status innan du skickar in."]
    draft = client_as("reporter").post(task_url(task), report_data(None, based_on=0, done="Text."))
    assert draft.status_code == 302


def test_personal_identity_numbers_are_refused_in_the_report(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    task = socials_task(world, round)
    data = report_data(statuses["ongoing"], based_on=0, done="Gäller 811218-9876.")
    response = client_as("reporter").post(task_url(task), data)
    assert response.status_code == 200
    assert response.context["form"].errors["done"]
    assert not StatusReport.objects.exists()


def test_two_people_saving_the_same_report_get_a_conflict_page_and_keep_both_texts(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    task = socials_task(world, round)
    first, second = client_as("reporter"), client_as("coordinator")
    first_based_on = based_on_in(first.get(task_url(task)).content.decode())
    second_based_on = based_on_in(second.get(task_url(task)).content.decode())
    assert first_based_on == second_based_on == 0

    saved = first.post(
        task_url(task),
        report_data(statuses["ongoing"], based_on=first_based_on, done="Rapportörens text."),
    )
    assert saved.status_code == 302
    conflict = second.post(
        task_url(task),
        report_data(statuses["delayed"], based_on=second_based_on, done="Samordnarens text."),
    )

    assert conflict.status_code == 409
    assert "followup/report_conflict.html" in [t.name for t in conflict.templates]
    html = conflict.content.decode()
    assert "Rapportörens text." in html and "Samordnarens text." in html
    assert "sparad av rapportor" in html
    assert based_on_in(html) == 1  # saving again builds on the other version
    assert conflict.context["form"].initial["done"] == "Samordnarens text."
    kept = StatusReport.objects.filter(task=task).values_list("done", "is_conflict")
    assert sorted(kept) == [("Rapportörens text.", False), ("Samordnarens text.", True)]

    merged = second.post(
        task_url(task),
        report_data(statuses["ongoing"], based_on=1, done="Rapportörens text. Samordnarens text."),
    )
    assert merged.status_code == 302
    current = current_report(task)
    assert current is not None and current.done == "Rapportörens text. Samordnarens text."


def test_a_submitted_report_is_read_only_with_its_versions_and_conflicts(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    task = socials_task(world, round)
    reporter, coordinator = world.users["reporter"], world.users["coordinator"]
    data = ReportInput(status=statuses["ongoing"], done="Första.")
    report_save(task=task, user=reporter, data=data, based_on=0, submit=False)
    with pytest.raises(ReportConflict):
        report_save(task=task, user=coordinator, data=data, based_on=0, submit=False)
    report_save(task=task, user=reporter, data=data, based_on=1, submit=True)
    response = client_as("reporter").get(task_url(task))
    assert "followup/report_view.html" in [t.name for t in response.templates]
    assert [v.is_conflict for v in response.context["versions"]] == [False, True, False]
    html = response.content.decode()
    assert "Sparades inte på grund av krock" in html
    assert "Inskickad" in html
    assert "<textarea" not in html
    posted = client_as("reporter").post(task_url(task), report_data(None, based_on=2), follow=True)
    assert "Rapporten är inskickad och kan inte ändras just nu." in posted.content.decode()


def test_an_approved_report_says_so(
    world: World,
    round: FollowUpRound,
    client_as: Callable[[str], Client],
    statuses: dict[str, StatusOption],
):
    task = socials_task(world, round)
    data = ReportInput(status=statuses["completed"], done="Klart.")
    report_save(task=task, user=world.users["reporter"], data=data, based_on=0, submit=True)
    report_review(task=task, user=world.users["coordinator"], approve=True)
    html = client_as("reporter").get(task_url(task)).content.decode()
    assert "Rapporten är godkänd." in html
    task.refresh_from_db()
    assert task.state == TaskState.APPROVED


def test_a_refused_evidence_line_is_not_repeated_back(
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
    client_as: Callable[[str], Client],
):
    task = socials_task(world, round)
    data = report_data(statuses["ongoing"], based_on=0, evidence_links="Barnet 19811218-9876")
    response = client_as("reporter").post(task_url(task), data)
    assert "19811218-9876" not in str(response.context["form"].errors)
