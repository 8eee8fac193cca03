"""With a token: follow-up rounds, reporting tasks and status reports, and
writing a report. The same services, forms and permission rules as the report
pages: a reporter reads and writes only their own actor's tasks (another
actor's task is a 403, another organisation's a 404), and a save based on an
old version is kept as a conflict and answered with 409 and both versions."""

from __future__ import annotations

from django.db.models import Max
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from handlingskraft.accounts.permissions import Capability, may_report_for
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.forms import ReportForm
from handlingskraft.followup.models import FollowUpRound, ReportingTask, StatusReport
from handlingskraft.followup.queries import report_versions
from handlingskraft.followup.services import (
    FollowUpError,
    ReportConflict,
    current_report,
    report_save,
)

from ..auth import Caller, caller_of
from ..errors import Conflict, Forbidden, Unprocessable, invalid
from ..representations import (
    Row,
    actor_row,
    paged,
    paged_list,
    report_row,
    round_row,
    rounds_for_rows,
)
from ..schemas import (
    Id,
    InternalRoundFilters,
    InternalRoundOut,
    InternalRoundPage,
    PageParams,
    ReportConflictOut,
    ReportIn,
    ReportOut,
    ReportPage,
    StatusOptionPage,
    TaskDetailOut,
    TaskFilters,
    TaskPage,
)
from .common import token_responses

router = Router(tags=["Med nyckel: uppföljning"])


@router.get(
    "/status-options",
    response=token_responses(StatusOptionPage),
    summary="Organisationens statusalternativ (för rapporter)",
)
def internal_status_option_list(request: HttpRequest, params: Query[PageParams]) -> Row:
    caller = caller_of(request)
    caller.require(Capability.VIEW_PLAN)
    options = sorted(status_options(caller.organization), key=lambda o: (o.position, o.pk))
    rows, page = paged_list(options, params)
    items = [
        {"id": o.pk, "label": o.label, "status": o.category, "position": o.position} for o in rows
    ]
    return {**page, "items": items}


def internal_round_row(round: FollowUpRound) -> Row:
    return {
        **round_row(round),
        "state": round.state,
        "opens_on": round.opens_on,
        "deadline": round.deadline,
    }


@router.get(
    "/rounds", response=token_responses(InternalRoundPage), summary="Alla uppföljningsomgångar"
)
def internal_round_list(request: HttpRequest, filters: Query[InternalRoundFilters]) -> Row:
    caller = caller_of(request)
    caller.require(Capability.VIEW_INTERNAL)
    rounds = FollowUpRound.objects.filter(organization=caller.organization)
    if filters.plan:
        rounds = rounds.filter(plan_id=filters.plan)
    if filters.state:
        rounds = rounds.filter(state=filters.state)
    rows, page = paged(rounds_for_rows(rounds), filters)
    return {**page, "items": [internal_round_row(round) for round in rows]}


@router.get(
    "/rounds/{round_id}",
    response=token_responses(InternalRoundOut, 404),
    summary="En uppföljningsomgång",
)
def internal_round_detail(request: HttpRequest, round_id: Id) -> Row:
    caller = caller_of(request)
    caller.require(Capability.VIEW_INTERNAL)
    round = get_object_or_404(
        FollowUpRound.objects.select_related("organization", "plan"),
        pk=round_id,
        organization=caller.organization,
    )
    return internal_round_row(round)


# --- tasks and reports -------------------------------------------------------------------


def _sees_every_task(caller: Caller) -> bool:
    return caller.has(Capability.VIEW_INTERNAL) or caller.has(Capability.REPORT_FOR_ANY_ACTOR)


def _task(caller: Caller, task_id: int) -> ReportingTask:
    """The organisation's task (404 otherwise), if the caller may read it:
    internal readers every task, reporters their own actor's (403 otherwise)."""
    if not (caller.has(Capability.REPORT) or caller.has(Capability.VIEW_INTERNAL)):
        raise Forbidden(_("Din roll ger inte behörighet till det här."))
    task = get_object_or_404(
        ReportingTask.objects.select_related("round", "actor", "activity", "responsibility"),
        pk=task_id,
        round__organization=caller.organization,
    )
    if not _sees_every_task(caller) and not may_report_for(
        caller.user, caller.organization, task.actor_id
    ):
        raise Forbidden(_("Du kan bara läsa och rapportera för din egen aktör."))
    return task


def _subject(task: ReportingTask) -> str:
    if task.activity is not None:
        return task.activity.description
    if task.responsibility is not None:
        return task.responsibility.title or task.responsibility.text
    return ""


