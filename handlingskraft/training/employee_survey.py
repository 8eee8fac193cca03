"""The employee survey's aggregate results (medarbetarenkäten): entered one at
a time or imported from a CSV file. One result per year, question and actor
(or the whole organisation); entering it again changes it, and the history
keeps the earlier figure.

The file is what a spreadsheet saves as CSV, with a header row::

    år;aktör;fråga;andel;svarande
    2022;;Erbjuden utbildning i HRV;31,5;1250
    2022;Socialnämnden;offered_training;44;310

"aktör" empty means the whole organisation; "fråga" is the question's name
or code; "andel" is the share answering yes, in percent (a decimal comma
is fine); "svarande" (how many answered) may be left empty. The whole file
is checked before anything is written."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor, Organization

from .models import FIRST_YEAR, LAST_YEAR, EmployeeSurveyResult, SurveyQuestion

COLUMNS = ("år", "aktör", "fråga", "andel", "svarande")
MAX_ERRORS = 20


class SurveyFileError(Exception):
    """The file cannot be imported; `errors` names each problem's row."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class SurveyResultInput:
    year: int
    question: str
    share: Decimal
    actor: Actor | None = None
    respondents: int | None = None


@dataclass(frozen=True)
class ImportReport:
    created: int
    changed: int
    unchanged: int


def survey_result_record(
    *, organization: Organization, user: User | None, data: SurveyResultInput
) -> tuple[EmployeeSurveyResult, bool]:
    """Enter a result, or change the one for the same year, question and
    actor. Returns the result and whether anything changed."""
    if data.actor is not None and data.actor.organization_id != organization.pk:
        raise SurveyFileError([_("Aktören hör till en annan organisation.")])
    with transaction.atomic():
        result = EmployeeSurveyResult.objects.filter(
            organization=organization, year=data.year, question=data.question, actor=data.actor
        ).first() or EmployeeSurveyResult(
            organization=organization, year=data.year, question=data.question, actor=data.actor
        )
        if result.pk and (result.share, result.respondents) == (data.share, data.respondents):
            return result, False
        result.share, result.respondents, result.entered_by = data.share, data.respondents, user
        result._history_user = user  # type: ignore[attr-defined]
        result.save()
    return result, True


# --- reading a file ----------------------------------------------------------------


def _question_names() -> dict[str, str]:
    names = {value: value for value in SurveyQuestion.values}
    names.update({str(label).casefold(): value for value, label in SurveyQuestion.choices})
    return names


def _decode(content: str | bytes) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SurveyFileError([_("Filen är inte kodad i UTF-8.")]) from error


def _rows(text: str) -> list[list[str]]:
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = next((d for d in (";", "\t", ",") if d in first_line), ";")
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]


def _parse_row(
    cells: list[str], actors: dict[str, Actor], questions: dict[str, str]
) -> tuple[SurveyResultInput | None, list[str]]:
    cells = [cell.strip() for cell in cells] + [""] * (len(COLUMNS) - len(cells))
    year_text, actor_name, question_text, share_text, respondents_text = cells[: len(COLUMNS)]
    errors = []
    year = int(year_text) if year_text.isdigit() else None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors.append(_("året ska vara ett årtal, till exempel 2022"))
    actor = actors.get(actor_name.casefold()) if actor_name else None
    if actor_name and actor is None:
        errors.append(_("aktören ”%(name)s” finns inte") % {"name": actor_name[:80]})
    question = questions.get(question_text.casefold())
    if question is None:
        errors.append(_("frågan ”%(name)s” finns inte") % {"name": question_text[:80]})
    try:
        share = Decimal(share_text.rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        share = None
    if share is None or not share.is_finite() or not 0 <= share <= 100:
        errors.append(_("andelen ska vara ett tal mellan 0 och 100"))
    respondents = int(respondents_text) if respondents_text.isdigit() else None
    if respondents_text and respondents is None:
        errors.append(_("antalet svarande ska vara ett helt tal"))
    if errors:
        return None, errors
    assert year is not None and question is not None and share is not None
    return SurveyResultInput(year, question, share.quantize(Decimal("0.1")), actor, respondents), []


def parse_survey_file(content: str | bytes, organization: Organization) -> list[SurveyResultInput]:
    """The file's results, or SurveyFileError listing every problem by row."""
    rows = _rows(_decode(content))
    header = [cell.strip().casefold() for cell in rows[0]] if rows else []
    if header[: len(COLUMNS)] != list(COLUMNS):
        raise SurveyFileError(
            [_("Första raden ska vara rubrikerna %(columns)s.") % {"columns": ";".join(COLUMNS)}]
        )
    actors = {
        actor.name.casefold(): actor for actor in Actor.objects.filter(organization=organization)
    }
    questions = _question_names()
    results, errors, keys = [], [], set()
    for number, cells in enumerate(rows[1:], start=2):
        result, problems = _parse_row(cells, actors, questions)
        if result is not None:
            key = (result.year, result.question, result.actor)
            if key in keys:
                problems = [_("samma år, aktör och fråga finns på en tidigare rad")]
            keys.add(key)
        if problems:
            errors.append(
                _("Rad %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(problems)}
            )
        elif result is not None:
            results.append(result)
    if errors:
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = [*errors[:MAX_ERRORS], _("… och %(count)s fel till.") % {"count": more}]
        raise SurveyFileError(errors)
    if not results:
        raise SurveyFileError([_("Filen har inga resultat under rubrikraden.")])
    return results


@transaction.atomic
def survey_results_import(
    *, content: str | bytes, organization: Organization, user: User
) -> ImportReport:
    """Import a file of results: all of it, or nothing if any row is wrong."""
    results = parse_survey_file(content, organization)
    created = changed = 0
    for data in results:
        before = EmployeeSurveyResult.objects.filter(
            organization=organization, year=data.year, question=data.question, actor=data.actor
        ).exists()
        _result, did_change = survey_result_record(organization=organization, user=user, data=data)
        if did_change:
            changed += before
            created += not before
    return ImportReport(created, changed, len(results) - created - changed)
