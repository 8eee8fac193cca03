"""What a report must satisfy, as pure functions: the form shows the problems
next to the fields, and the services refuse a submission that has any.

* Every count is a whole number, zero or more (the form fields see to that).
* To submit, every count is filled in (a draft may have gaps).
* An element's breakdown cells add up to its total.
* A total that changed implausibly since the previous period is flagged, and
  can be submitted only with a comment that explains it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _

from .categories import TOTAL, category_codes
from .models import DataElement

# A jump from zero is flagged from this many on.
FROM_ZERO_LIMIT = 10
# Small counts vary by chance: a change by fewer than this is never flagged.
SMALLEST_FLAGGED_CHANGE = 5

COMMENT = "comment"
FieldKey = tuple[int, str]
"""(element id, category code or COMMENT)."""


class Change(StrEnum):
    FROM_ZERO = "from_zero"
    MORE_THAN_DOUBLE = "more_than_double"
    LESS_THAN_HALF = "less_than_half"


def implausible_change(previous: int | None, current: int | None) -> Change | None:
    """Whether going from `previous` to `current` looks like a mistake worth a
    second look: more than double, less than half (by at least
    SMALLEST_FLAGGED_CHANGE), or from zero to FROM_ZERO_LIMIT or more."""
    if previous is None or current is None:
        return None
    if previous == 0:
        return Change.FROM_ZERO if current >= FROM_ZERO_LIMIT else None
    if abs(current - previous) < SMALLEST_FLAGGED_CHANGE:
        return None
    if current > 2 * previous:
        return Change.MORE_THAN_DOUBLE
    if 2 * current < previous:
        return Change.LESS_THAN_HALF
    return None


def change_message(change: Change, previous: int, current: int) -> str:
    numbers = {"previous": previous, "current": current}
    if change == Change.FROM_ZERO:
        text = _("Förra perioden var antalet 0, nu är det %(current)s.")
    elif change == Change.MORE_THAN_DOUBLE:
        text = _("Antalet har mer än fördubblats sedan förra perioden (%(previous)s).")
    else:
        text = _("Antalet är mindre än hälften av förra periodens (%(previous)s).")
    return (text % numbers) + " " + _("Kontrollera siffran och förklara ändringen i en kommentar.")


@dataclass(frozen=True)
class ElementEntry:
    """What was entered for one element: its counts by category code (None:
    left empty) and the comment."""

    values: Mapping[str, int | None]
    comment: str = ""

    @property
    def total(self) -> int | None:
        return self.values.get(TOTAL)


@dataclass
class Findings:
    errors: dict[FieldKey, list[str]] = field(default_factory=dict)
    warnings: dict[int, str] = field(default_factory=dict)
    """Implausible changes, by element id: shown, and needing a comment to submit."""

    def add(self, key: FieldKey, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def check_report(
    elements: Sequence[DataElement],
    entries: Mapping[int, ElementEntry],
    previous_totals: Mapping[int, int],
    *,
    submitting: bool,
) -> Findings:
    """The problems of a report, keyed by field, and the warnings by element."""
    findings = Findings()
    for element in elements:
        entry = entries.get(element.pk, ElementEntry({}))
        codes = category_codes(element.breakdown)
        for code in codes:
            value = entry.values.get(code)
            if value is not None and value < 0:
                findings.add((element.pk, code), _("Antalet kan inte vara negativt."))
            elif value is None and submitting:
                findings.add(
                    (element.pk, code),
                    _("Fyll i ett antal. Skriv 0 om det inte finns något att räkna."),
                )
        _check_sum(element, entry, codes, findings)
        change = implausible_change(previous_totals.get(element.pk), entry.total)
        if change is not None and entry.total is not None:
            findings.warnings[element.pk] = change_message(
                change, previous_totals[element.pk], entry.total
            )
            if submitting and not entry.comment.strip():
                findings.add(
                    (element.pk, COMMENT),
                    _("Skriv en kommentar som förklarar ändringen innan du skickar in."),
                )
    return findings


def _check_sum(
    element: DataElement, entry: ElementEntry, codes: list[str], findings: Findings
) -> None:
    cells = [entry.values.get(code) for code in codes[1:]]
    if not cells or entry.total is None or any(cell is None for cell in cells):
        return
    cell_sum = sum(cell for cell in cells if cell is not None)
    if cell_sum != entry.total:
        findings.add(
            (element.pk, TOTAL),
            _(
                "Uppdelningen summerar till %(sum)s men totalt är %(total)s. "
                "Rätta så att de stämmer."
            )
            % {"sum": cell_sum, "total": entry.total},
        )
