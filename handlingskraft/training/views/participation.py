"""Reporting participation: for one training and one actor, how many of each
professional group took part each year, out of how many staff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handlingskraft.accounts.permissions import Capability, may_report_for, requires
from handlingskraft.organizations.models import Organization, Unit

from .. import defaults
from ..forms import ParticipationFormSet
from ..models import Participation
from ..queries import actor_of, training_of
from ..services import (
    ParticipationConflict,
    TrainingError,
    participation_rows,
    participation_save,
    participation_version,
)
from ._common import acting_user, training_crumbs


def _initial(rows: list[Participation]) -> list[dict[str, Any]]:
    return [
        {
            "year": row.year,
            "unit": row.unit,
            "group": row.group,
            "participants": row.participants,
            "staff": row.staff,
        }
        for row in rows
    ]


@requires(Capability.REPORT)
def participation_edit(
    request: HttpRequest, organization: Organization, training_id: int, actor_id: int
) -> HttpResponse:
    """The actor's rows for the training: existing rows can be changed or
    removed, blank rows filled in. A save based on figures someone else has
    changed since is refused and the current figures are shown."""
    training = training_of(organization, training_id)
    actor = actor_of(organization, actor_id)
    if not may_report_for(request.user, organization, actor.pk):
        raise PermissionDenied(_("Du kan bara rapportera deltagande för din egen aktör."))
    detail_url = reverse("training:training_detail", args=[organization.slug, training.pk])
    rows = participation_rows(training, actor)
    form_kwargs = {
        "units": list(Unit.objects.filter(actor=actor).order_by("name")),
        "groups": list(defaults.groups(organization)),
    }
    data = request.POST if request.method == "POST" else None
    formset = ParticipationFormSet(
        data, initial=_initial(rows), prefix="rad", form_kwargs=form_kwargs
    )
    error = None
    if data is not None and formset.is_valid():
        try:
            changed = participation_save(
                training=training,
                actor=actor,
                user=acting_user(request),
                rows=formset.rows(),
                based_on=str(data.get("based_on", "")),
            )
        except ParticipationConflict as conflict:
            error = str(conflict)
            rows = participation_rows(training, actor)
            formset = ParticipationFormSet(
                initial=_initial(rows), prefix="rad", form_kwargs=form_kwargs
            )
        except TrainingError as problem:
            error = str(problem)
        else:
            messages.success(
                request,
                ngettext(
                    "Deltagandet är sparat (%(count)s rad ändrad).",
                    "Deltagandet är sparat (%(count)s rader ändrade).",
                    changed,
                )
                % {"count": changed},
            )
            return redirect(detail_url)
    return render(
        request,
        "training/participation_form.html",
        {
            "organization": organization,
            "training": training,
            "actor": actor,
            "formset": formset,
            "version": participation_version(rows),
            "error": error,
            "crumbs": [*training_crumbs(organization), (training.title, detail_url)],
        },
    )
