"""The coordinator's side of reporting: every report of a data set and its
state, approving or returning a submitted report, and correcting an approved
one with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Actor, Organization

from ..forms import ReviewForm, ValuesForm
from ..models import ValueState
from ..queries import report_states
from ..services import StatisticsError, ValuesConflict, values_correct, values_review
from ._common import acting_user, data_set_crumbs, data_set_of, report_url
from .reporting import Report, conflict_page, load_report, report_context


@requires(Capability.MANAGE_ROUNDS)
def review_list(request: HttpRequest, organization: Organization, data_set_id: int) -> HttpResponse:
    data_set = data_set_of(organization, data_set_id)
    actors = list(
        Actor.objects.filter(data_elements__data_set=data_set).distinct().order_by("name")
    )
    states = report_states(data_set)
    periods = data_set.periods(timezone.localdate())
    labels = dict(ValueState.choices)
    rows = [
        {
            "period": period,
            "actor": actor,
            "state": states.get((actor.pk, period), ""),
            "state_label": labels.get(states.get((actor.pk, period), ""), ""),
            "url": report_url(
                "review" if states.get((actor.pk, period)) else "report",
                data_set,
                actor.pk,
                period,
            ),
        }
        for period in periods
        for actor in actors
    ]
    waiting = [row for row in rows if row["state"] == ValueState.SUBMITTED]
    return render(
        request,
        "statistics/review_list.html",
        {
            "organization": organization,
            "data_set": data_set,
            "waiting": waiting,
            "rows": rows,
            "crumbs": data_set_crumbs(data_set),
        },
    )


@requires(Capability.MANAGE_ROUNDS)
def review(
    request: HttpRequest, organization: Organization, data_set_id: int, actor_id: int, period: str
) -> HttpResponse:
    the_report = load_report(organization, data_set_id, actor_id, period)
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data)
    if data is not None and form.is_valid():
        approve = data.get("action") == ReviewForm.APPROVE
        comment = form.cleaned_data["comment"]
        try:
            values_review(
                data_set=the_report.data_set,
                actor=the_report.actor,
                period=the_report.period,
                user=acting_user(request),
                approve=approve,
                comment=comment,
            )
        except StatisticsError as error:
            # A missing comment belongs next to the comment field.
            form.add_error(None if approve or comment.strip() else "comment", str(error))
        else:
            if approve:
                messages.success(request, _("Rapporten är godkänd och låst."))
            else:
                messages.success(request, _("Rapporten är skickad tillbaka för komplettering."))
            return redirect(
                "statistics:review_list",
                org_slug=organization.slug,
                data_set_id=the_report.data_set.pk,
            )
    context = {
        **report_context(request, the_report),
        "form": form,
        "can_review": the_report.state == ValueState.SUBMITTED,
    }
    return render(request, "statistics/review.html", context)


@requires(Capability.MANAGE_ROUNDS)
def correct(
    request: HttpRequest, organization: Organization, data_set_id: int, actor_id: int, period: str
) -> HttpResponse:
    the_report = load_report(organization, data_set_id, actor_id, period)
    if the_report.state != ValueState.APPROVED:
        messages.error(request, _("Bara godkända rapporter rättas; andra ändras i formuläret."))
        return redirect(the_report.url("review" if the_report.state else "report"))
    if request.method != "POST":
        current = the_report.current
        assert current is not None
        form = the_report.values_form(
            initial=ValuesForm.initial_from(current.entries(), current.number), correction=True
        )
        return _correction_page(request, the_report, form)
    form = the_report.values_form(request.POST, correction=True)
    if form.is_valid():
        try:
            values_correct(
                data_set=the_report.data_set,
                actor=the_report.actor,
                period=the_report.period,
                user=acting_user(request),
                entries=form.entries(),
                reason=form.reason_text,
                based_on=form.based_on_number,
            )
        except ValuesConflict as conflict:
            return conflict_page(request, the_report, conflict, correction=True)
        except StatisticsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Rättelsen är sparad och syns i historiken."))
            return redirect(the_report.url("review"))
    return _correction_page(request, the_report, form)


def _correction_page(request: HttpRequest, report: Report, form: ValuesForm) -> HttpResponse:
    context = {**report_context(request, report), "form": form}
    return render(request, "statistics/correct.html", context)
