"""Who reaches which statistics page. The data sets (and, for the correction
page, an approved report) are created the first time a URL needs them."""

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
from handlingskraft.datacollection.models import DataSet

from .conftest import YEAR, approve, make_data_set

# The report form of Socialnämnden: its reporter and the coordinator; the
# working-group member speaks for Utbildningsnämnden.
OWN_ACTOR_REPORTERS = {**REPORTERS, "working_group_member": 403}


def _data_set_of(world: World, *, other: bool = False) -> DataSet:
    organization = world.other_organization if other else world.organization
    existing = DataSet.objects.filter(organization=organization).first()
    return existing or make_data_set(world, other=other)


def a_data_set(world: World) -> dict[str, Any]:
    return {**org(world), "data_set_id": _data_set_of(world).pk}


def other_data_set(world: World) -> dict[str, Any]:
    return {**org(world), "data_set_id": _data_set_of(world, other=True).pk}


def an_element(world: World) -> dict[str, Any]:
    data_set = _data_set_of(world)
    return {**a_data_set(world), "element_id": data_set.elements.first().pk}


def other_element(world: World) -> dict[str, Any]:
    """Our data set, with another organisation's element in the address."""
    element = _data_set_of(world, other=True).elements.first()
    return {**a_data_set(world), "element_id": element.pk}


def a_report(world: World) -> dict[str, Any]:
    return {**a_data_set(world), "actor_id": world.social.pk, "period": str(YEAR)}


def an_approved_report(world: World) -> dict[str, Any]:
    kwargs = a_report(world)
    data_set = DataSet.objects.get(pk=kwargs["data_set_id"])
    if not data_set.elements.filter(values__isnull=False).exists():
        approve(data_set, world.social, world.users["coordinator"])
    return kwargs


def other_actors_report(world: World) -> dict[str, Any]:
    """Our data set, with another organisation's actor in the address."""
    actor = world.other_plan.responsibilities.get().actor
    return {**a_data_set(world), "actor_id": actor.pk, "period": str(YEAR)}


def other_report(world: World) -> dict[str, Any]:
    """Another organisation's data set under our slug."""
    return {**other_data_set(world), "actor_id": world.social.pk, "period": str(YEAR)}


ACCESS: Access = {
    "statistics:dataset_list": (org, MEMBERS),
    "statistics:dataset_create": (org, COORDINATORS),
    "statistics:threshold_edit": (org, COORDINATORS),
    "statistics:dataset_detail": (a_data_set, MEMBERS),
    "statistics:dataset_edit": (a_data_set, COORDINATORS),
    "statistics:element_create": (a_data_set, COORDINATORS),
    "statistics:element_edit": (an_element, COORDINATORS),
    "statistics:report": (a_report, OWN_ACTOR_REPORTERS),
    "statistics:review_list": (a_data_set, COORDINATORS),
    "statistics:review": (a_report, COORDINATORS),
    "statistics:correct": (an_approved_report, COORDINATORS),
    "statistics:tables": (a_data_set, INTERNAL),
    "statistics:exports": (a_data_set, INTERNAL),
    "statistics:element_export": (an_element, INTERNAL),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "statistics:dataset_detail": other_data_set,
    "statistics:dataset_edit": other_data_set,
    "statistics:element_create": other_data_set,
    "statistics:element_edit": other_element,
    "statistics:report": other_report,
    "statistics:review_list": other_data_set,
    "statistics:review": other_actors_report,
    "statistics:correct": other_report,
    "statistics:tables": other_data_set,
    "statistics:exports": other_data_set,
    "statistics:element_export": other_element,
}
