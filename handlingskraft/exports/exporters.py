"""Exporters, pretix-style: an exporter only yields a header row and rows; one
base renders them as CSV or XLSX, and both outputs are guarded against
spreadsheet formula injection (a cell starting with = + - @ must never run).

- CSV: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), comma or
  semicolon (Swedish Excel expects semicolons); text cells through
  `lib.spreadsheet.safe_cell` (a leading apostrophe).
- XLSX: the header row frozen, filters on, column widths, dates as real
  dates. A text cell is always stored as text (never as a formula); one that
  would start a formula also gets Excel's "quote prefix", so it stays text
  even when someone edits it, and keeps its exact wording."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator, Sequence
from typing import ClassVar

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from handlingskraft.lib.spreadsheet import FORMULA_STARTS, safe_cell

from .report.activities import actor_text
from .report.model import ActivityEntry

CellValue = str | int | datetime.date | None


class Exporter:
    """Yields `header()` and `rows()`; `render_csv` and `render_xlsx` do the rest."""

    sheet_title: ClassVar[str] = "Export"
    column_widths: ClassVar[Sequence[int]] = ()
    """Characters per column in the XLSX; the rest get DEFAULT_WIDTH."""

    def header(self) -> list[str]:
        raise NotImplementedError

    def rows(self) -> Iterator[list[CellValue]]:
        raise NotImplementedError


DEFAULT_WIDTH = 16
WRAPPED_WIDTH = 40


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return safe_cell(value)


def render_csv(exporter: Exporter, *, delimiter: str = ",") -> bytes:
    """The export as CSV: UTF-8 with a BOM, CRLF line ends, every text cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(heading) for heading in exporter.header()])
    for row in exporter.rows():
        writer.writerow([_csv_text(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_xlsx(exporter: Exporter) -> bytes:
    """The export as an XLSX workbook with one sheet (see the module docstring)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = exporter.sheet_title[:31]
    header = exporter.header()
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", heading) for heading in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(exporter.rows(), start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula
                if value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
                if len(value) > WRAPPED_WIDTH:
                    cell.alignment = wrap
            elif isinstance(value, datetime.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = value
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    for index in range(1, len(header) + 1):
        widths = exporter.column_widths
        width = widths[index - 1] if index <= len(widths) else DEFAULT_WIDTH
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class ActivityListExporter(Exporter):
    """The activity list: one row per activity, the responsible actors in one
    column (the lead marked, and in a column of its own), dates as dates."""

    sheet_title = "Aktiviteter"
    column_widths = (7, 30, 60, 40, 24, 16, 60, 14, 12, 12, 20, 30)

    def __init__(self, entries: Sequence[ActivityEntry]) -> None:
        self.entries = entries

    def header(self) -> list[str]:
        return [
            _("Nr"),
            _("Målbild"),
            _("Aktivitet"),
            _("Ansvariga aktörer"),
            _("Leder arbetet"),
            _("Status"),
            _("Beskrivning av läget"),
            _("Preventionsnivå"),
            _("Startdatum"),
            _("Klart senast"),
            _("Återkommer"),
            _("Samarbete"),
        ]

    def rows(self) -> Iterator[list[CellValue]]:
        for entry in self.entries:
            yield [
                entry.number,
                entry.goal,
                entry.description,
                actor_text(entry),
                entry.lead,
                entry.status_label,
                entry.text,
                entry.prevention_level,
                entry.starts_on,
                entry.due_on,
                entry.recurrence,
                entry.partner_note,
            ]
