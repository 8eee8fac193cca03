"""The outputs parsed back: Word headings and tables, the spreadsheet's shape,
the CSV's encoding, and the protected cells in every format of the report."""

from __future__ import annotations

import datetime
import gc
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from handlingskraft.conftest import World
from handlingskraft.exports.renderers.docx import report_docx
from handlingskraft.exports.renderers.html import report_document_html
from handlingskraft.exports.renderers.pdf import html_to_pdf, pdf_available
from handlingskraft.exports.report.build import build_followup_report

from .conftest import Botkyrka


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _round_url(botkyrka: Botkyrka, name: str, **kwargs: object) -> str:
    round = botkyrka.round
    return reverse(
        f"exports:{name}",
        kwargs={"org_slug": round.organization.slug, "round_id": round.pk, **kwargs},
    )


def test_the_word_report_has_real_headings_repeated_table_headers_alt_text_and_a_toc(
    botkyrka: Botkyrka,
) -> None:
    document = Document(io.BytesIO(report_docx(build_followup_report(botkyrka.round))))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Sammanfattning") in headings
    assert any(s == "Heading 1" and t.startswith("Målbild 4:") for s, t in headings)
    assert ("Heading 1", "Bilaga: samtliga aktiviteter") in headings
    assert ("Heading 4", "Genomförda (2)") in headings
    for table in document.tables:
        first_row = table.rows[0]._tr
        assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    assert pictures and all(p.get("descr") for p in pictures)
    assert "TOC \\o" in document.element.body.xml
    assert document.core_properties.language == "sv-SE"
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Status")
    counts = {row.cells[0].text: row.cells[1].text for row in summary.rows[1:]}
    assert counts["Genomförd"] == "6" and counts["Totalt"] == "18"


def test_the_printed_appendix_is_a_compact_list_of_every_activity_and_the_page_keeps_the_table(
    botkyrka: Botkyrka,
) -> None:
    report = build_followup_report(botkyrka.round)
    printed = report_document_html(report)
    appendix = printed[printed.index('id="bilaga-aktiviteter"') :]
    assert appendix.count("<li>") == 18 and "<table" not in appendix
    assert "<li>1.1 Informera om HRV" in appendix
    assert "Ansvariga: Socialnämnden, Kommunstyrelsen. Status: Genomförd</li>" in appendix
    page = _client(botkyrka.coordinator).get(_round_url(botkyrka, "round_report")).content.decode()
    assert 'id="bilaga-tabell"' in page


def test_the_pdf_renderer_leaves_the_garbage_collector_running() -> None:
    if not pdf_available():
        pytest.skip("WeasyPrints systembibliotek saknas.")
    html_to_pdf('<html lang="sv"><title>Prov</title><p>Prov</p></html>')
    assert gc.isenabled()


def test_protected_cells_read_as_less_than_five_in_every_format_of_the_report(
    botkyrka: Botkyrka,
) -> None:
    client = _client(botkyrka.coordinator)
    page = client.get(_round_url(botkyrka, "round_report"))
    assert page.status_code == 200 and "&lt;5" in page.content.decode()
    docx = client.get(_round_url(botkyrka, "round_report_docx"))
    cells = [
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    ]
    assert "<5" in cells
    pdf = client.get(_round_url(botkyrka, "round_report_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_activity_list_in_excel_has_one_row_per_activity_frozen_header_filters_and_dates(
    botkyrka: Botkyrka,
) -> None:
    response = _client(botkyrka.reader).get(_round_url(botkyrka, "round_activities", kind="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{1 + 18}"
    assert sheet.max_row == 1 + 18
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Nr", "Målbild", "Aktivitet", "Ansvariga aktörer"]
    assert sheet.column_dimensions["C"].width == 60
    statuses = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert statuses.count("Genomförd") == 6 and statuses.count("Försenad") == 2
    actors = sheet["D2"].value
    assert isinstance(actors, str) and ", " in actors


def test_the_plan_activity_list_has_real_dates(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.activity.due_on = datetime.date(2026, 6, 30)
    world.activity.save()
    url = reverse(
        "exports:plan_activities",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug, "kind": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(client_as("reporter").get(url).content)).active
    assert sheet is not None
    due = sheet["J2"]
    assert due.value == datetime.datetime(2026, 6, 30) and due.number_format == "yyyy-mm-dd"


@pytest.mark.parametrize(("query", "delimiter"), [("", ","), ("?avgransare=semikolon", ";")])
def test_the_csv_is_utf8_with_a_bom_and_the_chosen_delimiter(
    botkyrka: Botkyrka, query: str, delimiter: str
) -> None:
    url = _round_url(botkyrka, "round_activities", kind="csv") + query
    response = _client(botkyrka.reader).get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content
    assert content.startswith("\ufeff".encode())
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header.split(delimiter)[:3] == ["Nr", "Målbild", "Aktivitet"]
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 1 + 18


def test_a_reporter_gets_no_round_report_and_sees_no_round_downloads(botkyrka: Botkyrka) -> None:
    client = _client(botkyrka.reporter)
    assert client.get(_round_url(botkyrka, "round_report_docx")).status_code == 403
    plan = botkyrka.round.plan
    page = client.get(
        reverse(
            "plans:plan_detail", kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug}
        )
    )
    assert "Planen som Word-dokument (DOCX)" in page.content.decode()
