"""Reporting: an actor's counts for one period in a form, its conflict page,
and the read-only report with its history once submitted or approved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, may_report_for, requires
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period

from ..forms import ValuesForm
from ..models import DataElement, DataSet, ValueState
from ..queries import Version, current_version, report_versions, reported_totals
from ..services import StatisticsError, ValuesConflict, reporting_elements, values_save
from ._common import (
    acting_user,
    actor_of,
    data_set_crumbs,
    data_set_of,
    has,
    period_of,
    report_url,
)
from ._presenting import ElementValues, element_values


@dataclass
class Report:
    """One actor's report for one period, as the report pages show it."""

    data_set: DataSet
    actor: Actor
    period: Period
    elements: list[DataElement]
    versions: list[Version]
    previous_totals: dict[int, int]

    @property
    def current(self) -> Version | None:
        return current_version(self.versions)

    @property
    def state(self) -> str:
        return self.current.state if self.current else ""

    @property
    def number(self) -> int:
        return self.current.number if self.current else 0

    @property
    def previous_period(self) -> Period:
        return self.data_set.previous_period(self.period)

    def url(self, name: str) -> str:
        return report_url(name, self.data_set, self.actor.pk, self.period)

    def values_form(
        self, data: Any = None, *, initial: dict[str, Any] | None = None, **options: bool
    ) -> ValuesForm:
        """The form for the report's counts (`submitting`, `correction` as options)."""
        return ValuesForm(
            data,
            initial=initial,
            elements=self.elements,
            previous_totals=self.previous_totals,
            previous_period=self.previous_period,
            **options,
        )

    @property
    def report_url(self) -> str:
        return self.url("report")

    @property
    def current_values(self) -> list[ElementValues]:
        current = self.current
        return element_values(self.elements, current) if current else []

    @property
    def history(self) -> list[tuple[Version, list[ElementValues]]]:
        """Every version with its values, newest first."""
        return [
            (version, element_values(self.elements, version)) for version in reversed(self.versions)
        ]

    @property
    def returned_because(self) -> str:
        """The coordinator's comment if the report was returned for completion."""
        current = self.current
        if current and current.state == ValueState.DRAFT and current.reason:
            return current.reason
        return ""


def load_report(organization: Organization, data_set_id: int, actor_id: int, period: str) -> Report:
    """The report named in the address (404 for anything not the organisation's)."""
    data_set = data_set_of(organization, data_set_id)
    actor = actor_of(organization, actor_id)
    the_period = period_of(data_set, period)
    return Report(
        data_set=data_set,
        actor=actor,
        period=the_period,
        elements=reporting_elements(data_set, actor),
        versions=report_versions(data_set, actor, the_period),
        previous_totals=reported_totals(data_set, actor, data_set.previous_period(the_period)),
    )


def report_context(request: HttpRequest, report: Report) -> dict[str, object]:
    return {
        "organization": report.data_set.organization,
        "report": report,
        "data_set": report.data_set,
        "crumbs": data_set_crumbs(report.data_set),
    }


@requires(Capability.REPORT)
def report(
    request: HttpRequest, organization: Organization, data_set_id: int, actor_id: int, period: str
) -> HttpResponse:
    the_report = load_report(organization, data_set_id, actor_id, period)
    if not may_report_for(request.user, organization, the_report.actor.pk):
        raise PermissionDenied(_("Du kan bara rapportera för din egen aktör."))
    if not the_report.elements:
        return render(request, "statistics/report_view.html", report_context(request, the_report))
    if the_report.state in {ValueState.SUBMITTED, ValueState.APPROVED}:
        if request.method == "POST":
            messages.error(request, _("Rapporten är inskickad och kan inte ändras just nu."))
            return redirect(the_report.url("report"))
        return _read_only(request, the_report)
    if request.method != "POST":
        current = the_report.current
        initial = ValuesForm.initial_from(current.entries() if current else {}, the_report.number)
        form = the_report.values_form(initial=initial)
        return _form_page(request, the_report, form)
    submitting = request.POST.get("action") == ValuesForm.SUBMIT
    form = the_report.values_form(request.POST, submitting=submitting)
    if form.is_valid():
        try:
            values_save(
                data_set=the_report.data_set,
                actor=the_report.actor,
                period=the_report.period,
                user=acting_user(request),
                entries=form.entries(),
                based_on=form.based_on_number,
                submit=submitting,
            )
        except ValuesConflict as conflict:
            return conflict_page(request, the_report, conflict, correction=False)
        except StatisticsError as error:
            form.add_error(None, str(error))
        else:
            if submitting:
                messages.success(request, _("Rapporten är inskickad. Tack!"))
            else:
                messages.success(request, _("Utkastet är sparat. Du kan fortsätta senare."))
            return redirect(the_report.url("report"))
    return _form_page(request, the_report, form)


def _form_page(request: HttpRequest, report: Report, form: ValuesForm) -> HttpResponse:
    context = {**report_context(request, report), "form": form}
    return render(request, "statistics/report_form.html", context)


# After a conflict the figures can be saved again from these states (the
# other save's): a draft or nothing for a report, approved for a correction.
_STATES_TO_SAVE_AGAIN_FROM: dict[bool, set[str]] = {
    False: {"", ValueState.DRAFT},
    True: {ValueState.APPROVED},
}


def conflict_page(
    request: HttpRequest, report: Report, conflict: ValuesConflict, *, correction: bool
) -> HttpResponse:
    """Both versions side by side and a form holding the user's figures, now
    based on the other version, so that saving again is a deliberate choice."""
    # The page shows the report as it is now, with the refused save among its versions.
    report.versions = report_versions(report.data_set, report.actor, report.period)
    theirs = conflict.theirs
    form = report.values_form(
        initial={
            **ValuesForm.initial_from(conflict.mine.entries(), theirs.number if theirs else 0),
            "reason": conflict.mine.reason,
        },
        correction=correction,
    )
    context = {
        **report_context(request, report),
        "form": form,
        "theirs": theirs,
        "mine": conflict.mine,
        "mine_values": element_values(report.elements, conflict.mine),
        "message": str(conflict),
        "action": report.url("correct" if correction else "report"),
        "correction": correction,
        "may_save_again": report.state in _STATES_TO_SAVE_AGAIN_FROM[correction],
    }
    return render(request, "statistics/report_conflict.html", context, status=409)


def _read_only(request: HttpRequest, report: Report) -> HttpResponse:
    context = {
        **report_context(request, report),
        "can_correct": report.state == ValueState.APPROVED
        and has(request, report.data_set.organization, Capability.MANAGE_ROUNDS),
    }
    return render(request, "statistics/report_view.html", context)
