from __future__ import annotations

import pytest

from handlingskraft.lib.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+46 8 123", "-5", "@SUM(A1)", "\tgömd", "\r=1", '=HYPERLINK("http://x")'],
)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_gets_a_leading_apostrophe(
    value: str,
) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Socialnämnden", "12", "a=b", " =1", "'citat'"])
def test_other_cells_are_left_as_they_are(value: str) -> None:
    assert safe_cell(value) == value


def test_a_row_is_made_safe_cell_by_cell() -> None:
    assert safe_row(["Plan", "=2*3", "-"]) == ["Plan", "'=2*3", "'-"]
