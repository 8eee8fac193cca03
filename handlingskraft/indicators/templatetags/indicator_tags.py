"""Numbers and verdicts on the indicator pages, the same way everywhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from handlingskraft.lib.numbers import format_decimal

from ..assessment import Verdict

register = template.Library()


@register.filter
def number(value: Decimal | int | float | None, decimals: int = 2) -> str:
    """`{{ value|number }}`: Swedish form (decimal comma, no trailing zeros); "–" for none."""
    if value is None or value == "":
        return "–"
    return format_decimal(value, decimals)


@register.filter
def signed(value: Decimal | None) -> str:
    """A change with its sign: "+2,5", "−1", "±0"; "–" for none."""
    if value is None:
        return "–"
    if value == 0:
        return "±0"
    return ("+" if value > 0 else "") + format_decimal(value)


@register.inclusion_tag("indicators/_verdict.html")
def verdict(value: Verdict) -> dict[str, Any]:
    """A verdict as symbol and word (never colour alone)."""
    return {"verdict": value}
