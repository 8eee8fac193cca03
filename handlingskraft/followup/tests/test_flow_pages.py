"""A whole round through the pages, as the coordinator and a reporter use them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.models import (
    FollowUpRound,
    RoundEvent,
    RoundState,
    StatusOption,
    StatusReport,
    TaskState,
)

from .pages import org_url, report_data, task_url

pytestmark = pytest.mark.django_db


def test_a_round_goes_from_opening_to_reopening_through_the_pages(
    world: World, client_as: Callable[[str], Client], statuses: dict[str, StatusOption]
):
    coordinator, reporter = client_as("coordinator"), client_as("reporter")
    org = {"org_slug": world.organization.slug}

    response = coordinator.post(
        reverse("followup:round_create", kwargs=org),
        {
            "plan": world.plan.pk,
            "kind": "annual",
            "name": "Årsuppföljning 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "opens_on": "2026-01-10",
            "deadline": "2026-02-15",
        },
    )
    round = FollowUpRound.objects.get()
    assert response.url == org_url("round_detail", round)
    assert round.tasks.count() == 3  # two actors on the activity, one responsibility
    assert set(round.tasks.values_list("state", flat=True)) == {TaskState.NOT_STARTED}

    task = round.tasks.get(activity=world.activity, actor=world.social)
    todo = reporter.get(reverse("followup:todo", kwargs=org)).content.decode()
    assert task_url(task) in todo
    other_actors_task = round.tasks.get(actor=world.school)
    assert task_url(other_actors_task) not in todo

    draft = report_data(statuses["ongoing"], based_on=0, done="Två informationsträffar.")
    assert reporter.post(task_url(task), draft).status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.DRAFT
    submitted = {**draft, "based_on": 1, "action": "submit"}
    assert reporter.post(task_url(task), submitted).status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.SUBMITTED
    read_only = reporter.get(task_url(task))
    assert "followup/report_view.html" in [t.name for t in read_only.templates]
    assert "Två informationsträffar." in read_only.content.decode()

    review_list = coordinator.get(org_url("review_list", round)).content.decode()
    assert task_url(task, "task_review") in review_list
    no_comment = coordinator.post(task_url(task, "task_review"), {"action": "return"})
    assert no_comment.status_code == 200
    assert no_comment.context["form"].errors["comment"] == ["Skriv vad som behöver kompletteras."]
    response = coordinator.post(
        task_url(task, "task_review"), {"action": "return", "comment": "Hur många deltog?"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.RETURNED

    form_page = reporter.get(task_url(task)).content.decode()
    assert "Hur många deltog?" in form_page
    completed = report_data(
        statuses["completed"], based_on=2, action="submit", done="Två träffar, 40 deltagare."
    )
    assert reporter.post(task_url(task), completed).status_code == 302
    assert coordinator.post(task_url(task, "task_review"), {"action": "approve"}).status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.APPROVED

    lock_page = coordinator.get(org_url("round_lock", round)).content.decode()
    assert "Stäng med saknade rapporter" in lock_page
    assert "Utbildningsnämnden" in lock_page  # its report is missing
    refused = coordinator.post(org_url("round_lock", round), {})
    assert refused.context["form"].errors["allow_missing"]
    round.refresh_from_db()
    assert round.state == RoundState.OPEN
    assert (
        coordinator.post(org_url("round_lock", round), {"allow_missing": "on"}).status_code == 302
    )
    round.refresh_from_db()
    assert (round.state, round.closed_with_missing) == (RoundState.LOCKED, True)
    assert "Godkänd och låst" in coordinator.get(org_url("round_detail", round)).content.decode()

    reports_before = StatusReport.objects.count()
    responsibility_task = round.tasks.get(responsibility__isnull=False)
    refused_edit = reporter.post(
        task_url(responsibility_task), report_data(statuses["ongoing"], based_on=0), follow=True
    )
    assert "Omgången är godkänd och låst" in refused_edit.content.decode()
    assert StatusReport.objects.count() == reports_before

    no_reason = coordinator.post(org_url("round_reopen", round), {"reason": " "})
    assert no_reason.context["form"].errors["reason"] == ["Ange varför omgången öppnas igen."]
    reopened = coordinator.post(
        org_url("round_reopen", round), {"reason": "Utbildningsnämnden rapporterar i efterhand."}
    )
    assert reopened.status_code == 302
    round.refresh_from_db()
    assert round.state == RoundState.OPEN
    event = round.events.order_by("-pk").first()
    assert event is not None
    assert (event.action, event.reason, event.user) == (
        RoundEvent.Action.REOPENED,
        "Utbildningsnämnden rapporterar i efterhand.",
        world.users["coordinator"],
    )
    log = coordinator.get(org_url("round_detail", round)).content.decode()
    assert "Utbildningsnämnden rapporterar i efterhand." in log
