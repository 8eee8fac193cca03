"""Entering a measure's value for a period by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, may_enter_values, requires
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.organizations.models import Organization

from ..forms import ValueForm
from ..overview import unit_text
from ..queries import measure_of, value_reporting_actor_ids
from ..services import IndicatorError, value_record
from ._common import acting_user, measure_crumbs, measure_url


@requires(Capability.VIEW_PLAN)
def value_create(request: HttpRequest, organization: Organization, measure_id: int) -> HttpResponse:
    """For the coordinator, and, while a follow-up round of the plan is open,
    for the reporters of the actors responsible for the measure's activities."""
    measure = measure_of(organization, measure_id)
    actors = value_reporting_actor_ids(measure)
    if not may_enter_values(request.user, organization, reporting_actor_ids=actors):
        raise PermissionDenied(
            _(
                "Värden för måttet förs in av samordnaren, och av de ansvariga aktörerna "
                "medan en uppföljningsomgång av planen är öppen."
            )
        )
    form = ValueForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        try:
            value = value_record(
                measure=measure, user=acting_user(request), data=form.value_input()
            )
        except IndicatorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Värdet %(value)s för %(period)s är sparat.")
                % {"value": format_decimal(value.value), "period": value.period.label},
            )
            return redirect(measure_url(measure))
    return render(
        request,
        "indicators/value_form.html",
        {
            "organization": organization,
            "measure": measure,
            "form": form,
            "unit": unit_text(measure),
            "crumbs": measure_crumbs(measure),
        },
    )
