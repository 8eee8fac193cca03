"""Kolada files: the coordinator uploads one and sees what was imported;
internal readers download the organisation's values in the same format."""

from __future__ import annotations

import json
import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization

from ..forms import KoladaUploadForm
from ..kolada import KoladaFileError, KoladaReport, kolada_export, kolada_import
from ..queries import current_measures
from ._common import acting_user, organization_crumbs

KPI_ID = re.compile(r"^[A-Z][0-9]{5}$")


@requires(Capability.EDIT_PLAN)
def kolada_import_view(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = KoladaUploadForm(request.POST or None, request.FILES or None)
    report: KoladaReport | None = None
    if request.method == "POST" and form.is_valid():
        try:
            report = kolada_import(
                text=form.cleaned_data["file"].read(),
                user=acting_user(request),
                organization=organization,
            )
        except KoladaFileError as error:
            for line in error.errors[:20]:
                form.add_error("file", line)
            if len(error.errors) > 20:
                form.add_error(
                    "file", _("… och %(count)s fel till.") % {"count": len(error.errors) - 20}
                )
    linked = (
        current_measures(organization)
        .exclude(kolada_kpi="")
        .select_related("plan")
        .order_by("kolada_kpi", "pk")
    )
    return render(
        request,
        "indicators/kolada_import.html",
        {
            "organization": organization,
            "form": form,
            "report": report,
            "linked": linked,
            "crumbs": organization_crumbs(organization),
        },
    )


@requires(Capability.VIEW_INTERNAL)
def kolada_export_view(request: HttpRequest, organization: Organization) -> HttpResponse:
    """The values as a JSON file; `?kpi=N00945` for one KPI."""
    kpi = request.GET.get("kpi", "").strip().upper()
    data = kolada_export(organization=organization, kpi=kpi or None)
    # Only a well-formed id goes into the file name (anything else matches no measure).
    suffix = f"-{kpi}" if KPI_ID.match(kpi) else ""
    name = f"kolada-{organization.municipality_code}{suffix}.json"
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
