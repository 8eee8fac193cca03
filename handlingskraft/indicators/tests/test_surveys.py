"""Unit surveys: sent to every unit of a kind, answered per unit, the share
and coverage counted from the answers and written as the measure's value when
the survey closes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlingskraft.conftest import World, make_actor
from handlingskraft.indicators.models import SurveyState, UnitSurvey, ValueSource
from handlingskraft.indicators.services import (
    IndicatorError,
    SurveyInput,
    survey_answers_save,
    survey_close,
    survey_create,
)
from handlingskraft.organizations.models import ActorKind, Unit, UnitKind
from handlingskraft.plans.periods import Period

from .conftest import QUESTION, make_share_measure, preschools_of

pytestmark = pytest.mark.django_db

NAMES = {
    "Socialnämnden": ["Förskolan Ekorren"],
    "Utbildningsnämnden": ["Förskolan Björken", "Förskolan Granen", "Förskolan Tallen"],
}


def sent(world: World, period: Period | None = None) -> UnitSurvey:
    make_share_measure(world.measure)
    preschools = Unit.objects.filter(
        actor__organization=world.organization, kind=UnitKind.PRESCHOOL
    )
    if not preschools.exists():
        preschools_of(world.plan, NAMES)
    data = SurveyInput(period=period or Period(2025), question=QUESTION)
    return survey_create(measure=world.measure, user=world.users["coordinator"], data=data)


def answer(survey: UnitSurvey, world: World, **by_name: str) -> int:
    rows = {row.unit.name: row.pk for row in survey.answers.select_related("unit")}  # type: ignore[union-attr]
    answers = {rows[name.replace("_", " ")]: (value, "") for name, value in by_name.items()}
    return survey_answers_save(survey=survey, user=world.users["coordinator"], answers=answers)


def test_a_survey_goes_to_every_unit_of_the_kind_in_the_organisation_only(world: World):
    other_actor = world.other_plan.organization.actors.get()
    Unit.objects.create(actor=other_actor, name="Annans förskola", kind=UnitKind.PRESCHOOL)
    Unit.objects.create(actor=world.school, name="Skolan Lärkan", kind=UnitKind.SCHOOL)
    survey = sent(world)
    names = [row.respondent_name for row in survey.answers.all()]
    assert names == [
        "Förskolan Ekorren",
        "Förskolan Björken",
        "Förskolan Granen",
        "Förskolan Tallen",
    ]
    assert survey.respondent_kind == UnitKind.PRESCHOOL
    assert survey.organization == world.organization


def test_a_share_of_committees_asks_the_committees_themselves(world: World):
    make_actor(world.organization, "Socialförvaltningen", ActorKind.ADMINISTRATION)
    make_share_measure(world.measure, share_of="committee")
    data = SurveyInput(period=Period(2025), question="Har nämnden antagit en plan?")
    survey = survey_create(measure=world.measure, user=world.users["coordinator"], data=data)
    assert [(row.actor.name, row.unit) for row in survey.answers.all()] == [
        ("Socialnämnden", None),
        ("Utbildningsnämnden", None),
    ]


def test_closing_with_partial_coverage_writes_the_share_of_yes_among_those_who_answered(
    world: World,
):
    survey = sent(world)
    answer(survey, world, Förskolan_Ekorren="yes", Förskolan_Björken="partly")
    answer(survey, world, Förskolan_Granen="yes")
    value = survey_close(survey=survey, user=world.users["coordinator"])
    assert value is not None
    assert (value.value, value.source, value.survey, value.period) == (
        Decimal("66.7"),
        ValueSource.UNIT_SURVEY,
        survey,
        Period(2025),
    )
    assert value.comment == (
        "Enhetsenkät 2025: 3 av 4 förskolor svarade (täckning 75 %). Ja: 2, delvis: 1, "
        "nej: 0. Andelen räknas bland dem som svarat; delvis räknas inte som ja."
    )
    survey.refresh_from_db()
    assert survey.state == SurveyState.CLOSED


def test_answers_can_be_changed_until_the_survey_closes_and_their_history_is_kept(
    world: World,
):
    survey = sent(world)
    assert answer(survey, world, Förskolan_Ekorren="no") == 1
    assert answer(survey, world, Förskolan_Ekorren="no") == 0
    assert answer(survey, world, Förskolan_Ekorren="yes") == 1
    row = survey.answers.get(unit__name="Förskolan Ekorren")
    assert [h.answer for h in row.history.order_by("history_date")] == ["", "no", "yes"]
    survey_close(survey=survey, user=world.users["coordinator"])
    with pytest.raises(IndicatorError, match="stängd"):
        answer(survey, world, Förskolan_Ekorren="no")


def test_a_survey_nobody_answered_closes_without_a_value(world: World):
    survey = sent(world)
    assert survey_close(survey=survey, user=world.users["coordinator"]) is None
    assert not survey.values.exists()


def test_only_share_measures_with_units_to_ask_and_one_survey_per_period(world: World):
    data = SurveyInput(period=Period(2025), question=QUESTION)
    coordinator = world.users["coordinator"]
    with pytest.raises(IndicatorError, match="andel"):
        survey_create(measure=world.measure, user=coordinator, data=data)
    make_share_measure(world.measure, share_of=UnitKind.LIBRARY)
    with pytest.raises(IndicatorError, match="inga bibliotek att fråga"):
        survey_create(measure=world.measure, user=coordinator, data=data)
    sent(world)
    with pytest.raises(IndicatorError, match="redan en enkät"):
        survey_create(measure=world.measure, user=coordinator, data=data)
    assert sent(world, Period(2025, 1)).period == Period(2025, 1)
