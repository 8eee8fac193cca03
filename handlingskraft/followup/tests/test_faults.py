"""Fault tests for reporting (issue 10, item 4): the database connection drops
in the middle of saving a report, and the same form is sent twice at once.
Nothing may be half-written, the reporter gets a Swedish message and can try
again, and a double submit gives one report and one kept conflict."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

from handlingskraft.conftest import World
from handlingskraft.followup.models import (
    FollowUpRound,
    ReportingTask,
    StatusOption,
    StatusReport,
    TaskState,
)
from handlingskraft.followup.services import ReportInput, report_save, round_open
from handlingskraft.tests.faults import connection_lost_at, row_counts, statements_in

from .conftest import round_input
from .pages import report_data, task_url

MESSAGE = "Tjänsten kunde inte nå databasen. Ingenting sparades. Försök igen om en stund."


def socials_task(world: World, round: FollowUpRound) -> ReportingTask:
    return round.tasks.get(actor=world.social, activity=world.activity)


def save(task: ReportingTask, world: World, statuses: dict[str, StatusOption]) -> StatusReport:
    return report_save(
        task=task,
        user=world.users["reporter"],
        data=ReportInput(statuses["ongoing"], done="Vi har informerat föräldrar."),
        based_on=0,
        submit=True,
    )


@pytest.mark.django_db
def test_a_connection_lost_at_any_statement_of_a_report_save_leaves_nothing(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    task = socials_task(world, round)
    total = statements_in(lambda: save(task, world, statuses))
    assert total >= 4  # lock the task, read the latest, insert, update the task (+ history)
    before = row_counts()
    for statement in range(1, total + 1):
        with connection_lost_at(statement), pytest.raises(OperationalError):
            save(task, world, statuses)
        assert row_counts() == before, f"statement {statement} of {total}"
        task.refresh_from_db()
        assert task.state == TaskState.NOT_STARTED
    report = save(task, world, statuses)  # trying again works
    assert (report.number, report.is_conflict) == (1, False)


@pytest.mark.django_db
def test_the_report_form_answers_a_lost_connection_with_a_swedish_503_and_a_retry_works(
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
    client_as: Callable[[str], Client],
    monkeypatch: pytest.MonkeyPatch,
):
    from handlingskraft.followup.views import reporting

    task = socials_task(world, round)
    real_save = reporting.report_save

    def dropping_save(**kwargs: Any) -> StatusReport:
        with connection_lost_at(3):  # after locking the task and reading the latest version
            return real_save(**kwargs)

    client = client_as("reporter")
    data = report_data(statuses["ongoing"], based_on=0, action="submit", done="Klart.")
    before = row_counts()
    monkeypatch.setattr(reporting, "report_save", dropping_save)
    response = client.post(task_url(task), data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert MESSAGE in response.content.decode()
    assert "bakåtknapp" in response.content.decode()
    assert row_counts() == before

    monkeypatch.setattr(reporting, "report_save", real_save)
    response = client.post(task_url(task), data)
    assert response.status_code == 302
    assert task.reports.get().done == "Klart."


@pytest.mark.django_db
def test_a_double_saved_draft_keeps_one_version_and_the_second_as_a_conflict(
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
    client_as: Callable[[str], Client],
):
    """Two saves of the same form one after the other (what the database makes
    of two at once, see the PostgreSQL test below): the second, based on the
    same version, is kept as a conflict and shown as one."""
    task = socials_task(world, round)
    data = report_data(statuses["ongoing"], based_on=0, action="draft", done="Utkast.")
    first = client_as("reporter").post(task_url(task), data)
    second = client_as("reporter").post(task_url(task), data)
    assert (first.status_code, second.status_code) == (302, 409)
    assert task.reports.filter(is_conflict=False).count() == 1
    assert task.reports.filter(is_conflict=True).count() == 1


@pytest.mark.django_db
def test_a_double_submit_one_after_the_other_creates_one_report(
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
    client_as: Callable[[str], Client],
):
    task = socials_task(world, round)
    data = report_data(statuses["ongoing"], based_on=0, action="submit", done="Klart.")
    first = client_as("reporter").post(task_url(task), data)
    second = client_as("reporter").post(task_url(task), data, follow=True)
    assert first.status_code == 302
    assert "Rapporten är inskickad och kan inte ändras just nu." in second.content.decode()
    assert task.reports.count() == 1


def post_at_once(task: ReportingTask, user: Any, data: dict[str, Any]) -> list[int]:
    """Two clients post `data` at the same moment, each on its own connection."""
    start = threading.Barrier(2)
    answers: list[int] = []

    def post() -> None:
        client = Client()
        client.force_login(user)
        try:
            start.wait()
            answers.append(client.post(task_url(task), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(answers)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
def test_a_concurrent_double_submit_on_postgresql_creates_one_report(
    world: World, statuses: dict[str, StatusOption]
):
    round = round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())
    task = socials_task(world, round)
    reporter = world.users["reporter"]
    for attempt in range(1, 6):
        data = report_data(statuses["ongoing"], based_on=attempt - 1, done=f"Version {attempt}")
        assert post_at_once(task, reporter, data) == [302, 409], f"attempt {attempt}"
        assert task.reports.filter(is_conflict=False).count() == attempt
        assert task.reports.filter(is_conflict=True).count() == attempt
    # Submitting twice: the second is a conflict, or, if it arrives after the
    # first has committed, turned away as already submitted. One report either way.
    submit = report_data(statuses["ongoing"], based_on=5, action="submit", done="Klart.")
    assert post_at_once(task, reporter, submit) in ([302, 409], [302, 302])
    assert task.reports.filter(is_conflict=False, submitted=True).count() == 1
    assert task.reports.filter(is_conflict=False).count() == 6
