"""DOCX through python-docx, for the board's case papers: real Word headings
(the navigation pane works), a table of contents field that Word fills in on
opening, table header rows repeated on every page, charts as PNG pictures
with their text alternative as alt text, the document's language set, A4
with page numbers."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable

from handlingskraft.exports.report.model import (
    ActivityGroup,
    Figure,
    FollowUpReport,
    GoalSection,
    MeasureSection,
    PlanDocument,
    PlanGoal,
    Table,
)

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


# --- the document's frame ----------------------------------------------------------


def _field(paragraph: object, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC …) in the paragraph, with text shown until it is updated."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    paragraph.add_run(placeholder)  # type: ignore[attr-defined]
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)  # type: ignore[attr-defined]


def new_document(*, title: str, subject: str, author: str, language: str) -> DocxDocument:
    """An empty A4 document with metadata, language, page numbers and fields
    updated when Word opens it (so the table of contents fills in)."""
    document = Document()
    properties = document.core_properties
    properties.title, properties.subject, properties.author = title, subject, author
    tag = LANGUAGE_TAGS.get(language, language)
    properties.language = tag
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is not None:
        lang.set(qn("w:val"), tag)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(_("Sida") + " ")
    _field(footer, "PAGE", "1")
    document.styles["Normal"].font.size = Pt(10.5)
    return document


def table_of_contents(document: DocxDocument) -> None:
    document.add_paragraph(_("Innehåll"), style="TOC Heading")
    _field(
        document.add_paragraph(),
        'TOC \\o "1-3" \\h \\z \\u',
        _("Innehållsförteckningen fylls i när dokumentet öppnas (eller: uppdatera fältet)."),
    )
    page_break(document)


def page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def paragraphs(document: DocxDocument, text: str, style: str | None = None) -> None:
    """Text with blank lines between paragraphs as separate paragraphs."""
    for part in text.replace("\r\n", "\n").split("\n\n"):
        if part.strip():
            document.add_paragraph(part.strip(), style=style)


def facts(document: DocxDocument, items: Sequence[tuple[str, str]]) -> None:
    for term, value in items:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(value)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def table(document: DocxDocument, data: Table) -> DocxTable:
    """The table with its caption, the header row repeated on every page."""
    document.add_paragraph(data.caption, style="Caption")
    columns = len(data.header)
    result = document.add_table(rows=1 + len(data.rows) + len(data.footer), cols=columns)
    result.style = document.styles["Table Grid"]
    rows = result.rows
    _repeat_header(rows[0])
    for cell, text in zip(rows[0].cells, data.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, values in zip(rows[1:], [*data.rows, *data.footer], strict=True):
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=False)):
            run = cell.paragraphs[0].add_run(text)
            if index == 0:
                run.bold = True
            elif data.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for note in data.notes:
        document.add_paragraph(note)
    return result


def figure(document: DocxDocument, item: Figure) -> None:
    """The chart as a picture with alt text (title and description), and its table."""
    shape = document.add_picture(io.BytesIO(item.png), width=Cm(16))
    properties = shape._inline.docPr
    properties.set("title", item.title)
    properties.set("descr", item.alt)
    table(document, item.table)


def measure(document: DocxDocument, item: MeasureSection, level: int) -> None:
    document.add_heading(item.statement, level=level)
    facts(document, item.facts)
    facts(
        document, [(what, f"{symbol} {verdict}".strip()) for what, symbol, verdict in item.verdicts]
    )
    if item.figure is not None:
        figure(document, item.figure)
    if item.assessment or item.analysis:
        facts(document, [(_("Bedömning"), item.assessment or "–")])
        paragraphs(document, item.analysis)


def _group(document: DocxDocument, group: ActivityGroup) -> None:
    document.add_heading(f"{group.heading} ({len(group.activities)})", level=4)
    for entry in group.activities:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{entry.number} ").bold = True
        paragraph.add_run(entry.description)
        actors = ", ".join(
            f"{name} ({_('leder')})" if name == entry.lead else name for name in entry.actors
        )
        document.add_paragraph(
            f"{_('Ansvariga:')} {actors or '–'}. {_('Status:')} {entry.status_label}"
        )
        paragraphs(document, entry.text)


# --- the follow-up report -------------------------------------------------------------


def _goal(document: DocxDocument, goal: GoalSection) -> None:
    page_break(document)
    document.add_heading(goal.heading, level=1)
    paragraphs(document, goal.description)
    if goal.assessment or goal.analysis:
        document.add_heading(_("Bedömning och analys"), level=2)
        facts(document, [(_("Bedömning"), goal.assessment or "–")])
        paragraphs(document, goal.analysis)
    if goal.measures:
        document.add_heading(_("Mått"), level=2)
        for item in goal.measures:
            measure(document, item, level=3)
    document.add_heading(_("Aktiviteter"), level=2)
    table(document, goal.status_table)
    for group in goal.groups:
        _group(document, group)


def report_docx(report: FollowUpReport) -> bytes:
    document = new_document(
        title=report.title,
        subject=report.subtitle,
        author=report.organization,
        language=report.language,
    )
    document.add_paragraph(report.organization).runs[0].bold = True
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    if report.preliminary:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Preliminär") + " – ").bold = True
        paragraph.add_run(report.preliminary_note)
    facts(document, report.facts)
    page_break(document)
    table_of_contents(document)
    document.add_heading(_("Sammanfattning"), level=1)
    figure(document, report.summary.figure)
    document.add_paragraph(report.summary.measure_sentence)
    if report.summary.measure_table is not None:
        table(document, report.summary.measure_table)
    for goal in [*report.goals, *([report.plan_wide] if report.plan_wide else [])]:
        _goal(document, goal)
    if report.statistics:
        page_break(document)
        document.add_heading(_("Statistik"), level=1)
        document.add_paragraph(_("Godkända uppgifter efter röjandekontroll: små tal visas inte."))
        for section in report.statistics:
            document.add_heading(section.heading, level=2)
            paragraphs(document, section.description)
            for item in section.tables:
                table(document, item)
    if report.training is not None:
        document.add_heading(report.training.heading, level=1)
        document.add_paragraph(report.training.text)
        for item in report.training.tables:
            table(document, item)
    document.add_heading(_("Rapporter som saknas"), level=1)
    document.add_paragraph(report.missing_note)
    if report.missing is not None:
        table(document, report.missing)
    page_break(document)
    document.add_heading(_("Bilaga: samtliga aktiviteter"), level=1)
    table(document, report.activity_table)
    return _bytes(document)


# --- the plan document ------------------------------------------------------------------


def _plan_goal(document: DocxDocument, goal: PlanGoal) -> None:
    document.add_heading(goal.heading, level=1)
    paragraphs(document, goal.description)
    if goal.prerequisites:
        document.add_heading(_("För att nå hit behöver följande vara på plats"), level=2)
        for text in goal.prerequisites:
            document.add_paragraph(text, style="List Bullet")
    if goal.measures:
        document.add_heading(_("Mått"), level=2)
        for item in goal.measures:
            measure(document, item, level=3)
    if goal.activity_table.rows:
        document.add_heading(_("Aktiviteter"), level=2)
        table(document, goal.activity_table)


def plan_docx(plan: PlanDocument) -> bytes:
    document = new_document(
        title=plan.title, subject=plan.subtitle, author=plan.subtitle, language=plan.language
    )
    document.add_paragraph(plan.subtitle).runs[0].bold = True
    document.add_heading(plan.title, level=0)
    facts(document, plan.facts)
    page_break(document)
    table_of_contents(document)
    if plan.vision:
        document.add_heading(_("Vision"), level=1)
        paragraphs(document, plan.vision)
    if plan.purpose:
        document.add_heading(_("Syfte"), level=1)
        paragraphs(document, plan.purpose)
    for goal in [*plan.goals, *([plan.plan_wide] if plan.plan_wide else [])]:
        _plan_goal(document, goal)
    if plan.responsibilities:
        document.add_heading(_("Ansvar per aktör"), level=1)
        for item in plan.responsibilities:
            document.add_heading(item.heading, level=2)
            if item.heading != item.actor:
                document.add_paragraph(_("Aktör: %(actor)s") % {"actor": item.actor})
            paragraphs(document, item.text)
            if item.followed_up_by:
                document.add_paragraph(
                    _("Följs upp av: %(actor)s") % {"actor": item.followed_up_by}
                )
    return _bytes(document)


def _bytes(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
