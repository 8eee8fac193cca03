from __future__ import annotations

from decimal import Decimal

from handlingskraft.lib.numbers import format_decimal


def test_a_number_is_written_with_a_decimal_comma_and_no_trailing_zeros() -> None:
    assert format_decimal(Decimal("12.3000")) == "12,3"
    assert format_decimal(Decimal("40")) == "40"
    assert format_decimal(Decimal("0.345")) == "0,35"


def test_thousands_are_separated_by_a_non_breaking_space_from_five_digits() -> None:
    assert format_decimal(Decimal("2025")) == "2025"
    assert format_decimal(Decimal("12345.5")) == "12\u00a0345,5"
    assert format_decimal(Decimal("1234567")) == "1\u00a0234\u00a0567"


def test_a_negative_number_gets_a_minus_sign_and_zero_never_does() -> None:
    assert format_decimal(Decimal("-2.5")) == "\u22122,5"
    assert format_decimal(Decimal("-0.001")) == "0"


def test_the_number_of_decimals_can_be_chosen() -> None:
    assert format_decimal(Decimal("33.3333"), decimals=1) == "33,3"
