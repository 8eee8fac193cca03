"""Reminders to reporters whose actor has unfinished tasks: some days before
the deadline and once the deadline has passed. A Reminder row is written
before the mail is sent (on commit), and its unique constraint makes sure the
daily command never sends the same reminder twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import Membership, Role
from handlingskraft.organizations.models import Actor

from .models import FollowUpRound, Reminder, ReminderKind, RoundState, TaskState

# Tasks waiting for the reporter (a submitted report waits for the reviewer).
WAITING_FOR_REPORTER = [TaskState.NOT_STARTED, TaskState.DRAFT, TaskState.RETURNED]


@dataclass(frozen=True)
class DueReminder:
    round: FollowUpRound
    actor: Actor
    kind: str


def reminder_kind(round: FollowUpRound, today: datetime.date, days_before: int) -> str | None:
    """Which automatic reminder, if any, the round calls for today."""
    if round.state != RoundState.OPEN or today < round.opens_on:
        return None
    if today > round.deadline:
        return ReminderKind.OVERDUE
    if (round.deadline - today).days <= days_before:
        return ReminderKind.BEFORE_DEADLINE
    return None


def actors_waiting(round: FollowUpRound) -> list[Actor]:
    """Actors with at least one task waiting for their report."""
    ids = round.tasks.filter(state__in=WAITING_FOR_REPORTER).values("actor_id")
    return list(Actor.objects.filter(pk__in=ids).order_by("name"))


def due_reminders(today: datetime.date, days_before: int) -> Iterator[DueReminder]:
    rounds = FollowUpRound.objects.filter(state=RoundState.OPEN, opens_on__lte=today)
    for round in rounds.select_related("organization"):
        kind = reminder_kind(round, today, days_before)
        if kind is not None:
            for actor in actors_waiting(round):
                yield DueReminder(round, actor, kind)


def recipients(actor: Actor) -> list[str]:
    """E-mail addresses of the active reporters and working-group members of `actor`."""
    return sorted(
        set(
            Membership.objects.filter(
                actor=actor,
                is_active=True,
                user__is_active=True,
                role__in=[Role.REPORTER, Role.WORKING_GROUP_MEMBER],
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def _message(due: DueReminder) -> tuple[str, str]:
    # In Swedish even when a coordinator working in English sends it.
    with translation.override(settings.LANGUAGE_CODE):
        return _message_text(due)


def _message_text(due: DueReminder) -> tuple[str, str]:
    round = due.round
    link = settings.SITE_URL.rstrip("/") + reverse(
        "followup:todo", kwargs={"org_slug": round.organization.slug}
    )
    if due.kind == ReminderKind.OVERDUE:
        subject = _("Sista dagen har passerat: %(round)s") % {"round": round.name}
    else:
        subject = _("Påminnelse: rapportera senast %(date)s") % {"date": round.deadline}
    body = _(
        "Hej!\n\n%(actor)s har rapporter kvar att lämna i %(round)s. "
        "Sista dag att rapportera är %(date)s.\n\nRapportera här: %(link)s\n\n"
        "Skriv aldrig personuppgifter i rapporterna.\n\n/Handlingskraft"
    ) % {"actor": due.actor.name, "round": round.name, "date": round.deadline, "link": link}
    return subject, body


def reminder_send(due: DueReminder, today: datetime.date) -> int:
    """Record and send one reminder; 0 if it was already sent or has no recipients."""
    addresses = recipients(due.actor)
    if not addresses:
        return 0
    try:
        with transaction.atomic():
            Reminder.objects.create(
                round=due.round,
                actor=due.actor,
                kind=due.kind,
                sent_on=today,
                recipients=len(addresses),
            )
            subject, body = _message(due)
            mails = [(subject, body, None, [address]) for address in addresses]
            transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=False))
    except IntegrityError:
        return 0
    return len(addresses)


def reminders_send(*, today: datetime.date, days_before: int) -> int:
    """Send every reminder due `today`; returns the number of e-mails sent."""
    return sum(reminder_send(due, today) for due in due_reminders(today, days_before))
