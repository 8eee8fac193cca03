"""Coverage as pure functions: trained / staff per line and year, from
participation counts, with needs, caps, targets and hidden counts."""

from __future__ import annotations

from decimal import Decimal

from handlingskraft.training.coverage import (
    PlanLine,
    actor_share,
    actors_meeting_target,
    by_group,
    line_years,
    needs,
    percentage,
    plan_years,
    staff_share,
)

BASE, MEETING, OTHER = 1, 2, 3
HRV, FGM = 10, 11
SCHOOL_BOARD, SOCIAL = 100, 200
PRESCHOOL, SCHOOL, SOCIAL_WORK = 1000, 1001, 1002
TOPICS = {BASE: frozenset({HRV, FGM}), MEETING: frozenset({HRV}), OTHER: frozenset()}


def line(pk: int = 1, actor: int = SCHOOL_BOARD, group: int = PRESCHOOL, **fields) -> PlanLine:
    return PlanLine(pk=pk, actor_id=actor, group_id=group, **fields)


def shares(lines, counts) -> dict[tuple[int, int], Decimal | None]:
    return {(item.line.pk, item.year): item.share for item in line_years(lines, counts, TOPICS)}


def test_percentage_has_one_decimal_and_none_without_a_whole():
    assert percentage(1, 3) == Decimal("33.3")
    assert percentage(2, 3) == Decimal("66.7")
    assert percentage(5, 0) is None


