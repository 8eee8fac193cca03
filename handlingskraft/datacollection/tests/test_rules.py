"""The rules a report must satisfy, as pure functions."""

from __future__ import annotations

import pytest

from handlingskraft.datacollection.categories import TOTAL, Breakdown
from handlingskraft.datacollection.models import DataElement
from handlingskraft.datacollection.rules import (
    COMMENT,
    Change,
    ElementEntry,
    check_report,
    implausible_change,
)


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (None, 50, None),  # nothing to compare with
        (10, None, None),
        (0, 9, None),
        (0, 10, Change.FROM_ZERO),
        (0, 0, None),
        (10, 20, None),  # exactly double is not more than double
        (10, 21, Change.MORE_THAN_DOUBLE),
        (10, 5, None),  # exactly half is not less than half
        (10, 4, Change.LESS_THAN_HALF),
        (1, 4, None),  # small counts vary: a change by fewer than 5 is never flagged
        (3, 7, None),
        (3, 8, Change.MORE_THAN_DOUBLE),
        (9, 4, Change.LESS_THAN_HALF),
        (5, 0, Change.LESS_THAN_HALF),
        (4, 0, None),
    ],
)
def test_an_implausible_change_is_more_than_double_less_than_half_or_a_jump_from_zero(
    previous: int | None, current: int | None, expected: Change | None
):
    assert implausible_change(previous, current) == expected


def element(pk: int, breakdown: str = Breakdown.GENDER) -> DataElement:
    return DataElement(pk=pk, code=f"E{pk}", name="Barn", breakdown=breakdown)


def gender(total: int | None, f: int | None, m: int | None, x: int | None = 0, comment: str = ""):
    return ElementEntry({TOTAL: total, "g:f": f, "g:m": m, "g:x": x}, comment=comment)


def test_the_breakdown_must_add_up_to_the_total():
    findings = check_report([element(1)], {1: gender(6, 3, 2)}, {}, submitting=False)
    assert findings.errors == {
        (1, TOTAL): ["Uppdelningen summerar till 5 men totalt är 6. Rätta så att de stämmer."]
    }
    assert not check_report([element(1)], {1: gender(5, 3, 2)}, {}, submitting=True).errors


def test_a_draft_may_have_gaps_but_a_submission_may_not():
    entry = {1: gender(5, 3, None)}
    assert not check_report([element(1)], entry, {}, submitting=False).errors
    errors = check_report([element(1)], entry, {}, submitting=True).errors
    assert errors == {(1, "g:m"): ["Fyll i ett antal. Skriv 0 om det inte finns något att räkna."]}


def test_a_missing_element_must_be_filled_in_to_submit():
    errors = check_report([element(1, Breakdown.NONE)], {}, {}, submitting=True).errors
    assert list(errors) == [(1, TOTAL)]


def test_negative_counts_are_refused():
    errors = check_report(
        [element(1, Breakdown.NONE)], {1: ElementEntry({TOTAL: -1})}, {}, submitting=False
    ).errors
    assert errors == {(1, TOTAL): ["Antalet kan inte vara negativt."]}


def test_an_implausible_change_is_a_warning_that_needs_a_comment_to_submit():
    findings = check_report([element(1)], {1: gender(30, 20, 10)}, {1: 12}, submitting=False)
    assert not findings.errors
    assert findings.warnings[1].startswith(
        "Antalet har mer än fördubblats sedan förra perioden (12)."
    )
    submitted = check_report([element(1)], {1: gender(30, 20, 10)}, {1: 12}, submitting=True)
    assert submitted.errors == {
        (1, COMMENT): ["Skriv en kommentar som förklarar ändringen innan du skickar in."]
    }
    explained = {1: gender(30, 20, 10, comment="Ny rutin för att upptäcka.")}
    assert not check_report([element(1)], explained, {1: 12}, submitting=True).errors
