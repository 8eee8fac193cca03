"""Every state change of a follow-up round: one function each, taking the
acting user, in a transaction. Views check who may call them; these functions
check what the round's state allows."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from handlingskraft.accounts.models import User
from handlingskraft.plans.models import Activity, ActivityActor, Goal, Measure, Plan

from .models import (
    Assessment,
    AssessmentOption,
    Consolidation,
    FollowUpRound,
    ReportingTask,
    ReviewEvent,
    RoundEvent,
    RoundState,
    StatusOption,
    StatusReport,
    TaskState,
)

R = TypeVar("R")


class FollowUpError(Exception):
    """An action the round's or task's state does not allow; the message is Swedish."""


@dataclass(frozen=True)
class RoundInput:
    kind: str
    name: str
    period_start: datetime.date
    period_end: datetime.date
    opens_on: datetime.date
    deadline: datetime.date


@dataclass(frozen=True)
class ReportInput:
    status: StatusOption | None
    done: str = ""
    next_steps: str = ""
    obstacles: str = ""
    evidence_links: str = ""


class ReportConflict(FollowUpError):
    """Someone else saved the report after this user loaded it. Both versions are
    kept: `theirs` is the current report, `mine` the refused save."""

    def __init__(self, *, mine: StatusReport | Consolidation, theirs: StatusReport | Consolidation):
        super().__init__(_("Någon annan har sparat rapporten medan du skrev."))
        self.mine = mine
        self.theirs = theirs


def _ensure_open(round: FollowUpRound) -> None:
    if round.state == RoundState.LOCKED:
        raise FollowUpError(_("Omgången är godkänd och låst; inget kan ändras."))


# --- opening, locking, reopening ---------------------------------------------------


@transaction.atomic
def round_open(*, plan: Plan, user: User, data: RoundInput) -> FollowUpRound:
    """Open a round for `plan` and create its reporting tasks: one per activity
    and responsible actor, and one per responsibility."""
    if data.period_end < data.period_start:
        raise FollowUpError(_("Perioden slutar innan den börjar."))
    if data.deadline < data.opens_on:
        raise FollowUpError(_("Sista dag att rapportera ligger före öppningsdagen."))
    round = FollowUpRound.objects.create(
        organization_id=plan.organization_id, plan=plan, created_by=user, **data.__dict__
    )
    assignments = ActivityActor.objects.filter(activity__plan=plan).values_list(
        "activity_id", "actor_id"
    )
    tasks = [
        ReportingTask(round=round, activity_id=activity_id, actor_id=actor_id)
        for activity_id, actor_id in assignments
    ]
    tasks += [
        ReportingTask(round=round, responsibility_id=pk, actor_id=actor_id)
        for pk, actor_id in plan.responsibilities.values_list("pk", "actor_id")
    ]
    bulk_create_with_history(tasks, ReportingTask, batch_size=500, default_user=user)
    RoundEvent.objects.create(round=round, action=RoundEvent.Action.OPENED, user=user)
    return round


@transaction.atomic
def round_lock(*, round: FollowUpRound, user: User, allow_missing: bool = False) -> FollowUpRound:
    """Approve and lock the round. With unapproved tasks left, only when the
    coordinator chooses to close with them missing (the report says so). The
    approved statuses become the activities' current status."""
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    _ensure_open(round)
    missing = round.tasks.unfinished().exists()
    if missing and not allow_missing:
        raise FollowUpError(_("Alla rapporter är inte godkända än."))
    round.state = RoundState.LOCKED
    round.closed_with_missing = missing
    round._history_user = user  # type: ignore[attr-defined]
    round.save()
    RoundEvent.objects.create(round=round, action=RoundEvent.Action.LOCKED, user=user)
    _write_back_statuses(round)
    return round


