"""Building blocks for the training tests: the organisation's lists, trainings
and participation, made with the services where the rules matter."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from handlingskraft.conftest import World
from handlingskraft.organizations.models import Actor, Organization, Unit
from handlingskraft.training import defaults
from handlingskraft.training.models import (
    CompetencePlanLine,
    CompetenceYear,
    Participation,
    ProfessionalGroup,
    Topic,
    Training,
    TrainingFormat,
    TrainingSettings,
)


def group(organization: Organization, name: str) -> ProfessionalGroup:
    defaults.ensure_lists(organization)
    return ProfessionalGroup.objects.get(organization=organization, name=name)


def topic(organization: Organization, name: str) -> Topic:
    defaults.ensure_lists(organization)
    return Topic.objects.get(organization=organization, name=name)


def make_training(
    organization: Organization,
    title: str = "Grundutbildning om HRV",
    *,
    organisers: list[Actor] | None = None,
    topics: list[Topic] | None = None,
    **fields: Any,
) -> Training:
    fields.setdefault("format", TrainingFormat.WEB)
    fields.setdefault("is_ongoing", True)
    training = Training.objects.create(organization=organization, title=title, **fields)
    training.organisers.set(organisers or [])
    training.topics.set(topics or [])
    return training


def participate(
    training: Training,
    actor: Actor,
    group_name: str = "Skola",
    *,
    participants: int,
    staff: int,
    year: int = 2024,
    unit: Unit | None = None,
) -> Participation:
    return Participation.objects.create(
        training=training,
        actor=actor,
        unit=unit,
        group=group(training.organization, group_name),
        year=year,
        participants=participants,
        staff=staff,
    )


def plan_line(
    actor: Actor,
    group_name: str,
    years: dict[int, tuple[int, int | None]],
    *,
    trainings: list[Training] | None = None,
    topics: list[Topic] | None = None,
) -> CompetencePlanLine:
    """A competence-plan line with (staff, target share) per year."""
    line = CompetencePlanLine.objects.create(
        organization=actor.organization, actor=actor, group=group(actor.organization, group_name)
    )
    line.trainings.set(trainings or [])
    line.topics.set(topics or [])
    for year, (staff, target) in years.items():
        CompetenceYear.objects.create(
            organization=actor.organization,
            line=line,
            year=year,
            staff=staff,
            target_share=None if target is None else Decimal(target),
        )
    return line


def name_coordinating_actor(organization: Organization, actor: Actor | None) -> None:
    TrainingSettings.objects.update_or_create(
        organization=organization, defaults={"coordinating_actor": actor}
    )


@pytest.fixture
def training(world: World) -> Training:
    return make_training(
        world.organization,
        organisers=[world.social],
        starts_on=datetime.date(2024, 1, 1),
    )
