"""The report pages and downloads. Every view declares its capability: the
round's report is internal (like the round's own pages), the plan document
and the activity list are for every member (like the plan's pages), and a
frozen report is public only once its round and plan version are published.
Statistics in every output have passed disclosure control (report/statistics.py)."""

from __future__ import annotations

import base64

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from handlingskraft.accounts.permissions import Capability, public, requires
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan

from .downloads import round_download_context
from .exporters import ActivityListExporter, Exporter, render_csv, render_xlsx
from .models import FrozenReport
from .renderers.docx import plan_docx, report_docx
from .renderers.pdf import PdfUnavailable, plan_pdf, report_pdf
from .report.activities import activity_entries, plan_activities, recorded_results
from .report.build import build_followup_report, plan_with_structure
from .report.plan_document import build_plan_document

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round_of(organization: Organization, round_id: int) -> FollowUpRound:
    """The organisation's round; another organisation's round is a 404."""
    return get_object_or_404(
        FollowUpRound.objects.select_related("plan", "organization"),
        pk=round_id,
        organization=organization,
    )


def _plan_of(request: HttpRequest, organization: Organization, plan_slug: str) -> Plan:
    """The plan version asked for (?version=N), else the one the plan pages show."""
    value = request.GET.get("version", "")
    version = int(value) if value.isdigit() and len(value) < 6 else None
    plan = Plan.objects.version_for(organization, plan_slug, version)
    if plan is None:
        raise Http404(_("Planen finns inte."))
    return plan


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _no_pdf(request: HttpRequest) -> HttpResponse:
    return render(request, "exports/pdf_unavailable.html", status=503)


def _spreadsheet(request: HttpRequest, exporter: Exporter, stem: str, kind: str) -> HttpResponse:
    if kind == "xlsx":
        return _file(render_xlsx(exporter), XLSX_TYPE, f"{stem}.xlsx")
    delimiter = ";" if request.GET.get("avgransare") == "semikolon" else ","
    return _file(
        render_csv(exporter, delimiter=delimiter), "text/csv; charset=utf-8", f"{stem}.csv"
    )


# --- the round's report -------------------------------------------------------------


@requires(Capability.VIEW_INTERNAL)
@require_GET
def round_report(request: HttpRequest, organization: Organization, round_id: int) -> HttpResponse:
    """The report as a web page, with its downloads and frozen versions."""
    round = _round_of(organization, round_id)
    context = {
        "report": build_followup_report(round),
        "round": round,
        "crumbs": [
            (organization.name, reverse("plans:organization_home", args=[organization.slug])),
            (_("Uppföljning"), reverse("followup:round_list", args=[organization.slug])),
            (round.name, reverse("followup:round_detail", args=[organization.slug, round.pk])),
        ],
        **round_download_context(request, round, heading=False),
    }
    return render(request, "exports/report_page.html", context)


@requires(Capability.VIEW_INTERNAL)
@require_GET
def round_report_pdf(
    request: HttpRequest, organization: Organization, round_id: int
) -> HttpResponse:
    report = build_followup_report(_round_of(organization, round_id))
    try:
        content = report_pdf(report)
    except PdfUnavailable:
        return _no_pdf(request)
    return _file(content, "application/pdf", f"{report.file_stem}.pdf")


@requires(Capability.VIEW_INTERNAL)
@require_GET
def round_report_docx(
    request: HttpRequest, organization: Organization, round_id: int
) -> HttpResponse:
    report = build_followup_report(_round_of(organization, round_id))
    return _file(report_docx(report), DOCX_TYPE, f"{report.file_stem}.docx")


@requires(Capability.VIEW_INTERNAL)
@require_GET
def round_activities(
    request: HttpRequest, organization: Organization, round_id: int, kind: str
) -> HttpResponse:
    """The round's activity list (each activity's result in the round)."""
    report = build_followup_report(_round_of(organization, round_id))
    exporter = ActivityListExporter(report.activities)
    return _spreadsheet(request, exporter, f"{report.file_stem}-aktiviteter", kind)


@requires(Capability.VIEW_INTERNAL)
@require_GET
def frozen_report(
    request: HttpRequest, organization: Organization, round_id: int, file_id: int
) -> HttpResponse:
    """A frozen version of the round's report, exactly as stored."""
    frozen = get_object_or_404(
        FrozenReport, pk=file_id, round_id=round_id, round__organization=organization
    )
    return _frozen_response(frozen)


def _frozen_response(frozen: FrozenReport) -> HttpResponse:
    if not frozen.is_intact():
        # Never hand out a file that is not what was approved.
        raise Http404(_("Filen stämmer inte med sin kontrollsumma."))
    response = _file(bytes(frozen.content), frozen.content_type, frozen.filename)
    response["Repr-Digest"] = f"sha-256=:{_base64_digest(frozen.sha256)}:"
    return response


def _base64_digest(hexdigest: str) -> str:
    return base64.b64encode(bytes.fromhex(hexdigest)).decode("ascii")


@public
@require_GET
def published_report(request: HttpRequest, org_slug: str, file_id: int) -> HttpResponse:
    """A frozen report of a published round of a published plan version, for
    the public pages; anything else is a 404."""
    frozen = get_object_or_404(
        FrozenReport.objects.published(), pk=file_id, round__organization__slug=org_slug
    )
    response = _frozen_response(frozen)
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- the plan --------------------------------------------------------------------------


@requires(Capability.VIEW_PLAN)
@require_GET
def plan_document_pdf(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    document = build_plan_document(_plan_of(request, organization, plan_slug))
    try:
        content = plan_pdf(document)
    except PdfUnavailable:
        return _no_pdf(request)
    return _file(content, "application/pdf", f"{document.file_stem}.pdf")


@requires(Capability.VIEW_PLAN)
@require_GET
def plan_document_docx(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    document = build_plan_document(_plan_of(request, organization, plan_slug))
    return _file(plan_docx(document), DOCX_TYPE, f"{document.file_stem}.docx")


@requires(Capability.VIEW_PLAN)
@require_GET
def plan_activities_export(
    request: HttpRequest, organization: Organization, plan_slug: str, kind: str
) -> HttpResponse:
    """The plan's activity list with each activity's recorded status."""
    plan = plan_with_structure(_plan_of(request, organization, plan_slug).pk)
    activities = plan_activities(plan)
    entries = activity_entries(plan, activities, recorded_results(activities))
    stem = f"{organization.slug}-{plan.slug}-version-{plan.version}-aktiviteter"
    return _spreadsheet(request, ActivityListExporter(entries), stem, kind)
