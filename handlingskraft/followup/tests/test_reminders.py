"""Reminders: a fixed clock, no duplicates, only those who still have to report."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound, Reminder, ReminderKind, StatusOption
from handlingskraft.followup.reminders import reminder_kind, reminders_send
from handlingskraft.followup.services import ReportInput, report_save

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 2, 15)


@pytest.fixture(autouse=True)
def reporters_have_email(world: World) -> None:
    for persona in ("reporter", "working_group_member"):
        user = world.users[persona]
        user.email = f"{persona}@kommun.example"
        user.save()


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any) -> Callable[..., int]:
    """reminders_send, with the mails it queues for after the commit sent at once."""

    def run(today: datetime.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today, days_before=3)

    return run


@pytest.fixture
def command(django_capture_on_commit_callbacks: Any) -> Callable[[datetime.date], None]:
    def run(today: datetime.date) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", today=today.isoformat(), stdout=StringIO())

    return run


def days(n: int) -> datetime.date:
    return DEADLINE + datetime.timedelta(days=n)


def test_the_kind_of_reminder_follows_the_calendar(round: FollowUpRound):
    assert reminder_kind(round, days(-10), days_before=3) is None
    assert reminder_kind(round, days(-3), days_before=3) == ReminderKind.BEFORE_DEADLINE
    assert reminder_kind(round, DEADLINE, days_before=3) == ReminderKind.BEFORE_DEADLINE
    assert reminder_kind(round, days(1), days_before=3) == ReminderKind.OVERDUE
    assert reminder_kind(round, round.opens_on - datetime.timedelta(days=1), 60) is None


def test_reporters_of_actors_with_work_left_get_one_mail_each(
    world: World, round: FollowUpRound, send: Callable[..., int]
):
    assert send(days(-2)) == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "reporter@kommun.example",
        "working_group_member@kommun.example",
    ]
    message = mail.outbox[0]
    assert message.subject == "Påminnelse: rapportera senast 2026-02-15"
    assert "/testkommun/att-rapportera/" in message.body


def test_running_the_command_twice_on_the_same_day_sends_nothing_new(
    round: FollowUpRound, command: Callable[[datetime.date], None]
):
    command(days(-2))
    command(days(-2))
    command(days(-1))
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_the_overdue_reminder_is_sent_once_after_the_deadline(
    round: FollowUpRound, send: Callable[..., int]
):
    send(days(-1))
    send(days(1))
    send(days(5))
    kinds = sorted(Reminder.objects.values_list("kind", flat=True))
    assert kinds == ["before", "before", "overdue", "overdue"]
    assert len(mail.outbox) == 4


def test_an_actor_whose_reports_are_all_submitted_is_not_reminded(
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
    send: Callable[..., int],
):
    for task in round.tasks.filter(actor=world.social):
        report_save(
            task=task,
            user=world.users["reporter"],
            data=ReportInput(status=statuses["ongoing"]),
            based_on=0,
            submit=True,
        )
    send(days(-1))
    assert [message.to for message in mail.outbox] == [["working_group_member@kommun.example"]]


def test_a_locked_round_sends_no_reminders(
    world: World, round: FollowUpRound, send: Callable[..., int]
):
    round.state = "locked"
    round.save()
    assert send(days(1)) == 0
    assert mail.outbox == []


def test_deactivated_members_are_not_reminded(
    world: World, round: FollowUpRound, send: Callable[..., int]
):
    world.users["reporter"].memberships.update(is_active=False)
    send(days(-1))
    assert [message.to for message in mail.outbox] == [["working_group_member@kommun.example"]]
