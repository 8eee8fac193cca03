"""The generated files open in real readers: LibreOffice converts the DOCX
and the XLSX to PDF, pdftoppm renders every page of every PDF, and the text
poppler reads from the PDFs has the headings, counts and protected cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlingskraft.exports.exporters import ActivityListExporter, render_xlsx
from handlingskraft.exports.models import FileFormat, FrozenReport
from handlingskraft.exports.renderers.docx import plan_docx
from handlingskraft.exports.renderers.pdf import plan_pdf
from handlingskraft.exports.report.build import build_followup_report
from handlingskraft.exports.report.plan_document import build_plan_document

from .conftest import Botkyrka
from .documents import convert_to_pdf, pdf_text, render_pages, require_tools

pytestmark = pytest.mark.documents


def test_every_file_of_the_botkyrka_round_opens_in_libreoffice_and_poppler(
    botkyrka: Botkyrka, tmp_path: Path
) -> None:
    require_tools()
    frozen = {f.format: bytes(f.content) for f in FrozenReport.objects.filter(round=botkyrka.round)}
    report = build_followup_report(botkyrka.round)
    document = build_plan_document(botkyrka.round.plan)
    files = {
        "rapport.pdf": frozen[FileFormat.PDF],
        "rapport.docx": frozen[FileFormat.DOCX],
        "plan.pdf": plan_pdf(document),
        "plan.docx": plan_docx(document),
        "aktiviteter.xlsx": render_xlsx(ActivityListExporter(report.activities)),
    }
    pdfs = []
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        if path.suffix == ".pdf":
            pdfs.append(path)
        else:
            converted = tmp_path / "konverterat" / path.stem
            converted.mkdir(parents=True)
            pdfs.append(convert_to_pdf(path, converted))
    for pdf in pdfs:
        pages = render_pages(pdf, pdf.parent)
        assert pages, f"{pdf.name} gav inga sidor"


def test_the_report_pdf_reads_as_the_report(botkyrka: Botkyrka, tmp_path: Path) -> None:
    require_tools()
    pdf = FrozenReport.objects.get(round=botkyrka.round, format=FileFormat.PDF)
    text = pdf_text(bytes(pdf.content), tmp_path)
    for heading in (
        "Uppföljning av Handlingsplan mot",
        "Innehåll",
        "Sammanfattning",
        "Målbild 1: Botkyrka kommuns verksamheter",
        "Statistik",
        "Rapporter som saknas",
        "Bilaga: samtliga aktiviteter",
    ):
        assert heading in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for status, count in (("Genomförd", 6), ("Pågår", 6), ("Ej påbörjad", 2), ("Avbruten", 2)):
        assert f"{status} {count}" in lines
    assert "<5" in text
    assert "Sida 2" in text
    # The table of contents gives each goal's page.
    assert any(line.startswith("Sammanfattning") and line[-1].isdigit() for line in lines)