def test_participation_adds_up_over_the_years():
    plan = [line(training_ids=frozenset({BASE}), staff={2023: 100, 2024: 100, 2025: 120})]
    counts = {
        (BASE, 2023, SCHOOL_BOARD, PRESCHOOL): 30,
        (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 20,
    }
    assert shares(plan, counts) == {
        (1, 2023): Decimal("30.0"),
        (1, 2024): Decimal("50.0"),
        (1, 2025): Decimal("41.7"),  # more staff, nobody new trained
    }


def test_only_the_lines_actor_and_group_count():
    plan = [line(staff={2024: 10})]
    counts = {
        (BASE, 2024, SOCIAL, PRESCHOOL): 5,
        (BASE, 2024, SCHOOL_BOARD, SCHOOL): 5,
        (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 2,
    }
    assert shares(plan, counts) == {(1, 2024): Decimal("20.0")}


def test_a_later_years_participation_does_not_count_for_an_earlier_year():
    plan = [line(staff={2023: 10, 2024: 10})]
    counts = {(BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 4}
    assert shares(plan, counts) == {(1, 2023): Decimal("0.0"), (1, 2024): Decimal("40.0")}


def test_no_staff_gives_no_share():
    plan = [line(staff={2024: 0})]
    [item] = line_years(plan, {}, TOPICS)
    assert (item.trained, item.share, item.met) == (0, None, None)


def test_coverage_never_passes_the_staff_number():
    plan = [line(staff={2023: 10, 2024: 10})]
    counts = {(BASE, 2023, SCHOOL_BOARD, PRESCHOOL): 8, (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 8}
    assert shares(plan, counts)[(1, 2024)] == Decimal("100.0")


def test_each_need_is_met_by_its_own_trainings_and_the_least_met_counts():
    plan = [line(training_ids=frozenset({MEETING}), topic_ids=frozenset({FGM}), staff={2024: 10})]
    counts = {
        (MEETING, 2024, SCHOOL_BOARD, PRESCHOOL): 8,  # the named training
        (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 3,  # the only training covering FGM
        (OTHER, 2024, SCHOOL_BOARD, PRESCHOOL): 9,  # meets no need
    }
    assert shares(plan, counts) == {(1, 2024): Decimal("30.0")}


def test_a_line_naming_no_need_is_met_by_any_training():
    assert needs(line(), TOPICS) == [frozenset({BASE, MEETING, OTHER})]
    plan = [line(staff={2024: 10})]
    counts = {(OTHER, 2024, SCHOOL_BOARD, PRESCHOOL): 4, (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 1}
    assert shares(plan, counts) == {(1, 2024): Decimal("50.0")}


def test_a_topic_no_training_covers_is_not_met():
    assert needs(line(topic_ids=frozenset({99})), TOPICS) == [frozenset()]


def test_a_figure_built_on_a_hidden_count_is_hidden():
    plan = [line(training_ids=frozenset({BASE}), staff={2023: 10, 2024: 10})]
    counts: dict[tuple[int, int, int, int], int | None] = {
        (BASE, 2023, SCHOOL_BOARD, PRESCHOOL): 6,
        (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): None,
        (MEETING, 2023, SCHOOL_BOARD, PRESCHOOL): None,  # a training the line does not need
    }
    assert shares(plan, counts) == {(1, 2023): Decimal("60.0"), (1, 2024): None}
    assert [item.trained for item in line_years(plan, counts, TOPICS)] == [6, None]


def test_targets_are_met_when_the_share_reaches_them():
    plan = [
        line(staff={2023: 10, 2024: 10, 2025: 10}, targets={2023: Decimal(30), 2024: Decimal(60)})
    ]
    counts = {(BASE, 2023, SCHOOL_BOARD, PRESCHOOL): 3, (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 2}
    assert [item.met for item in line_years(plan, counts, TOPICS)] == [True, False, None]


def test_groups_add_up_their_lines_per_year():
    plan = [
        line(1, SCHOOL_BOARD, SCHOOL, staff={2024: 100}),
        line(2, SOCIAL, SCHOOL, staff={2024: 50}),
        line(3, SOCIAL, SOCIAL_WORK, staff={2024: 40}),
    ]
    counts = {(BASE, 2024, SCHOOL_BOARD, SCHOOL): 40, (BASE, 2024, SOCIAL, SCHOOL): 20}
    totals = by_group(line_years(plan, counts, TOPICS))
    assert (totals[SCHOOL][2024].trained, totals[SCHOOL][2024].staff) == (60, 150)
    assert totals[SCHOOL][2024].share == Decimal("40.0")
    assert totals[SOCIAL_WORK][2024].share == Decimal("0.0")


def test_the_share_of_staff_covers_every_line_of_the_year():
    plan = [line(1, staff={2024: 30}), line(2, SOCIAL, SOCIAL_WORK, staff={2024: 10})]
    counts = {(BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 15, (BASE, 2024, SOCIAL, SOCIAL_WORK): 5}
    years = line_years(plan, counts, TOPICS)
    assert staff_share(years, 2024) == Decimal("50.0")
    assert staff_share(years, 2030) is None


def test_an_actor_meets_the_targets_only_when_all_its_judged_lines_do():
    target = {2024: Decimal(50)}
    plan = [
        line(1, SCHOOL_BOARD, PRESCHOOL, staff={2024: 10}, targets=target),
        line(2, SCHOOL_BOARD, SCHOOL, staff={2024: 10}, targets=target),
        line(3, SOCIAL, SOCIAL_WORK, staff={2024: 10}, targets=target),
        # No target: not judged, so it cannot pull the social committee down.
        line(4, SOCIAL, SCHOOL, staff={2024: 10}),
    ]
    counts = {
        (BASE, 2024, SCHOOL_BOARD, PRESCHOOL): 9,
        (BASE, 2024, SCHOOL_BOARD, SCHOOL): 2,
        (BASE, 2024, SOCIAL, SOCIAL_WORK): 5,
    }
    years = line_years(plan, counts, TOPICS)
    assert actors_meeting_target(years, 2024) == (1, 2)
    assert actor_share(years, 2024) == Decimal("50.0")
    assert plan_years(years) == [2024]


def test_no_judged_actor_gives_no_share():
    years = line_years([line(staff={2024: 10})], {}, TOPICS)
    assert actor_share(years, 2024) is None
