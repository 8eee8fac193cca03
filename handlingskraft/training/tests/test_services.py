"""The services decide what the data allows: participation never above the
staff, one row per year, unit and group, no save over someone else's
change; plan lines, settings, lists; fed measures computed again."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from handlingskraft.conftest import World, make_actor
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.organizations.models import Unit, UnitKind
from handlingskraft.plans.models import MeasureKind
from handlingskraft.training.feeding import FeedError, coverage_measure_set
from handlingskraft.training.models import (
    CoverageBasis,
    Participation,
    ProfessionalGroup,
    Topic,
    Training,
    TrainingSettings,
)
from handlingskraft.training.services import (
    LineInput,
    ListRow,
    ParticipationConflict,
    ParticipationRow,
    TrainingError,
    TrainingInput,
    YearInput,
    list_update,
    participation_rows,
    participation_save,
    participation_version,
    plan_line_save,
    settings_update,
    training_save,
)

from .conftest import group, participate, plan_line

pytestmark = pytest.mark.django_db


def save(training: Training, world: World, rows: list[ParticipationRow], actor=None) -> int:
    actor = actor or world.social
    return participation_save(
        training=training,
        actor=actor,
        user=world.users["coordinator"],
        rows=rows,
        based_on=participation_version(participation_rows(training, actor)),
    )


def row(world: World, participants: int, staff: int, **fields) -> ParticipationRow:
    fields.setdefault("year", 2024)
    fields.setdefault("group", group(world.organization, "Socialtjänst"))
    return ParticipationRow(participants=participants, staff=staff, **fields)


# --- participation -------------------------------------------------------------------


def test_participation_is_saved_with_who_entered_it(world: World, training: Training):
    assert save(training, world, [row(world, 12, 40)]) == 1
    saved = Participation.objects.get()
    assert (saved.actor, saved.participants, saved.staff) == (world.social, 12, 40)
    assert saved.entered_by == world.users["coordinator"]
    assert saved.history.get().history_user == world.users["coordinator"]


def test_participants_cannot_exceed_the_staff(world: World, training: Training):
    with pytest.raises(TrainingError, match="fler än personalen i gruppen \\(10\\)"):
        save(training, world, [row(world, 11, 10)])
    assert not Participation.objects.exists()


def test_the_database_refuses_more_participants_than_staff(world: World, training: Training):
    with pytest.raises(IntegrityError), transaction.atomic():
        participate(training, world.social, participants=5, staff=4)


def test_all_staff_may_take_part_and_a_group_may_have_no_staff(world: World, training: Training):
    save(training, world, [row(world, 10, 10), row(world, 0, 0, year=2023)])
    assert Participation.objects.count() == 2


def test_a_unit_must_belong_to_the_actor(world: World, training: Training):
    school = Unit.objects.create(actor=world.school, name="Skolan", kind=UnitKind.SCHOOL)
    with pytest.raises(TrainingError, match="Enheten hör inte till aktören"):
        save(training, world, [row(world, 1, 5, unit=school)])


def test_one_row_per_year_unit_and_group(world: World, training: Training):
    with pytest.raises(TrainingError, match="två rader"):
        save(training, world, [row(world, 1, 5), row(world, 2, 5)])


def test_rows_left_out_are_removed_and_unchanged_rows_are_not_saved_again(
    world: World, training: Training
):
    save(training, world, [row(world, 1, 5), row(world, 2, 6, year=2023)])
    assert save(training, world, [row(world, 1, 5)]) == 1
    assert list(Participation.objects.values_list("year", flat=True)) == [2024]
    assert save(training, world, [row(world, 1, 5)]) == 0


def test_a_save_based_on_figures_someone_else_changed_is_refused(world: World, training: Training):
    before = participation_version(participation_rows(training, world.social))
    save(training, world, [row(world, 3, 5)])
    with pytest.raises(ParticipationConflict):
        participation_save(
            training=training,
            actor=world.social,
            user=world.users["reporter"],
            rows=[row(world, 4, 5)],
            based_on=before,
        )
    assert Participation.objects.get().participants == 3


def test_another_organisations_actor_cannot_report(world: World, training: Training):
    stranger = make_actor(world.other_organization, "Kulturnämnden")
    with pytest.raises(TrainingError):
        save(training, world, [], actor=stranger)


# --- trainings, plan lines, settings, lists ------------------------------------------


def test_a_training_keeps_its_lists_and_refuses_another_organisations_actor(world: World):
    data = TrainingInput(title="Webbkurs", format="web", is_ongoing=True, organisers=[world.school])
    training = training_save(
        organization=world.organization, user=world.users["coordinator"], data=data
    )
    assert list(training.organisers.all()) == [world.school]
    stranger = make_actor(world.other_organization, "Kulturnämnden")
    bad = TrainingInput(title="Webbkurs", format="web", organisers=[stranger])
    with pytest.raises(TrainingError):
        training_save(organization=world.organization, user=world.users["coordinator"], data=bad)


def test_a_training_cannot_end_before_it_starts(world: World):
    data = TrainingInput(
        title="Dag",
        format="in_person",
        starts_on=datetime.date(2024, 5, 2),
        ends_on=datetime.date(2024, 5, 1),
    )
    with pytest.raises(TrainingError, match="Sista dagen"):
        training_save(organization=world.organization, user=world.users["coordinator"], data=data)


def test_a_plan_line_saves_its_years_and_refuses_a_second_line_for_the_same_group(world: World):
    user = world.users["coordinator"]
    skola = group(world.organization, "Skola")
    data = LineInput(
        actor=world.school,
        group=skola,
        years=[YearInput(2024, 100, Decimal(50)), YearInput(2025, 110)],
    )
    line = plan_line_save(organization=world.organization, user=user, data=data)
    assert [(y.year, y.staff, y.target_share) for y in line.years.order_by("year")] == [
        (2024, 100, Decimal(50)),
        (2025, 110, None),
    ]
    fewer = LineInput(actor=world.school, group=skola, years=[YearInput(2025, 120)])
    plan_line_save(organization=world.organization, user=user, data=fewer, line=line)
    assert [(y.year, y.staff) for y in line.years.all()] == [(2025, 120)]
    with pytest.raises(TrainingError, match="redan en rad"):
        plan_line_save(organization=world.organization, user=user, data=data)


def test_the_settings_name_the_coordinating_actor(world: World):
    settings_update(
        organization=world.organization,
        user=world.users["coordinator"],
        coordinating_actor=world.school,
        survey_baseline_year=2022,
    )
    assert TrainingSettings.objects.get().coordinating_actor == world.school
    stranger = make_actor(world.other_organization, "Kulturnämnden")
    with pytest.raises(TrainingError):
        settings_update(
            organization=world.organization,
            user=world.users["coordinator"],
            coordinating_actor=stranger,
            survey_baseline_year=2022,
        )


def test_the_lists_start_from_the_issues_defaults_and_can_be_changed(world: World):
    skola = group(world.organization, "Skola")
    names = list(
        ProfessionalGroup.objects.filter(organization=world.organization).values_list(
            "name", flat=True
        )
    )
    assert names == ["Förskola", "Skola", "Fritid och kultur", "Socialtjänst", "Arbetsmarknad"]
    assert set(Topic.objects.values_list("name", flat=True)) >= {"Könsstympning", "Barnäktenskap"}
    list_update(
        organization=world.organization,
        user=world.users["coordinator"],
        model=ProfessionalGroup,
        rows=[ListRow(skola.pk, "Grundskola", True), ListRow(None, "Elevhälsa", True)],
    )
    skola.refresh_from_db()
    assert skola.name == "Grundskola"
    assert ProfessionalGroup.objects.filter(name="Elevhälsa").exists()
    with pytest.raises(TrainingError, match="två gånger"):
        list_update(
            organization=world.organization,
            user=world.users["coordinator"],
            model=ProfessionalGroup,
            rows=[ListRow(None, "Elevhälsa", True), ListRow(None, "elevhälsa", True)],
        )


# --- measures fed from coverage ------------------------------------------------------


def feed(world: World, basis: str = CoverageBasis.STAFF) -> list[MeasureValue]:
    return coverage_measure_set(measure=world.measure, user=world.users["coordinator"], basis=basis)


def test_a_fed_measure_gets_a_value_per_plan_year_with_its_source(world: World, training: Training):
    plan_line(world.social, "Socialtjänst", {2024: (40, 50), 2025: (40, 80)}, trainings=[training])
    participate(training, world.social, "Socialtjänst", participants=10, staff=40, year=2024)
    participate(training, world.social, "Socialtjänst", participants=10, staff=40, year=2025)
    written = feed(world)
    assert [(v.year, v.value, v.source) for v in written] == [
        (2024, Decimal("25.0"), ValueSource.COMPETENCE_PLAN),
        (2025, Decimal("50.0"), ValueSource.COMPETENCE_PLAN),
    ]
    assert "10 av 40 i personalen" in written[0].comment


def test_participation_changes_recompute_only_the_changed_years(world: World, training: Training):
    plan_line(world.social, "Socialtjänst", {2024: (40, 50), 2025: (40, 80)}, trainings=[training])
    participate(training, world.social, "Socialtjänst", participants=10, staff=40, year=2024)
    feed(world)
    assert MeasureValue.objects.count() == 2
    save(
        training,
        world,
        [row(world, 10, 40), row(world, 20, 40, year=2025)],
    )
    values = MeasureValue.objects.order_by("pk")
    assert [(v.year, v.value) for v in values] == [
        (2024, Decimal("25.0")),
        (2025, Decimal("25.0")),
        (2025, Decimal("75.0")),
    ]


def test_the_share_of_staff_is_not_written_while_the_trained_are_few(
    world: World, training: Training
):
    plan_line(world.social, "Socialtjänst", {2024: (400, None)}, trainings=[training])
    participate(training, world.social, "Socialtjänst", participants=3, staff=400)
    assert feed(world) == []
    assert feed(world, CoverageBasis.ACTORS) == []  # no target: no actor judged


def test_a_count_measure_cannot_be_fed(world: World):
    world.measure.kind = MeasureKind.COUNT
    world.measure.save()
    with pytest.raises(FeedError):
        feed(world)


def test_a_measure_can_be_typed_in_again(world: World, training: Training):
    feed(world)
    coverage_measure_set(measure=world.measure, user=world.users["coordinator"], basis=None)
    assert not world.measure.__class__.objects.filter(coverage_feed__isnull=False).exists()


def test_the_feed_needs_a_known_basis(world: World):
    with pytest.raises(FeedError):
        feed(world, "guess")
