"""What the download lists on the plan and round pages show: the formats the
user may download (by their capabilities) and the round's frozen versions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.plans.models import Plan

from .models import FrozenReport
from .renderers.pdf import pdf_available


def round_download_context(
    request: HttpRequest, round: FollowUpRound, *, heading: bool
) -> dict[str, Any]:
    """The round's report formats and frozen versions, for those who may read
    the round's internal pages (the others get an empty list)."""
    allowed = Capability.VIEW_INTERNAL in capabilities_of(request.user, round.organization)
    args = [round.organization.slug, round.pk]
    frozen = (
        list(
            FrozenReport.objects.filter(round=round)
            .without_content()
            .order_by("-version", "format")
        )
        if allowed
        else []
    )
    return {
        "allowed": allowed,
        "heading": heading,
        "round": round,
        "pdf_available": pdf_available(),
        "report_url": reverse("exports:round_report", args=args),
        "pdf_url": reverse("exports:round_report_pdf", args=args),
        "docx_url": reverse("exports:round_report_docx", args=args),
        "xlsx_url": reverse("exports:round_activities", args=[*args, "xlsx"]),
        "csv_url": reverse("exports:round_activities", args=[*args, "csv"]),
        "frozen": frozen,
    }


def plan_download_context(request: HttpRequest, plan: Plan, version: int | None) -> dict[str, Any]:
    """The plan document and activity list formats (every member may read the plan)."""
    allowed = Capability.VIEW_PLAN in capabilities_of(request.user, plan.organization)
    args = [plan.organization.slug, plan.slug]
    query = f"?version={version}" if version else ""
    return {
        "allowed": allowed,
        "plan": plan,
        "pdf_available": pdf_available(),
        "pdf_url": reverse("exports:plan_document_pdf", args=args) + query,
        "docx_url": reverse("exports:plan_document_docx", args=args) + query,
        "xlsx_url": reverse("exports:plan_activities", args=[*args, "xlsx"]) + query,
        "csv_url": reverse("exports:plan_activities", args=[*args, "csv"]) + query,
    }