def _write_back_statuses(round: FollowUpRound) -> None:
    """Each activity's status becomes the round's result: its consolidated
    status, or the one approved report when a single actor is responsible."""
    results: dict[int, tuple[str, str]] = {}
    for report in current_reports(
        round.tasks.filter(state=TaskState.APPROVED, activity__isnull=False)
    ):
        if report.status is not None:
            results[report.task.activity_id] = (report.status.category, report.done)  # type: ignore[index]
    for consolidation in current_consolidations(round):
        results[consolidation.activity_id] = (consolidation.status.category, consolidation.text)
    activities = Activity.objects.filter(pk__in=results)
    for activity in activities:
        activity.status, activity.status_note = results[activity.pk]
        activity.status_date = round.period_end
    Activity.objects.bulk_update(activities, ["status", "status_note", "status_date"])


@transaction.atomic
def round_publish(*, round: FollowUpRound, user: User) -> FollowUpRound:
    """Publish an approved round: its statuses may then appear on public pages
    and in the open API (once its plan version is published too)."""
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    if round.state != RoundState.LOCKED:
        raise FollowUpError(_("Bara en godkänd och låst omgång kan publiceras."))
    if round.published_at is None:
        round.published_at = timezone.now()
        round._history_user = user  # type: ignore[attr-defined]
        round.save(update_fields=["published_at"])
    return round


@transaction.atomic
def round_unpublish(*, round: FollowUpRound, user: User) -> FollowUpRound:
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    if round.published_at is not None:
        round.published_at = None
        round._history_user = user  # type: ignore[attr-defined]
        round.save(update_fields=["published_at"])
    return round


@transaction.atomic
def round_reopen(*, round: FollowUpRound, user: User, reason: str) -> FollowUpRound:
    """Reopen a locked round; the reason is required and recorded."""
    if not reason.strip():
        raise FollowUpError(_("Ange varför omgången öppnas igen."))
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    if round.state != RoundState.LOCKED:
        raise FollowUpError(_("Omgången är redan öppen."))
    round.state = RoundState.OPEN
    # What is being corrected must not stay public as if it were final.
    round.published_at = None
    round._history_user = user  # type: ignore[attr-defined]
    round.save()
    RoundEvent.objects.create(
        round=round, action=RoundEvent.Action.REOPENED, user=user, reason=reason.strip()
    )
    return round


# --- reporting -------------------------------------------------------------------


def _first_per(rows: Iterable[R], key: Callable[[R], int]) -> list[R]:
    """The first row for each key, from rows ordered newest first within each key."""
    first: dict[int, R] = {}
    for row in rows:
        first.setdefault(key(row), row)
    return list(first.values())


def current_reports(tasks: QuerySet[ReportingTask]) -> list[StatusReport]:
    """The current (latest, non-conflict) report of each task in `tasks`."""
    reports = (
        StatusReport.objects.filter(task__in=tasks, is_conflict=False)
        .select_related("status", "task", "author")
        .order_by("task_id", "-number")
    )
    return _first_per(reports, lambda report: report.task_id)


def current_report(task: ReportingTask) -> StatusReport | None:
    return task.reports.filter(is_conflict=False).order_by("-number").first()


def report_save(
    *, task: ReportingTask, user: User, data: ReportInput, based_on: int, submit: bool
) -> StatusReport:
    """Append a new version of the task's report, as a draft or submitted.
    `based_on` is the version number the user loaded; if someone saved since,
    the save is kept as a conflict and ReportConflict is raised (after the
    commit, so the refused text is not rolled back)."""
    report, latest = _report_append(
        task=task, user=user, data=data, based_on=based_on, submit=submit
    )
    if latest is not None:
        raise ReportConflict(mine=report, theirs=latest)
    return report


