"""Consolidation: one activity's reports from its co-responsible actors side by
side, and the lead actor's (or the coordinator's) consolidated status."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, may_consolidate, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Activity

from ..forms import ConsolidationForm
from ..models import Consolidation, FollowUpRound
from ..queries import tasks_with_subjects
from ..services import FollowUpError, ReportConflict, consolidation_save, current_reports
from ._common import acting_user, has, locked_message, refuse_locked, round_crumbs, round_of


@requires(Capability.VIEW_PLAN)
def consolidate(
    request: HttpRequest, organization: Organization, round_id: int, activity_id: int
) -> HttpResponse:
    """Readable for internal readers and for those who may consolidate (the lead
    actor's reporters see the other actors' reports here to write the summary)."""
    round = round_of(organization, round_id)
    activity = get_object_or_404(
        Activity.objects.select_related("goal").prefetch_related("assignments__actor"),
        pk=activity_id,
        plan_id=round.plan_id,
    )
    lead = activity.lead
    may_write = may_consolidate(request.user, organization, lead.pk if lead else None)
    if not may_write and not has(request, organization, Capability.VIEW_INTERNAL):
        raise PermissionDenied(_("Bara den ansvariga aktören och samordnaren ser den här sidan."))
    tasks = round.tasks.filter(activity=activity)
    reports = {report.task_id: report for report in current_reports(tasks)}
    rows = [(task, reports.get(task.pk)) for task in tasks_with_subjects(tasks)]
    if not rows:
        raise Http404(_("Aktiviteten följs inte upp i den här omgången."))
    here = reverse("followup:consolidate", args=[organization.slug, round.pk, activity.pk])
    current = (
        Consolidation.objects.filter(round=round, activity=activity, is_conflict=False)
        .select_related("status", "author")
        .order_by("-number")
        .first()
    )
    editable = may_write and not round.is_locked
    conflict: ReportConflict | None = None
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(
                _("Bara den ansvariga aktören och samordnaren kan sammanställa.")
            )
        if round.is_locked:
            return refuse_locked(request, here)
        saved, form, conflict = _save(request, organization, round, activity)
        if saved:
            messages.success(request, _("Den samlade statusen är sparad."))
            return redirect(here)
    else:
        number = current.number if current else 0
        form = ConsolidationForm(
            initial=ConsolidationForm.initial_from(current, number), organization=organization
        )
    return render(
        request,
        "followup/consolidate.html",
        {
            "round": round,
            "activity": activity,
            "lead": lead,
            "rows": rows,
            "current": current,
            "form": form,
            "editable": editable,
            "conflict": conflict,
            "locked_message": locked_message() if round.is_locked else "",
            "crumbs": round_crumbs(request, round),
        },
        status=409 if conflict else 200,
    )


def _save(
    request: HttpRequest, organization: Organization, round: FollowUpRound, activity: Activity
) -> tuple[bool, ConsolidationForm, ReportConflict | None]:
    """Save the posted consolidated status. On a conflict the form returned
    holds the user's text, now based on the version it lost to."""
    form = ConsolidationForm(request.POST, organization=organization)
    if not form.is_valid():
        return False, form, None
    try:
        consolidation_save(
            round=round,
            activity=activity,
            user=acting_user(request),
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            based_on=form.based_on_number,
        )
    except ReportConflict as conflict:
        mine = conflict.mine
        assert isinstance(mine, Consolidation)
        initial = ConsolidationForm.initial_from(mine, conflict.theirs.number)
        return False, ConsolidationForm(initial=initial, organization=organization), conflict
    except FollowUpError as error:
        form.add_error(None, str(error))
        return False, form, None
    return True, form, None
