"""The personal-data guard, tested against numbers built here from first
principles: a real birth date, a three-digit birth number and a Luhn check
digit computed independently of the guard's own code."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from handlingskraft.conftest import World
from handlingskraft.lib.personal_data import (
    find_identity_numbers,
    personal_data_message,
    validate_no_personal_data,
)


def check_digit(nine_digits: str) -> int:
    """The Luhn check digit: double every other digit from the left, starting
    with the first, add the digits of the products, and take what brings the
    sum up to the next ten."""
    total = 0
    for index, character in enumerate(nine_digits):
        product = int(character) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def test_the_check_digit_of_a_published_example_is_right() -> None:
    # Skatteverket's example personnummer 811218-9876.
    assert check_digit("811218987") == 6


@st.composite
def identity_numbers(draw: st.DrawFn, *, valid: bool) -> str:
    """A personnummer or samordningsnummer as it may be written, with a correct
    check digit or (valid=False) a wrong one."""
    born = draw(
        st.dates(min_value=datetime.date(1890, 1, 1), max_value=datetime.date(2030, 12, 31))
    )
    coordination = draw(st.booleans())
    day = born.day + (60 if coordination else 0)
    birth_number = draw(st.integers(min_value=0, max_value=999))
    nine = f"{born:%y%m}{day:02d}{birth_number:03d}"
    digit = check_digit(nine)
    if not valid:
        digit = (digit + draw(st.integers(min_value=1, max_value=9))) % 10
    date_part = f"{born:%Y}"[:2] + nine[:6] if draw(st.booleans()) else nine[:6]
    separator = draw(st.sampled_from(["-", "+", ""]))
    return f"{date_part}{separator}{nine[6:]}{digit}"


# Any text at all, except digits of any script.
text_without_digits = st.text(st.characters(exclude_categories=["Nd"]), max_size=40)


@given(before=text_without_digits, number=identity_numbers(valid=True), after=text_without_digits)
def test_every_real_identity_number_in_any_text_is_found_and_refused(
    before: str, number: str, after: str
) -> None:
    text = f"{before}{number}{after}"
    assert find_identity_numbers(text) == [number]
    with pytest.raises(ValidationError):
        validate_no_personal_data(text)


@given(before=text_without_digits, number=identity_numbers(valid=False), after=text_without_digits)
def test_a_number_with_a_wrong_check_digit_is_accepted(
    before: str, number: str, after: str
) -> None:
    validate_no_personal_data(f"{before}{number}{after}")


@pytest.mark.parametrize(
    "text",
    [
        "Beslutad 2022-09-05.",
        "Beslutad 20220905.",
        "Ring växeln på 08-530 610 00.",
        "Samordnaren nås på 070-123 45 67.",
        "Från utlandet: +46 70 123 45 67.",
        "Diarienummer KS/2019:317.",
        "Dnr 2019/0624 KS",
        "Kommunens organisationsnummer är 212000-0142.",
        "Andelen ökade från 12 till 4 500 elever 2023.",
    ],
)
def test_dates_phone_numbers_and_diarienummer_are_accepted(text: str) -> None:
    validate_no_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gäller 811218–9876.",  # an en dash from a word processor
        "Gäller 811218\u20119876.",  # a non-breaking hyphen
        "Gäller 19811218 9876.",
        "Samordningsnummer 811278-9873.",
    ],
)
def test_identity_numbers_written_in_other_common_ways_are_refused(text: str) -> None:
    assert find_identity_numbers(text)


def test_the_message_says_why_the_system_must_not_hold_personal_data() -> None:
    message = personal_data_message("Gäller 811218-9876.")
    assert message is not None
    assert "personnummer eller samordningsnummer" in message
    assert "får aldrig innehålla personuppgifter" in message
    assert "allmän handling" in message
    assert "9876" not in message


def test_text_without_an_identity_number_has_no_message() -> None:
    assert personal_data_message("Informera föräldrar i årskurs 7.") is None


def test_an_activity_description_with_a_personnummer_is_refused_with_the_swedish_message(
    world: World,
) -> None:
    activity = world.activity
    activity.description = "Stöd till familjen med personnummer 811218-9876."
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    messages = refused.value.message_dict["description"]
    assert messages == [personal_data_message(activity.description)]
