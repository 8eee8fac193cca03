"""Every change to measure values and unit surveys: one function each, taking
the acting user, in a transaction. Views decide who may call them; these
functions decide what the data allows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from handlingskraft.accounts.models import User
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.lib.personal_data import personal_data_message
from handlingskraft.organizations.models import Actor, Unit
from handlingskraft.plans.models import Measure, MeasureKind
from handlingskraft.plans.periods import Period

from .models import (
    Gender,
    MeasureValue,
    SurveyAnswer,
    SurveyState,
    UnitSurvey,
    UnitSurveyAnswer,
    ValueSource,
)
from .queries import ACTOR_SHARES
from .shares import survey_result


class IndicatorError(Exception):
    """What the data does not allow; the message is Swedish."""


@dataclass(frozen=True)
class ValueInput:
    period: Period
    value: Decimal
    gender: str = Gender.TOTAL
    comment: str = ""


@dataclass(frozen=True)
class SurveyInput:
    period: Period
    question: str


def value_problem(measure: Measure, value: Decimal) -> str | None:
    """Why `value` cannot be a value of `measure`, given its kind, or None."""
    if measure.kind in {MeasureKind.SHARE, MeasureKind.SURVEY_PERCENTAGE}:
        if not 0 <= value <= 100:
            return _("En andel anges i procent, mellan 0 och 100.")
    elif measure.kind == MeasureKind.COUNT:
        if value < 0 or value != value.to_integral_value():
            return _("Ett antal är ett helt tal, 0 eller mer.")
    elif measure.kind == MeasureKind.RATE and value < 0:
        return _("Antal per 10 000 invånare kan inte vara negativt.")
    return None


def _check_text(text: str) -> None:
    message = personal_data_message(text)
    if message:
        raise IndicatorError(message)


@transaction.atomic
def value_record(*, measure: Measure, user: User, data: ValueInput) -> MeasureValue:
    """Append a value entered by hand; earlier values of the period stay as history."""
    problem = value_problem(measure, data.value)
    if problem:
        raise IndicatorError(problem)
    if data.gender not in Gender.values:
        raise IndicatorError(_("Välj totalt, kvinnor/flickor eller män/pojkar."))
    _check_text(data.comment)
    value = MeasureValue(
        measure=measure,
        year=data.period.year,
        tertial=data.period.tertial,
        gender=data.gender,
        value=data.value,
        comment=data.comment.strip(),
        source=ValueSource.MANUAL,
        entered_by=user,
    )
    value._history_user = user  # type: ignore[attr-defined]
    value.save()
    return value


# --- unit surveys ------------------------------------------------------------------


def survey_respondents(measure: Measure) -> list[tuple[Actor, Unit | None]]:
    """Who a survey of `measure` is sent to: every unit of the kind the share
    is counted over, or every committee or administration; in name order."""
    organization_id = measure.plan.organization_id
    actor_kind = ACTOR_SHARES.get(measure.share_of)  # type: ignore[call-overload]
    if actor_kind is not None:
        actors = Actor.objects.filter(organization_id=organization_id, kind=actor_kind)
        return [(actor, None) for actor in actors.order_by("name")]
    units = Unit.objects.filter(
        actor__organization_id=organization_id, kind=measure.share_of
    ).select_related("actor")
    return [(unit.actor, unit) for unit in units.order_by("name", "actor__name")]


@transaction.atomic
def survey_create(*, measure: Measure, user: User, data: SurveyInput) -> UnitSurvey:
    """Send a question about a share measure to all its respondents for a period."""
    if measure.kind != MeasureKind.SHARE or not measure.share_of:
        raise IndicatorError(
            _(
                "En enhetsenkät kan bara skickas för ett mått som är en andel, "
                "med ”andel av” angivet."
            )
        )
    _check_text(data.question)
    if not data.question.strip():
        raise IndicatorError(_("Skriv frågan."))
    taken = UnitSurvey.objects.filter(
        measure__lineage=measure.lineage,
        organization_id=measure.plan.organization_id,
        year=data.period.year,
        tertial=data.period.tertial,
    )
    if taken.exists():
        raise IndicatorError(_("Det finns redan en enkät för måttet och perioden."))
    respondents = survey_respondents(measure)
    if not respondents:
        raise IndicatorError(
            _("Organisationen har inga %(kind)s att fråga. Lägg först in dem som enheter.")
            % {"kind": measure.get_share_of_display()}
        )
    survey = UnitSurvey(
        organization_id=measure.plan.organization_id,
        measure=measure,
        year=data.period.year,
        tertial=data.period.tertial,
        question=data.question.strip(),
        respondent_kind=measure.share_of,
        created_by=user,
    )
    survey._history_user = user  # type: ignore[attr-defined]
    survey.save()
    answers = [
        UnitSurveyAnswer(survey=survey, actor=actor, unit=unit) for actor, unit in respondents
    ]
    bulk_create_with_history(answers, UnitSurveyAnswer, batch_size=500, default_user=user)
    return survey


def _ensure_open(survey: UnitSurvey) -> UnitSurvey:
    survey = UnitSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.state != SurveyState.OPEN:
        raise IndicatorError(_("Enkäten är stängd; svaren kan inte ändras."))
    return survey


@transaction.atomic
def survey_answers_save(
    *, survey: UnitSurvey, user: User, answers: Mapping[int, tuple[str, str]]
) -> int:
    """Save answers: answer row id → (answer, comment). The caller passes only
    rows the user may answer for. Returns how many answers changed."""
    survey = _ensure_open(survey)
    changed = 0
    for row in survey.answers.filter(pk__in=answers):
        answer, comment = answers[row.pk]
        if answer not in SurveyAnswer.values and answer != "":
            raise IndicatorError(_("Svara ja, nej eller delvis."))
        _check_text(comment)
        if (row.answer, row.comment) == (answer, comment.strip()):
            continue
        row.answer, row.comment = answer, comment.strip()
        row.answered_by, row.answered_at = user, timezone.now()
        row._history_user = user  # type: ignore[attr-defined]
        row.save()
        changed += 1
    return changed


def _survey_comment(survey: UnitSurvey, answers: list[str]) -> str:
    result = survey_result(answers)
    return _(
        "Enhetsenkät %(period)s: %(answered)s av %(asked)s %(kind)s svarade "
        "(täckning %(coverage)s %%). Ja: %(yes)s, delvis: %(partly)s, nej: %(no)s. "
        "Andelen räknas bland dem som svarat; delvis räknas inte som ja."
    ) % {
        "period": survey.period.label,
        "answered": result.answered,
        "asked": result.asked,
        "kind": survey.get_respondent_kind_display(),
        "coverage": format_decimal(result.coverage or 0, 1),
        "yes": result.yes,
        "partly": result.partly,
        "no": result.no,
    }


@transaction.atomic
def survey_close(*, survey: UnitSurvey, user: User) -> MeasureValue | None:
    """Close the survey and write its share as the measure's value for the
    period (source: unit survey), with the coverage in the comment. With no
    answers at all nothing can be computed and no value is written."""
    survey = _ensure_open(survey)
    answers = list(survey.answers.values_list("answer", flat=True))
    survey.state = SurveyState.CLOSED
    survey.closed_by, survey.closed_at = user, timezone.now()
    survey._history_user = user  # type: ignore[attr-defined]
    survey.save()
    share = survey_result(answers).share
    if share is None:
        return None
    value = MeasureValue(
        measure=survey.measure,
        year=survey.year,
        tertial=survey.tertial,
        gender=Gender.TOTAL,
        value=share,
        comment=_survey_comment(survey, answers),
        source=ValueSource.UNIT_SURVEY,
        survey=survey,
        entered_by=user,
    )
    value._history_user = user  # type: ignore[attr-defined]
    value.save()
    return value