@transaction.atomic
def _report_append(
    *, task: ReportingTask, user: User, data: ReportInput, based_on: int, submit: bool
) -> tuple[StatusReport, StatusReport | None]:
    """Save the report; returns it and, on a conflict, the report it lost to."""
    task = ReportingTask.objects.select_for_update().select_related("round").get(pk=task.pk)
    _ensure_open(task.round)
    latest = current_report(task)
    current = latest.number if latest else 0
    # The version check comes first: whatever happened meanwhile (another save,
    # a submission), a save based on an old version is kept as a conflict.
    conflict = based_on != current
    if not conflict and task.state in {TaskState.SUBMITTED, TaskState.APPROVED}:
        raise FollowUpError(_("Rapporten är inskickad och kan inte ändras just nu."))
    if not conflict and submit and data.status is None:
        raise FollowUpError(_("Välj en status innan du skickar in."))
    report = StatusReport(
        task=task,
        number=current + 1,
        author=user,
        submitted=submit,
        is_conflict=conflict,
        **data.__dict__,
    )
    report.save()
    if report.is_conflict:
        return report, latest
    task.state = TaskState.SUBMITTED if submit else TaskState.DRAFT
    task._history_user = user  # type: ignore[attr-defined]
    task.save(update_fields=["state"])
    return report, None


@transaction.atomic
def report_review(*, task: ReportingTask, user: User, approve: bool, comment: str = "") -> None:
    """Approve a submitted report, or return it for completion with a comment."""
    task = ReportingTask.objects.select_for_update().select_related("round").get(pk=task.pk)
    _ensure_open(task.round)
    if task.state != TaskState.SUBMITTED:
        raise FollowUpError(_("Bara inskickade rapporter kan granskas."))
    if not approve and not comment.strip():
        raise FollowUpError(_("Skriv vad som behöver kompletteras."))
    action = ReviewEvent.Action.APPROVED if approve else ReviewEvent.Action.RETURNED
    ReviewEvent.objects.create(task=task, action=action, comment=comment.strip(), user=user)
    task.state = TaskState.APPROVED if approve else TaskState.RETURNED
    task._history_user = user  # type: ignore[attr-defined]
    task.save(update_fields=["state"])


# --- consolidation and analysis ------------------------------------------------------


def current_consolidations(round: FollowUpRound) -> list[Consolidation]:
    rows = (
        Consolidation.objects.filter(round=round, is_conflict=False)
        .select_related("status")
        .order_by("activity_id", "-number")
    )
    return _first_per(rows, lambda row: row.activity_id)


def consolidation_save(
    *,
    round: FollowUpRound,
    activity: Activity,
    user: User,
    status: StatusOption,
    text: str,
    based_on: int,
) -> Consolidation:
    """Append the activity's consolidated status for the round (version check as
    for reports: a lost race is kept and raised as ReportConflict)."""
    row, latest = _consolidation_append(
        round=round, activity=activity, user=user, status=status, text=text, based_on=based_on
    )
    if latest is not None:
        raise ReportConflict(mine=row, theirs=latest)
    return row


@transaction.atomic
def _consolidation_append(
    *,
    round: FollowUpRound,
    activity: Activity,
    user: User,
    status: StatusOption,
    text: str,
    based_on: int,
) -> tuple[Consolidation, Consolidation | None]:
    round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
    _ensure_open(round)
    if activity.plan_id != round.plan_id:
        raise FollowUpError(_("Aktiviteten hör inte till omgångens plan."))
    latest = (
        Consolidation.objects.filter(round=round, activity=activity, is_conflict=False)
        .order_by("-number")
        .first()
    )
    current = latest.number if latest else 0
    row = Consolidation.objects.create(
        round=round,
        activity=activity,
        number=current + 1,
        status=status,
        text=text,
        author=user,
        is_conflict=based_on != current,
    )
    return row, latest if row.is_conflict else None


@transaction.atomic
def assessment_save(
    *,
    round: FollowUpRound,
    user: User,
    subject: Goal | Measure,
    option: AssessmentOption | None,
    analysis: str,
) -> Assessment:
    """Write (or rewrite) the assessment and analysis of a goal or a measure."""
    _ensure_open(round)
    key: dict[str, Goal | Measure] = (
        {"goal": subject} if isinstance(subject, Goal) else {"measure": subject}
    )
    assessment = Assessment.objects.filter(round=round, **key).first() or Assessment(
        round=round, **key
    )
    assessment.option = option
    assessment.analysis = analysis
    assessment._history_user = user  # type: ignore[attr-defined]
    assessment.save()
    return assessment
