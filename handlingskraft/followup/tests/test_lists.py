"""Coordinators change the organisation's status list and assessment scale."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.defaults import assessment_options, status_options
from handlingskraft.followup.models import AssessmentOption, StatusOption

pytestmark = pytest.mark.django_db


def form_data(world: World, **changes: Any) -> dict[str, Any]:
    """The page's form as loaded, with `changes` applied (keys as posted)."""
    statuses = status_options(world.organization)
    scale = assessment_options(world.organization)
    data: dict[str, Any] = {
        "status-TOTAL_FORMS": len(statuses) + 1,
        "status-INITIAL_FORMS": len(statuses),
        "bedomning-TOTAL_FORMS": len(scale) + 1,
        "bedomning-INITIAL_FORMS": len(scale),
    }
    for i, option in enumerate(statuses):
        data |= {
            f"status-{i}-pk": option.pk,
            f"status-{i}-label": option.label,
            f"status-{i}-category": option.category,
            f"status-{i}-is_active": "on",
        }
    data |= {f"status-{len(statuses)}-category": "ongoing"}
    for i, level in enumerate(scale):
        data |= {f"bedomning-{i}-pk": level.pk, f"bedomning-{i}-label": level.label}
        if level.is_assessable:
            data[f"bedomning-{i}-is_assessable"] = "on"
    return data | changes


def url() -> str:
    return reverse("followup:lists", kwargs={"org_slug": "testkommun"})


def test_a_coordinator_renames_a_status_adds_one_and_retires_one(
    world: World, client_as: Callable[[str], Client]
):
    data = form_data(
        world,
        **{
            "status-1-label": "Pågår enligt plan",
            "status-4-is_active": "",
            "status-5-label": "Pausad",
            "status-5-category": "delayed",
            "status-5-is_active": "on",
        },
    )
    del data["status-4-is_active"]
    response = client_as("coordinator").post(url(), data)
    assert response.status_code == 302
    labels = list(
        StatusOption.objects.filter(organization=world.organization, is_active=True).values_list(
            "label", flat=True
        )
    )
    assert labels == ["Ej påbörjad", "Pågår enligt plan", "Genomförd", "Försenad", "Pausad"]
    assert StatusOption.objects.get(label="Avbruten").is_active is False
    assert StatusOption.objects.get(label="Pausad").category == "delayed"


def test_a_label_used_twice_is_refused_and_nothing_changes(
    world: World, client_as: Callable[[str], Client]
):
    data = form_data(world, **{"status-1-label": "Genomförd", "bedomning-0-label": "Helt uppfyllt"})
    response = client_as("coordinator").post(url(), data)
    assert response.status_code == 200
    assert "Benämningen ”Genomförd” förekommer två gånger." in response.content.decode()
    assert StatusOption.objects.filter(label="Pågår").exists()
    assert AssessmentOption.objects.filter(label="Uppfyllt").exists()


def test_a_refused_scale_leaves_the_status_list_unchanged(
    world: World, client_as: Callable[[str], Client]
):
    data = form_data(
        world, **{"status-1-label": "Pågår enligt plan", "bedomning-1-label": "Uppfyllt"}
    )
    response = client_as("coordinator").post(url(), data)
    assert "förekommer två gånger" in response.content.decode()
    assert StatusOption.objects.filter(label="Pågår").exists()


def test_at_least_one_status_stays_in_use(world: World, client_as: Callable[[str], Client]):
    data = {k: v for k, v in form_data(world).items() if not k.endswith("is_active")}
    response = client_as("coordinator").post(url(), data)
    assert "Minst en status måste användas." in response.content.decode()
    assert StatusOption.objects.filter(is_active=True).count() == 5


def test_a_new_assessment_level_is_added_last(world: World, client_as: Callable[[str], Client]):
    data = form_data(
        world, **{"bedomning-4-label": "Överträffat", "bedomning-4-is_assessable": "on"}
    )
    client_as("coordinator").post(url(), data)
    assert [o.label for o in assessment_options(world.organization)][-1] == "Överträffat"


def test_another_organisations_status_cannot_be_changed_through_the_form(
    world: World, client_as: Callable[[str], Client]
):
    foreign = status_options(world.other_organization)[0]
    data = form_data(world, **{"status-0-pk": foreign.pk, "status-0-label": "Kapad"})
    response = client_as("coordinator").post(url(), data)
    assert "Statusen finns inte längre" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.label == "Ej påbörjad"
