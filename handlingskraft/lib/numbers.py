"""Numbers as Swedish readers write them: decimal comma, a space between
thousands, a real minus sign, and no trailing zeros. Locale-independent, so
a chart, its data table and a PDF all show the same text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"
THIN_GROUP = "\u00a0"  # a non-breaking space between thousands


def format_decimal(value: Decimal | int | float, decimals: int = 2) -> str:
    """`value` rounded to at most `decimals` decimals: 12.30 → "12,3",
    10000 → "10 000", -0.5 → "−0,5"."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # no "−0"
    sign = MINUS if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if len(whole) > 4:
        groups: list[str] = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = THIN_GROUP.join(groups)
    return sign + whole + ("," + fraction if fraction else "")