def task_row(task: ReportingTask, numbers: dict[int, int]) -> Row:
    """Needs `actor`, `activity` and `responsibility` loaded."""
    return {
        "id": task.pk,
        "round_id": task.round_id,
        "actor": actor_row(task.actor),
        "activity_id": task.activity_id,
        "responsibility_id": task.responsibility_id,
        "subject": _subject(task),
        "state": task.state,
        "report_number": numbers.get(task.pk, 0),
    }


def _report_numbers(task_ids: list[int]) -> dict[int, int]:
    """The current report version of each task, in one query."""
    rows = (
        StatusReport.objects.filter(task_id__in=task_ids, is_conflict=False)
        # Without the default ordering (by task, then round and actor), which
        # would join every task of every organisation into the grouping.
        .order_by()
        .values("task_id")
        .annotate(current=Max("number"))
        .values_list("task_id", "current")
    )
    return dict(rows)


@router.get(
    "/tasks",
    response=token_responses(TaskPage),
    summary="Rapporteringsuppgifter (rapportörer ser sin egen aktörs)",
)
def internal_task_list(request: HttpRequest, filters: Query[TaskFilters]) -> Row:
    caller = caller_of(request)
    if not (caller.has(Capability.REPORT) or caller.has(Capability.VIEW_INTERNAL)):
        raise Forbidden(_("Din roll ger inte behörighet till det här."))
    tasks = ReportingTask.objects.filter(round__organization=caller.organization)
    if not _sees_every_task(caller):
        membership = caller.membership
        actor_id = membership.actor_id if membership else None
        tasks = tasks.filter(actor_id=actor_id) if actor_id else tasks.none()
    if filters.round:
        tasks = tasks.filter(round_id=filters.round)
    if filters.actor:
        tasks = tasks.filter(actor_id=filters.actor)
    if filters.state:
        tasks = tasks.filter(state=filters.state)
    ordered = tasks.select_related("actor", "activity", "responsibility").order_by(
        "-round__period_end", "round_id", "actor__name", "pk"
    )
    rows, page = paged(ordered, filters)
    numbers = _report_numbers([task.pk for task in rows])
    return {**page, "items": [task_row(task, numbers) for task in rows]}


@router.get(
    "/tasks/{task_id}",
    response=token_responses(TaskDetailOut, 404),
    summary="En uppgift med den aktuella rapporten",
)
def internal_task_detail(request: HttpRequest, task_id: Id) -> Row:
    task = _task(caller_of(request), task_id)
    current = current_report(task)
    numbers = {task.pk: current.number} if current else {}
    return {
        **task_row(task, numbers),
        "current_report": report_row(current) if current else None,
    }


@router.get(
    "/tasks/{task_id}/reports",
    response=token_responses(ReportPage, 404),
    summary="Alla sparade versioner av uppgiftens rapport, konflikter med",
)
def internal_report_list(request: HttpRequest, task_id: Id, params: Query[PageParams]) -> Row:
    task = _task(caller_of(request), task_id)
    rows, page = paged_list(report_versions(task), params)
    return {**page, "items": [report_row(report) for report in rows]}


@router.post(
    "/tasks/{task_id}/reports",
    response=token_responses(ReportOut, 404, status=201, conflict=ReportConflictOut),
    summary="Spara eller skicka in en statusrapport",
)
def internal_report_create(request: HttpRequest, task_id: Id, data: ReportIn) -> Status[Row]:
    caller = caller_of(request)
    task = _task(caller, task_id)
    caller.require_writing(Capability.REPORT)
    if not may_report_for(caller.user, caller.organization, task.actor_id):
        raise Forbidden(_("Du kan bara rapportera för din egen aktör."))
    form = ReportForm(
        {
            "status": "" if data.status is None else str(data.status),
            "done": data.done,
            "next_steps": data.next_steps,
            "obstacles": data.obstacles,
            "evidence_links": data.evidence_links,
            "based_on": str(data.based_on),
        },
        organization=caller.organization,
        submitting=data.submit,
    )
    if not form.is_valid():
        raise invalid(form)
    try:
        report = report_save(
            task=task,
            user=caller.user,
            data=form.report_input(),
            based_on=form.based_on_number,
            submit=data.submit,
        )
    except ReportConflict as conflict:
        mine, theirs = conflict.mine, conflict.theirs
        assert isinstance(mine, StatusReport) and isinstance(theirs, StatusReport)
        raise Conflict(
            str(conflict), extra={"mine": report_row(mine), "theirs": report_row(theirs)}
        ) from None
    except FollowUpError as error:
        raise Unprocessable(str(error)) from None
    return Status(201, report_row(report))
