"""A unit survey's result, counted from the answers; never typed in.

The share is the share of "ja" among the units that have answered, in
percent. "Delvis" is not counted as half a "ja": a half-done routine is not a
routine, and a weight would be a number nobody can check. It is reported
separately, as its own share. Units that have not answered are unknown, not
"nej": they are left out of the share, and the coverage (answered of all
asked) says how much the share rests on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import SurveyAnswer

ONE_DECIMAL = Decimal("0.1")


def percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent with one decimal, or None when `whole` is 0."""
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SurveyResult:
    asked: int
    yes: int
    partly: int
    no: int

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def share(self) -> Decimal | None:
        """Share of "ja" among those who answered, in percent."""
        return percent(self.yes, self.answered)

    @property
    def partly_share(self) -> Decimal | None:
        """Share of "delvis" among those who answered, in percent."""
        return percent(self.partly, self.answered)

    @property
    def coverage(self) -> Decimal | None:
        """Answered of all asked, in percent."""
        return percent(self.answered, self.asked)


def survey_result(answers: Iterable[str]) -> SurveyResult:
    """Count the answers (one per respondent, "" for not answered yet)."""
    answers = list(answers)
    return SurveyResult(
        asked=len(answers),
        yes=answers.count(SurveyAnswer.YES),
        partly=answers.count(SurveyAnswer.PARTLY),
        no=answers.count(SurveyAnswer.NO),
    )
