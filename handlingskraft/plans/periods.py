"""Periods that measures are followed up over: a year ("2025") or one of its
tertials ("2025T1"). Stored as a year and a tertial, 0 meaning the whole year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

from django.utils.translation import gettext as _

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[Tt]\s*([1-3]))?\s*$")
MIN_YEAR, MAX_YEAR = 1900, 2200


@total_ordering
@dataclass(frozen=True)
class Period:
    year: int
    tertial: int = 0
    """0 for the whole year, 1–3 for a tertial."""

    def __str__(self) -> str:
        return f"{self.year}T{self.tertial}" if self.tertial else str(self.year)

    @property
    def label(self) -> str:
        """How a page names the period: "2025" or "tertial 1 2025"."""
        if not self.tertial:
            return str(self.year)
        return _("tertial %(tertial)s %(year)s") % {"tertial": self.tertial, "year": self.year}

    @property
    def sort_key(self) -> tuple[int, int]:
        # A whole year's value is the year's result: it comes after its tertials.
        return (self.year, self.tertial or 4)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key


def parse_period(text: str) -> Period:
    """The period written as "2025" or "2025T1" (a space or lower-case t is
    accepted); ValueError with a Swedish message otherwise."""
    match = _PERIOD.match(text)
    if match is None:
        raise ValueError(
            _("Skriv perioden som ett år, till exempel 2025, eller ett tertial, 2025T1.")
        )
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _("Året ska ligga mellan %(min)s och %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    return Period(year, int(match.group(2) or 0))
