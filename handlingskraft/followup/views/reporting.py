"""Reporting: the list of one's tasks ("Att rapportera") and the report form,
with its conflict page and its read-only view once submitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import (
    Capability,
    may_report_for,
    membership_of,
    requires,
)
from handlingskraft.organizations.models import Actor, Organization

from ..forms import ReportForm
from ..models import FollowUpRound, ReportingTask, RoundState, StatusReport, TaskState
from ..queries import consolidation_links, previous_report, report_versions, tasks_with_subjects
from ..services import FollowUpError, ReportConflict, current_report, report_save
from ._common import (
    acting_user,
    has,
    locked_message,
    organization_crumbs,
    refuse_locked,
    round_crumbs,
    task_of,
)

EDITABLE_STATES = {TaskState.NOT_STARTED, TaskState.DRAFT, TaskState.RETURNED}


@dataclass
class ActorTasks:
    actor: Actor
    rows: list[tuple[ReportingTask, bool]] = field(default_factory=list)


@dataclass
class RoundTasks:
    round: FollowUpRound
    actors: list[ActorTasks] = field(default_factory=list)


def _my_tasks(
    request: HttpRequest, organization: Organization, any_actor: bool
) -> list[ReportingTask]:
    tasks = ReportingTask.objects.filter(
        round__organization=organization, round__state=RoundState.OPEN
    )
    if not any_actor:
        membership = membership_of(request.user, organization)
        actor_id = membership.actor_id if membership else None
        tasks = tasks.filter(actor_id=actor_id) if actor_id else tasks.none()
    return list(tasks_with_subjects(tasks))


def _grouped(tasks: list[ReportingTask], consolidate: set[tuple[int, int]]) -> list[RoundTasks]:
    """Tasks by round, then by actor (the query has ordered them so)."""
    groups = []
    for _round_id, in_round in groupby(tasks, key=lambda task: task.round_id):
        in_round_list = list(in_round)
        group = RoundTasks(round=in_round_list[0].round)
        for _actor_id, of_actor in groupby(in_round_list, key=lambda task: task.actor_id):
            of_actor_list = list(of_actor)
            group.actors.append(
                ActorTasks(
                    actor=of_actor_list[0].actor,
                    rows=[
                        (task, (task.round_id, task.activity_id) in consolidate)
                        for task in of_actor_list
                    ],
                )
            )
        groups.append(group)
    return groups


@requires(Capability.REPORT)
def todo(request: HttpRequest, organization: Organization) -> HttpResponse:
    any_actor = has(request, organization, Capability.REPORT_FOR_ANY_ACTOR)
    tasks = _my_tasks(request, organization, any_actor)
    waiting = sum(1 for task in tasks if task.state in EDITABLE_STATES)
    return render(
        request,
        "followup/todo.html",
        {
            "organization": organization,
            "groups": _grouped(tasks, consolidation_links(tasks, any_actor)),
            "any_actor": any_actor,
            "waiting": waiting,
            "crumbs": organization_crumbs(organization),
        },
    )


def _task_url(task: ReportingTask) -> str:
    return reverse(
        "followup:task_report", args=[task.round.organization.slug, task.round_id, task.pk]
    )


def _page_context(request: HttpRequest, task: ReportingTask) -> dict[str, object]:
    """What every version of the report page shows around the form."""
    return {
        "task": task,
        "round": task.round,
        "reviews": list(task.reviews.select_related("user")),
        "previous": previous_report(task),
        "crumbs": round_crumbs(request, task.round),
    }


@requires(Capability.REPORT)
def task_report(
    request: HttpRequest, organization: Organization, round_id: int, task_id: int
) -> HttpResponse:
    task = task_of(organization, round_id, task_id)
    if not may_report_for(request.user, organization, task.actor_id):
        raise PermissionDenied(_("Du kan bara rapportera för din egen aktör."))
    if task.round.is_locked or task.state not in EDITABLE_STATES:
        if request.method == "POST":
            if task.round.is_locked:
                return refuse_locked(request, _task_url(task))
            messages.error(request, _("Rapporten är inskickad och kan inte ändras just nu."))
            return redirect(_task_url(task))
        return _read_only(request, task)
    current = current_report(task)
    if request.method != "POST":
        number = current.number if current else 0
        form = ReportForm(
            initial=ReportForm.initial_from(current, number), organization=organization
        )
        return _form_page(request, task, form, current)
    submitting = request.POST.get("action") == ReportForm.SUBMIT
    form = ReportForm(request.POST, organization=organization, submitting=submitting)
    if form.is_valid():
        try:
            report_save(
                task=task,
                user=acting_user(request),
                data=form.report_input(),
                based_on=form.based_on_number,
                submit=submitting,
            )
        except ReportConflict as conflict:
            return _conflict_page(request, task, conflict, organization)
        except FollowUpError as error:
            form.add_error(None, str(error))
        else:
            if submitting:
                messages.success(request, _("Rapporten är inskickad. Tack!"))
            else:
                messages.success(request, _("Utkastet är sparat. Du kan fortsätta senare."))
            return redirect(_task_url(task))
    return _form_page(request, task, form, current)


def _form_page(
    request: HttpRequest, task: ReportingTask, form: ReportForm, current: StatusReport | None
) -> HttpResponse:
    context = {**_page_context(request, task), "form": form, "current": current}
    return render(request, "followup/task_report.html", context)


def _conflict_page(
    request: HttpRequest,
    task: ReportingTask,
    conflict: ReportConflict,
    organization: Organization,
) -> HttpResponse:
    """Both texts side by side and a form holding the user's, now based on the
    other version, so that saving again merges instead of overwriting."""
    theirs, mine = conflict.theirs, conflict.mine
    assert isinstance(theirs, StatusReport) and isinstance(mine, StatusReport)
    form = ReportForm(
        initial=ReportForm.initial_from(mine, theirs.number), organization=organization
    )
    context = {
        **_page_context(request, task),
        "form": form,
        "theirs": theirs,
        "mine": mine,
        "message": str(conflict),
    }
    return render(request, "followup/report_conflict.html", context, status=409)


def _read_only(request: HttpRequest, task: ReportingTask) -> HttpResponse:
    versions = report_versions(task)
    current = next((v for v in reversed(versions) if not v.is_conflict), None)
    context = {
        **_page_context(request, task),
        "current": current,
        "versions": versions,
        "locked_message": locked_message() if task.round.is_locked else "",
    }
    return render(request, "followup/report_view.html", context)
