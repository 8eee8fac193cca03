"""A unit survey's share and coverage, counted from the answers."""

from __future__ import annotations

from decimal import Decimal as D

from handlingskraft.indicators.shares import percent, survey_result


def test_the_share_is_of_yes_among_those_who_answered_with_partial_coverage() -> None:
    result = survey_result(["yes", "yes", "partly", "no", "", "", "yes", ""])
    assert (result.asked, result.answered) == (8, 5)
    assert result.share == D("60.0")
    assert result.partly_share == D("20.0")
    assert result.coverage == D("62.5")


def test_partly_is_reported_on_its_own_and_never_counted_as_yes() -> None:
    result = survey_result(["partly", "partly", "no"])
    assert result.share == D("0.0")
    assert result.partly_share == D("66.7")


def test_without_answers_there_is_no_share_but_a_coverage_of_zero() -> None:
    result = survey_result(["", "", ""])
    assert result.share is None
    assert result.coverage == D("0.0")
    assert survey_result([]).coverage is None


def test_percentages_are_rounded_half_up_to_one_decimal() -> None:
    assert percent(1, 3) == D("33.3")
    assert percent(2, 3) == D("66.7")
    assert percent(1, 8) == D("12.5")
    assert percent(1, 0) is None
