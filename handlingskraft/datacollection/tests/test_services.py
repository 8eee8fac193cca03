"""A report through its services: drafts, submitting, approving (which locks
it), returning, corrections with a reason, and concurrent saves."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from handlingskraft.conftest import World
from handlingskraft.datacollection.categories import TOTAL
from handlingskraft.datacollection.models import DataSet, DataValue, StatisticsSettings, ValueState
from handlingskraft.datacollection.queries import (
    approved_values,
    current_version,
    report_states,
    report_versions,
)
from handlingskraft.datacollection.services import (
    StatisticsError,
    ValuesConflict,
    threshold_set,
    values_correct,
    values_review,
    values_save,
)
from handlingskraft.plans.periods import Period

from .conftest import YEAR, approve, elements, entries, submit

pytestmark = pytest.mark.django_db


def save_draft(data_set: DataSet, world: World, based_on: int = 0, **values: object):
    return values_save(
        data_set=data_set,
        actor=world.social,
        period=YEAR,
        user=world.users["reporter"],
        entries=entries(data_set, **values),  # type: ignore[arg-type]
        based_on=based_on,
        submit=False,
    )


def test_each_save_appends_a_version_and_nothing_is_overwritten(world: World, data_set: DataSet):
    first = save_draft(data_set, world, girls=1)
    second = save_draft(data_set, world, based_on=1, girls=2)
    assert (first.number, second.number) == (1, 2)
    versions = report_versions(data_set, world.social, YEAR)
    abroad, _staff = elements(data_set)
    assert [v.value(abroad.pk, "g:f") for v in versions] == [1, 2]
    assert DataValue.objects.filter(number=1).count() == 5  # total and 3 cells, and staff


def test_a_submitted_report_cannot_be_saved_until_it_is_returned(world: World, data_set: DataSet):
    submit(data_set, world.social, world.users["reporter"])
    with pytest.raises(StatisticsError, match="inskickad"):
        save_draft(data_set, world, based_on=1)
    values_review(
        data_set=data_set,
        actor=world.social,
        period=YEAR,
        user=world.users["coordinator"],
        approve=False,
        comment="Kontrollera pojkarna.",
    )
    current = current_version(report_versions(data_set, world.social, YEAR))
    assert current is not None
    assert (current.state, current.reason) == (ValueState.DRAFT, "Kontrollera pojkarna.")
    assert save_draft(data_set, world, based_on=2).number == 3


def test_returning_needs_a_comment(world: World, data_set: DataSet):
    submit(data_set, world.social, world.users["reporter"])
    with pytest.raises(StatisticsError, match="kompletteras"):
        values_review(
            data_set=data_set,
            actor=world.social,
            period=YEAR,
            user=world.users["coordinator"],
            approve=False,
        )


def test_submitting_refuses_gaps_and_sums_that_do_not_add_up(world: World, data_set: DataSet):
    abroad, staff = elements(data_set)
    wrong = {
        abroad.pk: entries(data_set)[abroad.pk].__class__({TOTAL: 9, "g:f": 3, "g:m": 2, "g:x": 0}),
        staff.pk: entries(data_set)[staff.pk],
    }
    with pytest.raises(StatisticsError, match="inte komplett"):
        values_save(
            data_set=data_set,
            actor=world.social,
            period=YEAR,
            user=world.users["reporter"],
            entries=wrong,
            based_on=0,
            submit=True,
        )
    assert not DataValue.objects.exists()


def test_an_implausible_change_is_submitted_only_with_a_comment(world: World, data_set: DataSet):
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, Period(2024), girls=1, boys=1, trained=10)
    with pytest.raises(StatisticsError):
        submit(data_set, world.social, world.users["reporter"], trained=40)
    version = submit(
        data_set,
        world.social,
        world.users["reporter"],
        trained=40,
        trained_comment="Ny utbildning.",
    )
    assert version.state == ValueState.SUBMITTED


def test_approval_locks_the_report(world: World, data_set: DataSet):
    approved = approve(data_set, world.social, world.users["coordinator"])
    assert approved.state == ValueState.APPROVED
    with pytest.raises(StatisticsError, match="inskickad"):
        save_draft(data_set, world, based_on=approved.number)
    with pytest.raises(StatisticsError, match="Bara inskickade"):
        values_review(
            data_set=data_set,
            actor=world.social,
            period=YEAR,
            user=world.users["coordinator"],
            approve=True,
        )
    assert report_states(data_set) == {(world.social.pk, YEAR): ValueState.APPROVED}


def test_a_correction_needs_a_reason_and_is_kept_in_the_history(world: World, data_set: DataSet):
    coordinator = world.users["coordinator"]
    approved = approve(data_set, world.social, coordinator)
    corrected = dict(entries(data_set, girls=4))
    with pytest.raises(StatisticsError, match="skälet"):
        values_correct(
            data_set=data_set,
            actor=world.social,
            period=YEAR,
            user=coordinator,
            entries=corrected,
            reason="  ",
            based_on=approved.number,
        )
    version = values_correct(
        data_set=data_set,
        actor=world.social,
        period=YEAR,
        user=coordinator,
        entries=corrected,
        reason="Ett barn var dubbelräknat som pojke.",
        based_on=approved.number,
    )
    assert (version.state, version.reason) == (
        ValueState.APPROVED,
        "Ett barn var dubbelräknat som pojke.",
    )
    abroad, _staff = elements(data_set)
    history = report_versions(data_set, world.social, YEAR)
    assert [(v.state, v.value(abroad.pk, "g:f")) for v in history] == [
        (ValueState.SUBMITTED, 3),
        (ValueState.APPROVED, 3),
        (ValueState.APPROVED, 4),
    ]
    assert approved_values(data_set)[(world.social.pk, YEAR)][abroad.pk]["g:f"] == 4


def test_only_an_approved_report_is_corrected(world: World, data_set: DataSet):
    submit(data_set, world.social, world.users["reporter"])
    with pytest.raises(StatisticsError, match="Bara godkända"):
        values_correct(
            data_set=data_set,
            actor=world.social,
            period=YEAR,
            user=world.users["coordinator"],
            entries=entries(data_set),
            reason="Fel.",
            based_on=1,
        )


def test_the_second_of_two_concurrent_saves_is_kept_as_a_conflict(world: World, data_set: DataSet):
    save_draft(data_set, world, girls=1)  # both load version 1
    save_draft(data_set, world, based_on=1, girls=2)  # one saves
    with pytest.raises(ValuesConflict) as raised:
        save_draft(data_set, world, based_on=1, girls=7)  # the other, late
    conflict = raised.value
    abroad, _staff = elements(data_set)
    assert conflict.theirs is not None
    assert conflict.theirs.value(abroad.pk, "g:f") == 2
    assert conflict.mine.value(abroad.pk, "g:f") == 7
    assert conflict.mine.is_conflict
    versions = report_versions(data_set, world.social, YEAR)
    assert [(v.number, v.is_conflict) for v in versions] == [(1, False), (2, False), (3, True)]
    current = current_version(versions)
    assert current is not None and current.value(abroad.pk, "g:f") == 2


def test_a_late_submission_is_kept_as_a_conflict_and_not_submitted(world: World, data_set: DataSet):
    save_draft(data_set, world)
    save_draft(data_set, world, based_on=1)
    with pytest.raises(ValuesConflict):
        submit(data_set, world.social, world.users["reporter"], based_on=1)
    assert report_states(data_set) == {(world.social.pk, YEAR): ValueState.DRAFT}


def test_a_concurrent_correction_is_kept_as_a_conflict(world: World, data_set: DataSet):
    coordinator = world.users["coordinator"]
    approved = approve(data_set, world.social, coordinator)
    kwargs = {"data_set": data_set, "actor": world.social, "period": YEAR, "user": coordinator}
    values_correct(
        **kwargs, entries=entries(data_set, girls=4), reason="A.", based_on=approved.number
    )
    with pytest.raises(ValuesConflict):
        values_correct(
            **kwargs, entries=entries(data_set, girls=5), reason="B.", based_on=approved.number
        )
    abroad, _staff = elements(data_set)
    assert approved_values(data_set)[(world.social.pk, YEAR)][abroad.pk]["g:f"] == 4


def test_personal_data_in_a_comment_is_refused(world: World, data_set: DataSet):
    with pytest.raises(StatisticsError, match="personnummer"):
        save_draft(data_set, world, comment="Gäller 19121212-1212.")


def test_a_period_the_data_set_is_not_collected_for_is_refused(world: World, data_set: DataSet):
    with pytest.raises(StatisticsError, match="perioden"):
        values_save(
            data_set=data_set,
            actor=world.social,
            period=Period(2025, 1),
            user=world.users["reporter"],
            entries={},
            based_on=0,
            submit=False,
        )


def test_approved_values_take_each_reports_latest_approved_version(world: World, data_set: DataSet):
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, trained=12)
    approve(data_set, world.school, coordinator, trained=30)
    submit(data_set, world.social, coordinator, Period(2024))  # not approved: not in tables
    values = approved_values(data_set)
    _abroad, staff = elements(data_set)
    assert {key: rows[staff.pk][TOTAL] for key, rows in values.items()} == {
        (world.social.pk, YEAR): 12,
        (world.school.pk, YEAR): 30,
    }


def test_the_threshold_is_five_until_set_and_never_under_three(world: World):
    organization = world.organization
    assert StatisticsSettings.threshold_for(organization) == 5
    threshold_set(organization=organization, user=world.users["coordinator"], threshold=3)
    assert StatisticsSettings.threshold_for(organization) == 3
    with pytest.raises(Exception, match="lägre än 3"):
        threshold_set(organization=organization, user=world.users["coordinator"], threshold=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatisticsSettings.objects.filter(organization=organization).update(disclosure_threshold=2)


def test_a_save_without_a_single_count_is_refused_in_words(world: World, data_set: DataSet):
    with pytest.raises(StatisticsError, match=r"Fyll i minst ett antal\."):
        values_save(
            data_set=data_set,
            actor=world.social,
            period=Period(2025),
            user=world.users["reporter"],
            entries={},
            based_on=0,
            submit=False,
        )
