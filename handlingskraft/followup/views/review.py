"""Reviewing: the reports waiting in a round, and approving or returning one."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization

from ..forms import ReviewForm
from ..models import TaskState
from ..queries import report_versions, tasks_with_subjects
from ..services import FollowUpError, current_reports, report_review
from ._common import acting_user, locked_message, refuse_locked, round_crumbs, round_of, task_of


@requires(Capability.REVIEW_REPORTS)
def review_list(request: HttpRequest, organization: Organization, round_id: int) -> HttpResponse:
    round = round_of(organization, round_id)
    submitted = round.tasks.filter(state=TaskState.SUBMITTED)
    reports = {report.task_id: report for report in current_reports(submitted)}
    rows = [(task, reports.get(task.pk)) for task in tasks_with_subjects(submitted)]
    by_state = dict(round.tasks.values_list("state").annotate(count=Count("pk")))
    return render(
        request,
        "followup/review_list.html",
        {
            "round": round,
            "rows": rows,
            "counts": [
                (value, label, by_state.get(value, 0)) for value, label in TaskState.choices
            ],
            "crumbs": round_crumbs(request, round),
        },
    )


@requires(Capability.REVIEW_REPORTS)
def task_review(
    request: HttpRequest, organization: Organization, round_id: int, task_id: int
) -> HttpResponse:
    task = task_of(organization, round_id, task_id)
    here = reverse("followup:task_review", args=[organization.slug, round_id, task_id])
    data = request.POST if request.method == "POST" else None
    if data is not None and task.round.is_locked:
        return refuse_locked(request, here)
    form = ReviewForm(data)
    if data is not None and form.is_valid():
        approve = data.get("action") == ReviewForm.APPROVE
        comment = form.cleaned_data["comment"]
        try:
            report_review(task=task, user=acting_user(request), approve=approve, comment=comment)
        except FollowUpError as error:
            # A missing comment belongs next to the comment field.
            form.add_error(None if approve or comment.strip() else "comment", str(error))
        else:
            if approve:
                messages.success(request, _("Rapporten är godkänd."))
            else:
                messages.success(request, _("Rapporten är skickad tillbaka för komplettering."))
            return redirect("followup:review_list", org_slug=organization.slug, round_id=round_id)
    versions = report_versions(task)
    return render(
        request,
        "followup/task_review.html",
        {
            "task": task,
            "round": task.round,
            "form": form,
            "current": next((v for v in reversed(versions) if not v.is_conflict), None),
            "versions": versions,
            "reviews": list(task.reviews.select_related("user")),
            "can_review": task.state == TaskState.SUBMITTED and not task.round.is_locked,
            "locked_message": locked_message() if task.round.is_locked else "",
            "crumbs": round_crumbs(request, task.round),
        },
    )
