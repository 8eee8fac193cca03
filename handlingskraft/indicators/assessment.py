"""How a measure developed: each period's value against the baseline and
against the previous period, read through the direction the plan wants.

Pure functions over plain values; nothing here touches the database.

- ``increase``: a higher value is an improvement, a lower one a worsening.
- ``decrease``: the other way round.
- ``keep`` (bibehålls): the level is to be held. Falling below the reference
  is a worsening; holding it is "unchanged", which is what the plan asks;
  rising above it counts as an improvement (the level is held with margin).
- A missing value on either side cannot be assessed.

Values are compared exactly: they are entered and imported with few decimals,
so any difference is a real one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from handlingskraft.plans.models import Direction
from handlingskraft.plans.periods import Period


class Verdict(StrEnum):
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    WORSENED = "worsened"
    CANNOT_ASSESS = "cannot_assess"

    @property
    def label(self) -> str:
        return str(_VERDICT_TEXT[self][0])

    @property
    def symbol(self) -> str:
        """A text symbol shown before the word, so the verdict never rests on colour."""
        return _VERDICT_TEXT[self][1]


_VERDICT_TEXT = {
    Verdict.IMPROVED: (_("Förbättrad"), "+"),
    Verdict.UNCHANGED: (_("Oförändrad"), "="),
    Verdict.WORSENED: (_("Försämrad"), "−"),
    Verdict.CANNOT_ASSESS: (_("Kan inte bedömas"), "?"),
}


def assess(direction: str, value: Decimal | None, reference: Decimal | None) -> Verdict:
    """The verdict on `value` compared with `reference` for a measure whose
    desired direction is `direction` (see the module docstring)."""
    if value is None or reference is None or direction not in Direction.values:
        return Verdict.CANNOT_ASSESS
    if value == reference:
        return Verdict.UNCHANGED
    rose = value > reference
    if direction == Direction.DECREASE:
        return Verdict.WORSENED if rose else Verdict.IMPROVED
    return Verdict.IMPROVED if rose else Verdict.WORSENED


@dataclass(frozen=True)
class PeriodAssessment:
    period: Period
    value: Decimal | None
    against_baseline: Verdict
    change_from_baseline: Decimal | None
    previous_period: Period | None
    against_previous: Verdict
    change_from_previous: Decimal | None


def _change(value: Decimal | None, reference: Decimal | None) -> Decimal | None:
    return None if value is None or reference is None else value - reference


def assess_series(
    direction: str,
    baseline: Decimal | None,
    series: Sequence[tuple[Period, Decimal | None]],
) -> list[PeriodAssessment]:
    """One assessment per period of `series`, in period order. The previous
    period is the nearest earlier one of the same length (a tertial is
    compared with the tertial before it, a year with the year before) that
    has a value; with none, the change against the previous period cannot be
    assessed."""
    ordered = sorted(series, key=lambda item: item[0])
    result = []
    for index, (period, value) in enumerate(ordered):
        earlier = [
            (p, v)
            for p, v in ordered[:index]
            if v is not None and bool(p.tertial) == bool(period.tertial)
        ]
        previous_period, previous = earlier[-1] if earlier else (None, None)
        result.append(
            PeriodAssessment(
                period=period,
                value=value,
                against_baseline=assess(direction, value, baseline),
                change_from_baseline=_change(value, baseline),
                previous_period=previous_period,
                against_previous=assess(direction, value, previous),
                change_from_previous=_change(value, previous),
            )
        )
    return result
