"""Botkyrka's demo data: the coordinating actor, a web-based base training
and an in-person meeting linked to goal 4's activities, staff numbers and
participation; goal 4's measure computes from the coverage."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from handlingskraft.accounts.models import User
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.indicators.queries import latest_values
from handlingskraft.plans.models import Measure, Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR
from handlingskraft.training.models import (
    CoverageBasis,
    CoverageMeasure,
    Participation,
    Training,
    TrainingFormat,
    TrainingSettings,
)
from handlingskraft.training.queries import coverage_data, rule_checks
from handlingskraft.training.seeds import BASE_TRAINING, MEETING, seed_botkyrka_training
from handlingskraft.training.services import (
    ParticipationRow,
    participation_rows,
    participation_save,
    participation_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def botkyrka() -> Plan:
    return plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def coordinator() -> User:
    return User.objects.create_user(username="botkyrka-samordnare")


def goal_4_measure(plan: Plan) -> Measure:
    return plan.measures.get(goal__number=4)


def current(measure: Measure) -> dict[int, tuple[Decimal, str]]:
    values = latest_values(MeasureValue.objects.of_measure(measure))
    return {period.year: (value.value, value.source) for (period, _g), value in values.items()}


def test_the_seed_follows_botkyrkas_plan(botkyrka: Plan, coordinator: User):
    seed_botkyrka_training(botkyrka.organization, user=coordinator)
    settings = TrainingSettings.objects.get(organization=botkyrka.organization)
    assert settings.coordinating_actor.name == "Våldspreventivt center"
    base = Training.objects.get(title=BASE_TRAINING)
    meeting = Training.objects.get(title=MEETING)
    assert (base.format, base.is_ongoing) == (TrainingFormat.WEB, True)
    assert meeting.format == TrainingFormat.IN_PERSON
    goal_4 = [a.pk for a in botkyrka.goals.get(number=4).activities.order_by("position")]
    assert [a.pk for a in base.activities.order_by("position")] == goal_4[:2]
    assert [a.pk for a in meeting.activities.all()] == goal_4[2:3]
    # The meeting of two administrations without the centre breaks the rule.
    checks = rule_checks(
        botkyrka.organization, coordinating_actor_id=settings.coordinating_actor_id
    )
    assert (checks[meeting.pk].broken, checks[base.pk].broken) == (True, False)


def test_goal_4s_measure_computes_from_the_coverage(botkyrka: Plan, coordinator: User):
    seed_botkyrka_training(botkyrka.organization, user=coordinator)
    measure = goal_4_measure(botkyrka)
    assert CoverageMeasure.objects.get().basis == CoverageBasis.ACTORS
    # 2023: only the social committee reaches its target (the school board's
    # schools, culture and labour market fall short); 2024: the school board and
    # culture; 2025: the social committee and culture.
    assert current(measure) == {
        2023: (Decimal("25.0"), ValueSource.COMPETENCE_PLAN),
        2024: (Decimal("50.0"), ValueSource.COMPETENCE_PLAN),
        2025: (Decimal("50.0"), ValueSource.COMPETENCE_PLAN),
    }
    threshold = StatisticsSettings.threshold_for(botkyrka.organization)
    data = coverage_data(botkyrka.organization, threshold=threshold, raw=True)
    education = botkyrka.organization.actors.get(name="Utbildningsnämnden")
    groups = {line.pk: line.group.name for line in data.lines}
    shares = {
        (groups[item.line.pk], item.year): item.share
        for item in data.years
        if item.line.actor_id == education.pk
    }
    assert shares[("Förskola", 2024)] == Decimal("65.9")  # 300 + 260 of 850
    assert shares[("Skola", 2023)] == Decimal("20.8")  # 250 of 1200


def test_more_participation_raises_goal_4s_measure(botkyrka: Plan, coordinator: User):
    seed_botkyrka_training(botkyrka.organization, user=coordinator)
    labour = botkyrka.organization.actors.get(name="Arbetsmarknads- och vuxenutbildningsnämnden")
    base = Training.objects.get(title=BASE_TRAINING)
    rows = participation_rows(base, labour)
    changed = [
        ParticipationRow(
            row.year, row.group, 130 if row.year == 2025 else row.participants, row.staff
        )
        for row in rows
    ]
    participation_save(
        training=base,
        actor=labour,
        user=coordinator,
        rows=changed,
        based_on=participation_version(rows),
    )
    # Labour market now reaches 90 % in 2025 (3 + 60 + 130, at most 140 of 140).
    assert current(goal_4_measure(botkyrka))[2025] == (Decimal("75.0"), ValueSource.COMPETENCE_PLAN)
    assert MeasureValue.objects.filter(year=2025).count() == 2


def test_seeding_twice_changes_nothing(botkyrka: Plan, coordinator: User):
    seed_botkyrka_training(botkyrka.organization, user=coordinator)
    counts = (Training.objects.count(), Participation.objects.count(), MeasureValue.objects.count())
    assert seed_botkyrka_training(botkyrka.organization, user=coordinator) is None
    assert (
        Training.objects.count(),
        Participation.objects.count(),
        MeasureValue.objects.count(),
    ) == counts


def test_the_demo_has_botkyrkas_trainings():
    call_command("load_demo", stdout=StringIO())
    botkyrka = Plan.objects.get(organization__municipality_code="0127")
    assert Training.objects.filter(organization=botkyrka.organization).count() == 2
    assert current(goal_4_measure(botkyrka))[2024][0] == Decimal("50.0")
    assert not Training.objects.exclude(organization=botkyrka.organization).exists()
