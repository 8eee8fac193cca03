"""Who reaches which training page. Trainings and plan lines are made the
first time a URL needs them (each test case has its own database)."""

from __future__ import annotations

from typing import Any

from handlingskraft.accounts.tests.access_rules import (
    COORDINATORS,
    INTERNAL,
    MEMBERS,
    REPORTERS,
    Access,
    Kwargs,
    org,
)
from handlingskraft.conftest import World
from handlingskraft.organizations.models import Organization
from handlingskraft.training.models import CompetencePlanLine, Training

from .conftest import make_training, plan_line

# Participation of the reporter's own actor (Socialnämnden): the working-group
# member speaks for another actor (Utbildningsnämnden), readers report nothing.
OWN_ACTOR_REPORTERS = {**REPORTERS, "working_group_member": 403}


def _training_of(organization: Organization) -> Training:
    existing = Training.objects.filter(organization=organization).first()
    return existing or make_training(organization)


def _line_of(world: World, organization: Organization) -> CompetencePlanLine:
    existing = CompetencePlanLine.objects.filter(organization=organization).first()
    if existing is not None:
        return existing
    actor = organization.actors.order_by("pk").first()
    assert actor is not None
    return plan_line(actor, "Skola", {2024: (10, 50)})


def a_training(world: World) -> dict[str, Any]:
    return {**org(world), "training_id": _training_of(world.organization).pk}


def other_training(world: World) -> dict[str, Any]:
    return {**org(world), "training_id": _training_of(world.other_organization).pk}


def own_participation(world: World) -> dict[str, Any]:
    return {**a_training(world), "actor_id": world.social.pk}


def a_line(world: World) -> dict[str, Any]:
    return {**org(world), "line_id": _line_of(world, world.organization).pk}


ACCESS: Access = {
    "training:training_list": (org, MEMBERS),
    "training:training_create": (org, COORDINATORS),
    "training:training_detail": (a_training, MEMBERS),
    "training:training_edit": (a_training, COORDINATORS),
    "training:participation_edit": (own_participation, OWN_ACTOR_REPORTERS),
    "training:competence_plan": (org, INTERNAL),
    "training:line_create": (org, COORDINATORS),
    "training:line_edit": (a_line, COORDINATORS),
    "training:coverage": (org, INTERNAL),
    "training:survey_results": (org, INTERNAL),
    "training:survey_result_create": (org, COORDINATORS),
    "training:survey_import": (org, COORDINATORS),
    "training:settings": (org, COORDINATORS),
    "training:measure_feeds": (org, COORDINATORS),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "training:training_detail": other_training,
    "training:training_edit": other_training,
    "training:participation_edit": lambda world: {
        **other_training(world),
        "actor_id": world.social.pk,
    },
    "training:line_edit": lambda world: {
        **org(world),
        "line_id": _line_of(world, world.other_organization).pk,
    },
}
