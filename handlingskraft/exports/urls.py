from django.urls import path, register_converter

from . import views

app_name = "exports"


class SpreadsheetConverter:
    regex = "xlsx|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SpreadsheetConverter, "spreadsheet")

ROUND = "<slug:org_slug>/uppfoljning/<int:round_id>/"
PLAN = "<slug:org_slug>/planer/<slug:plan_slug>/"

urlpatterns = [
    path(f"{ROUND}rapport/", views.round_report, name="round_report"),
    path(f"{ROUND}rapport.pdf", views.round_report_pdf, name="round_report_pdf"),
    path(f"{ROUND}rapport.docx", views.round_report_docx, name="round_report_docx"),
    path(f"{ROUND}aktiviteter.<spreadsheet:kind>", views.round_activities, name="round_activities"),
    path(f"{ROUND}rapport/version/<int:file_id>/", views.frozen_report, name="frozen_report"),
    path(
        "<slug:org_slug>/publicerat/rapporter/<int:file_id>/",
        views.published_report,
        name="published_report",
    ),
    path(f"{PLAN}plan.pdf", views.plan_document_pdf, name="plan_document_pdf"),
    path(f"{PLAN}plan.docx", views.plan_document_docx, name="plan_document_docx"),
    path(
        f"{PLAN}aktiviteter.<spreadsheet:kind>",
        views.plan_activities_export,
        name="plan_activities",
    ),
]
