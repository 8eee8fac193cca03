"""Cells that are safe to open in a spreadsheet program.

A cell that starts with = + - or @ is read as a formula by Excel and
LibreOffice, and a leading tab or carriage return can hide such a start; text
typed into the system could then run when someone opens an export. Every
exporter passes its cells through here."""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """`value` with a leading apostrophe if a spreadsheet would take it as a formula."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[str]) -> list[str]:
    """Every cell of a row made safe with `safe_cell`."""
    return [safe_cell(value) for value in values]
