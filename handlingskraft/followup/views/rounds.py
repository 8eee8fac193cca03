"""Rounds: the list, opening a round, its progress, reminders, locking and reopening."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.exports.services import freeze_after_approval
from handlingskraft.organizations.models import Organization

from ..forms import LockForm, ReopenForm, RoundForm
from ..models import FollowUpRound, ReminderKind, TaskState
from ..queries import SharedActivity, round_progress, shared_activities, tasks_with_subjects
from ..reminders import DueReminder, actors_waiting, reminder_send
from ..services import FollowUpError, round_lock, round_open, round_reopen
from ._common import (
    acting_user,
    has,
    organization_crumbs,
    refuse_locked,
    round_crumbs,
    round_of,
)


def _detail_url(round: FollowUpRound) -> str:
    return reverse("followup:round_detail", args=[round.organization.slug, round.pk])


@requires(Capability.VIEW_INTERNAL)
def round_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    rounds = FollowUpRound.objects.filter(organization=organization).select_related("plan")
    return render(
        request,
        "followup/round_list.html",
        {
            "organization": organization,
            "rounds": rounds,
            "can_manage": has(request, organization, Capability.MANAGE_ROUNDS),
            "crumbs": organization_crumbs(organization),
        },
    )


@requires(Capability.MANAGE_ROUNDS)
def round_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = RoundForm(
        data,
        organization=organization,
        initial=RoundForm.suggested_initial(timezone.localdate()),
    )
    if data is not None and form.is_valid():
        try:
            round = round_open(
                plan=form.cleaned_data["plan"], user=acting_user(request), data=form.round_input()
            )
        except FollowUpError as error:
            form.add_error(None, str(error))
        else:
            count = round.tasks.count()
            messages.success(
                request,
                ngettext(
                    "Omgången är öppnad med %(count)s rapporteringsuppgift.",
                    "Omgången är öppnad med %(count)s rapporteringsuppgifter.",
                    count,
                )
                % {"count": count},
            )
            return redirect(_detail_url(round))
    crumbs = [
        *organization_crumbs(organization),
        (_("Uppföljning"), reverse("followup:round_list", args=[organization.slug])),
    ]
    return render(
        request,
        "followup/round_form.html",
        {"organization": organization, "form": form, "crumbs": crumbs},
    )


def _column_labels() -> list[tuple[str, str]]:
    """The task states as the progress table's column headers, kept short."""
    short: dict[str, str] = {TaskState.RETURNED: _("Återskickad")}
    return [(value, str(short.get(value, label))) for value, label in TaskState.choices]


@requires(Capability.VIEW_INTERNAL)
def round_detail(request: HttpRequest, organization: Organization, round_id: int) -> HttpResponse:
    round = round_of(organization, round_id)
    today = timezone.localdate()
    progress = round_progress(round, today)
    totals = [sum(column) for column in zip(*(row.state_counts for row in progress), strict=True)]
    return render(
        request,
        "followup/round_detail.html",
        {
            "organization": organization,
            "round": round,
            "today": today,
            "deadline_passed": today > round.deadline,
            "progress": progress,
            "states": _column_labels(),
            "totals": totals or [0] * len(TaskState.values),
            "grand_total": sum(totals),
            "shared": shared_rows(round),
            "events": round.events.select_related("user"),
            "can_manage": has(request, organization, Capability.MANAGE_ROUNDS),
            "can_review": has(request, organization, Capability.REVIEW_REPORTS),
            "crumbs": round_crumbs(request, round)[:-1],
        },
    )


@dataclass(frozen=True)
class SharedRow:
    """An activity several actors report on, with its note ready for the page
    ("3 aktörer rapporterar, Socialnämnden leder"): a round lists many, and two
    translated sentences per row cost more in the template than the rest of it."""

    item: SharedActivity
    note: SafeString


def shared_rows(round: FollowUpRound) -> list[SharedRow]:
    """The round's shared activities (`shared_activities`) with their notes."""
    leads = _("%(lead)s leder")
    rows = []
    for item in shared_activities(round):
        note = ngettext(
            "%(counter)s aktör rapporterar", "%(counter)s aktörer rapporterar", item.reporters
        ) % {"counter": item.reporters}
        if item.lead is not None:
            note += ", " + leads % {"lead": conditional_escape(item.lead.name)}
        rows.append(SharedRow(item, mark_safe(note)))
    return rows


@requires(Capability.MANAGE_ROUNDS)
@require_POST
def round_remind(request: HttpRequest, organization: Organization, round_id: int) -> HttpResponse:
    """Remind every actor whose reports are still missing, now."""
    round = round_of(organization, round_id)
    if round.is_locked:
        return refuse_locked(request, _detail_url(round))
    today = timezone.localdate()
    actors = actors_waiting(round)
    sent = {
        actor.pk: reminder_send(DueReminder(round, actor, ReminderKind.MANUAL), today)
        for actor in actors
    }
    reminded, mails = sum(1 for n in sent.values() if n), sum(sent.values())
    if not actors:
        messages.info(request, _("Alla har rapporterat, så ingen påminnelse behövdes."))
    elif not mails:
        messages.warning(
            request,
            _(
                "Inga påminnelser skickades: aktörerna har redan påmints i dag "
                "eller saknar rapportörer med e-postadress."
            ),
        )
    else:
        messages.success(
            request,
            ngettext(
                "%(mails)s påminnelse skickades till %(actors)s av %(waiting)s aktörer.",
                "%(mails)s påminnelser skickades till %(actors)s av %(waiting)s aktörer.",
                mails,
            )
            % {"mails": mails, "actors": reminded, "waiting": len(actors)},
        )
    return redirect(_detail_url(round))


@requires(Capability.MANAGE_ROUNDS)
def round_lock_view(
    request: HttpRequest, organization: Organization, round_id: int
) -> HttpResponse:
    round = round_of(organization, round_id)
    if round.is_locked and request.method == "POST":
        messages.error(request, _("Omgången är redan godkänd och låst."))
        return redirect(_detail_url(round))
    missing = list(tasks_with_subjects(round.tasks.unfinished()))
    data = request.POST if request.method == "POST" else None
    form = LockForm(data, missing=bool(missing))
    if data is not None and form.is_valid():
        try:
            round_lock(
                round=round,
                user=acting_user(request),
                allow_missing=form.cleaned_data["allow_missing"],
            )
        except FollowUpError as error:
            form.add_error(None, str(error))
        else:
            # The approved report is generated and stored as a frozen file.
            freeze_after_approval(round=round, user=acting_user(request))
            messages.success(request, _("Omgången är godkänd och låst."))
            return redirect(_detail_url(round))
    return render(
        request,
        "followup/round_lock.html",
        {"round": round, "missing": missing, "form": form, "crumbs": round_crumbs(request, round)},
    )


@requires(Capability.MANAGE_ROUNDS)
def round_reopen_view(
    request: HttpRequest, organization: Organization, round_id: int
) -> HttpResponse:
    round = round_of(organization, round_id)
    if not round.is_locked and request.method == "POST":
        messages.error(request, _("Omgången är redan öppen."))
        return redirect(_detail_url(round))
    data = request.POST if request.method == "POST" else None
    form = ReopenForm(data)
    if data is not None and form.is_valid():
        try:
            round_reopen(round=round, user=acting_user(request), reason=form.cleaned_data["reason"])
        except FollowUpError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("Omgången är öppen igen. Skälet finns i loggen."))
            return redirect(_detail_url(round))
    return render(
        request,
        "followup/round_reopen.html",
        {
            "round": round,
            "form": form,
            "crumbs": round_crumbs(request, round),
        },
    )
