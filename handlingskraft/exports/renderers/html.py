"""The report and the plan document as HTML: the page's body and the whole
printed document (for the PDF) come from the same templates."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from handlingskraft.exports.report.model import FollowUpReport, PlanDocument

REPORT_BODY = "exports/_report_body.html"
PLAN_BODY = "exports/_plan_body.html"


def report_document_html(report: FollowUpReport) -> str:
    """The whole report as a printable HTML document."""
    return render_to_string(
        "exports/document.html",
        {
            "title": report.title,
            "language": report.language,
            "author": report.organization,
            "description": report.subtitle,
            "body": REPORT_BODY,
            "report": report,
        },
    )


def plan_document_html(document: PlanDocument) -> str:
    """The whole plan as a printable HTML document."""
    return render_to_string(
        "exports/document.html",
        {
            "title": document.title,
            "language": document.language,
            "author": document.subtitle,
            "description": _("Handlingsplan, %(organization)s")
            % {"organization": document.subtitle},
            "body": PLAN_BODY,
            "document": document,
        },
    )
