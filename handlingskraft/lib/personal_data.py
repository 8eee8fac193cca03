"""The personal-data guard: free text must never hold a Swedish personal identity
number (personnummer) or coordination number (samordningsnummer).

Only numbers that are real, with a valid date and check digit, are refused, so
ordinary figures, dates, phone numbers, organisation numbers and diarienummer
pass."""

from __future__ import annotations

import calendar
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import luhn

# Between the date and the last four digits: nothing, a hyphen, a plus (used
# for people aged 100 or more), a space, or a dash that a word processor put
# in place of the hyphen (non-breaking hyphen, figure dash, en dash, minus).
_SEPARATORS = "-+ \u00a0\u2010\u2011\u2012\u2013\u2212"
# Six or eight date digits, an optional separator, four digits; not part of a
# longer number. ASCII digits only: the check digit is computed over them.
_CANDIDATE = re.compile(rf"(?<![0-9])([0-9]{{6}}|[0-9]{{8}})[{_SEPARATORS}]?([0-9]{{4}})(?![0-9])")
_COORDINATION_DAY_OFFSET = 60


def _is_real_date(date_digits: str) -> bool:
    if len(date_digits) == 8:
        years = [int(date_digits[:4])]
        month, day = int(date_digits[4:6]), int(date_digits[6:8])
    else:
        short_year = int(date_digits[:2])
        # The century is unknown: the date is real if it exists in either.
        years = [1900 + short_year, 2000 + short_year]
        month, day = int(date_digits[2:4]), int(date_digits[4:6])
    if day > _COORDINATION_DAY_OFFSET:
        day -= _COORDINATION_DAY_OFFSET
    if not 1 <= month <= 12 or day < 1:
        return False
    return any(day <= calendar.monthrange(year, month)[1] for year in years)


def find_identity_numbers(text: str) -> list[str]:
    """Return each personnummer or samordningsnummer found in `text`, as written."""
    found = []
    for match in _CANDIDATE.finditer(text):
        date_digits, tail = match.group(1), match.group(2)
        ten_digits = date_digits[-6:] + tail
        if _is_real_date(date_digits) and luhn.is_valid(ten_digits):
            found.append(match.group(0))
    return found


def personal_data_message(text: str) -> str | None:
    """A Swedish explanation if `text` holds an identity number, else None.
    The number itself is not repeated: messages end up in logs and e-mail."""
    if not find_identity_numbers(text):
        return None
    return _(
        "Texten innehåller något som ser ut som ett personnummer eller samordningsnummer. "
        "Handlingskraft får aldrig innehålla personuppgifter: här finns planer, "
        "uppföljningar och sammanräknade siffror som många kan läsa och som kan lämnas ut "
        "som allmän handling, och uppgifter om enskilda personer hör hemma i verksamhetens "
        "eget ärendesystem. Ta bort numret och skriv utan att peka ut någon."
    )


def validate_no_personal_data(text: str) -> None:
    """Django validator: refuse free text that holds an identity number."""
    message = personal_data_message(text)
    if message:
        raise ValidationError(message, code="personal_data")
