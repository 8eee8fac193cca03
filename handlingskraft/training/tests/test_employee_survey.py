"""The employee survey's results: entered one at a time or imported from a
CSV file, checked in full before anything is written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlingskraft.conftest import World
from handlingskraft.training.employee_survey import (
    SurveyFileError,
    SurveyResultInput,
    parse_survey_file,
    survey_result_record,
    survey_results_import,
)
from handlingskraft.training.models import EmployeeSurveyResult, SurveyQuestion

pytestmark = pytest.mark.django_db

HEADER = "år;aktör;fråga;andel;svarande\n"


def test_a_file_with_labels_codes_and_decimal_commas_is_read(world: World):
    text = (
        HEADER
        + "2022;;Erbjuden utbildning i HRV;31,5;1250\n"
        + "2022;socialnämnden;exposed_at_work;12.4 %;\n"
    )
    first, second = parse_survey_file(text.encode("utf-8-sig"), world.organization)
    assert first == SurveyResultInput(
        2022, SurveyQuestion.OFFERED_TRAINING, Decimal("31.5"), None, 1250
    )
    assert (second.actor, second.question, second.share, second.respondents) == (
        world.social,
        SurveyQuestion.EXPOSED_AT_WORK,
        Decimal("12.4"),
        None,
    )


def test_every_problem_is_named_by_its_row_and_nothing_is_written(world: World):
    text = (
        HEADER
        + "2022;;Erbjuden utbildning i HRV;31,5;1250\n"
        + "tjugo;Okänd nämnd;Vet ej;120;många\n"
        + "2022;;Erbjuden utbildning i HRV;30;1000\n"
    )
    with pytest.raises(SurveyFileError) as raised:
        survey_results_import(
            content=text, organization=world.organization, user=world.users["coordinator"]
        )
    assert raised.value.errors == [
        "Rad 3: året ska vara ett årtal, till exempel 2022; aktören ”Okänd nämnd” finns inte; "
        "frågan ”Vet ej” finns inte; andelen ska vara ett tal mellan 0 och 100; "
        "antalet svarande ska vara ett helt tal.",
        "Rad 4: samma år, aktör och fråga finns på en tidigare rad.",
    ]
    assert not EmployeeSurveyResult.objects.exists()


def test_a_file_needs_the_header_and_some_rows(world: World):
    with pytest.raises(SurveyFileError, match="rubrikerna"):
        parse_survey_file("year;actor\n2022;x\n", world.organization)
    with pytest.raises(SurveyFileError, match="inga resultat"):
        parse_survey_file(HEADER, world.organization)
    with pytest.raises(SurveyFileError, match="UTF-8"):
        parse_survey_file("år;aktör".encode("latin-1"), world.organization)


def test_importing_again_changes_only_what_differs(world: World):
    user = world.users["coordinator"]
    text = (
        HEADER
        + "2022;;Erbjuden utbildning i HRV;31,5;1250\n2024;;Erbjuden utbildning i HRV;50;1300\n"
    )
    report = survey_results_import(content=text, organization=world.organization, user=user)
    assert (report.created, report.changed, report.unchanged) == (2, 0, 0)
    text = text.replace(";50;", ";52;")
    report = survey_results_import(content=text, organization=world.organization, user=user)
    assert (report.created, report.changed, report.unchanged) == (0, 1, 1)
    changed = EmployeeSurveyResult.objects.get(year=2024)
    assert changed.share == Decimal("52")
    assert changed.history.count() == 2


def test_entering_the_same_result_twice_changes_nothing(world: World):
    data = SurveyResultInput(2022, SurveyQuestion.OFFERED_TRAINING, Decimal("31.5"))
    user = world.users["coordinator"]
    assert survey_result_record(organization=world.organization, user=user, data=data)[1]
    assert not survey_result_record(organization=world.organization, user=user, data=data)[1]
