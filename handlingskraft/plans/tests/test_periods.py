"""Periods: a year or a tertial, written "2025" or "2025T1"."""

from __future__ import annotations

import pytest

from handlingskraft.plans.periods import Period, parse_period


def test_a_year_and_a_tertial_are_read_and_written_back() -> None:
    assert parse_period("2025") == Period(2025)
    assert parse_period(" 2025t2 ") == Period(2025, 2)
    assert str(Period(2025, 3)) == "2025T3"
    assert str(Period(2025)) == "2025"


def test_a_whole_year_sorts_after_its_tertials() -> None:
    periods = [Period(2025), Period(2025, 2), Period(2024), Period(2025, 1)]
    assert sorted(periods) == [Period(2024), Period(2025, 1), Period(2025, 2), Period(2025)]


def test_a_period_is_named_in_words_on_pages() -> None:
    assert Period(2025, 1).label == "tertial 1 2025"
    assert Period(2025).label == "2025"


@pytest.mark.parametrize("text", ["25", "2025T4", "2025-01", "år 2025", "1800"])
def test_other_forms_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match=r"2025|mellan"):
        parse_period(text)
