"""The assessment of a measure's development, read through its desired direction."""

from __future__ import annotations

from decimal import Decimal as D

from handlingskraft.indicators.assessment import Verdict, assess, assess_series
from handlingskraft.plans.periods import Period


def test_a_rise_is_an_improvement_when_the_measure_should_increase() -> None:
    assert assess("increase", D("45"), D("40")) == Verdict.IMPROVED
    assert assess("increase", D("35"), D("40")) == Verdict.WORSENED


def test_a_fall_is_an_improvement_when_the_measure_should_decrease() -> None:
    assert assess("decrease", D("3.1"), D("4.2")) == Verdict.IMPROVED
    assert assess("decrease", D("5"), D("4.2")) == Verdict.WORSENED


def test_a_measure_to_keep_is_unchanged_when_held_and_worsened_when_it_falls() -> None:
    assert assess("keep", D("100"), D("100")) == Verdict.UNCHANGED
    assert assess("keep", D("95"), D("100")) == Verdict.WORSENED
    assert assess("keep", D("80"), D("75")) == Verdict.IMPROVED


def test_the_same_value_is_unchanged_whatever_the_direction() -> None:
    for direction in ("increase", "decrease", "keep"):
        assert assess(direction, D("12.5"), D("12.50")) == Verdict.UNCHANGED


def test_a_missing_value_or_reference_cannot_be_assessed() -> None:
    assert assess("increase", None, D("40")) == Verdict.CANNOT_ASSESS
    assert assess("increase", D("40"), None) == Verdict.CANNOT_ASSESS
    assert assess("", D("40"), D("30")) == Verdict.CANNOT_ASSESS


def test_every_verdict_has_a_word_and_a_symbol() -> None:
    texts = {(verdict.label, verdict.symbol) for verdict in Verdict}
    assert texts == {
        ("Förbättrad", "+"),
        ("Oförändrad", "="),
        ("Försämrad", "−"),
        ("Kan inte bedömas", "?"),
    }


def test_each_period_is_compared_with_the_baseline_and_the_previous_period() -> None:
    series = [(Period(2024), D("50")), (Period(2022), D("30")), (Period(2023), D("30"))]
    result = assess_series("increase", D("40"), series)
    assert [a.period for a in result] == [Period(2022), Period(2023), Period(2024)]
    assert [a.against_baseline for a in result] == [
        Verdict.WORSENED,
        Verdict.WORSENED,
        Verdict.IMPROVED,
    ]
    assert [a.against_previous for a in result] == [
        Verdict.CANNOT_ASSESS,
        Verdict.UNCHANGED,
        Verdict.IMPROVED,
    ]
    assert (result[2].change_from_baseline, result[2].change_from_previous) == (D(10), D(20))
    assert result[2].previous_period == Period(2023)


def test_a_decreasing_measure_improves_when_it_falls_from_period_to_period() -> None:
    result = assess_series("decrease", None, [(Period(2023), D("8")), (Period(2024), D("6"))])
    assert [a.against_previous for a in result] == [Verdict.CANNOT_ASSESS, Verdict.IMPROVED]
    assert [a.against_baseline for a in result] == [Verdict.CANNOT_ASSESS] * 2


def test_a_missing_period_is_skipped_when_looking_for_the_previous_value() -> None:
    series = [(Period(2022), D("10")), (Period(2023), None), (Period(2024), D("9"))]
    result = assess_series("increase", None, series)
    assert result[1].against_previous == Verdict.CANNOT_ASSESS
    assert (result[2].previous_period, result[2].against_previous) == (
        Period(2022),
        Verdict.WORSENED,
    )


def test_tertials_are_compared_with_tertials_and_years_with_years() -> None:
    series = [
        (Period(2024), D("40")),
        (Period(2025, 1), D("42")),
        (Period(2025, 2), D("41")),
        (Period(2025), D("45")),
    ]
    result = {a.period: a for a in assess_series("increase", None, series)}
    assert result[Period(2025, 1)].previous_period is None
    assert result[Period(2025, 2)].previous_period == Period(2025, 1)
    assert result[Period(2025, 2)].against_previous == Verdict.WORSENED
    assert result[Period(2025)].previous_period == Period(2024)
