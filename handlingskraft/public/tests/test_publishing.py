"""The coordinator publishes and unpublishes plan versions, approved rounds
and statistics; the public pages follow at once."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.audit.models import AuditEntry
from handlingskraft.conftest import World
from handlingskraft.datacollection.models import DataSet
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.followup.services import RoundInput, round_lock, round_open
from handlingskraft.plans.models import Plan, PlanStatus
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.public.models import DataSetPublication

ROUND = RoundInput(
    kind="annual",
    name="Årsuppföljning 2025",
    period_start=datetime.date(2025, 1, 1),
    period_end=datetime.date(2025, 12, 31),
    opens_on=datetime.date(2026, 1, 10),
    deadline=datetime.date(2026, 2, 15),
)


def public_plan_url(world: World) -> str:
    return reverse("public:plan", args=[world.organization.slug, world.plan.slug])


def action(name: str, world: World, **ids: int) -> str:
    return reverse(f"public:{name}", kwargs={"org_slug": world.organization.slug, **ids})


def test_publishing_a_plan_version_makes_it_public_and_unpublishing_takes_it_back(
    world: World, client_as: Callable[[str], Client]
) -> None:
    coordinator = client_as("coordinator")
    assert Client().get(public_plan_url(world)).status_code == 404

    response = coordinator.post(
        action("plan_publication", world, plan_id=world.plan.pk),
        {"action": "publicera"},
        follow=True,
    )
    assert "Version 1 är publicerad." in response.content.decode()
    assert Client().get(public_plan_url(world)).status_code == 200
    world.plan.refresh_from_db()
    assert world.plan.history.first().history_user == world.users["coordinator"]  # type: ignore[attr-defined]

    coordinator.post(
        action("plan_publication", world, plan_id=world.plan.pk), {"action": "avpublicera"}
    )
    assert Client().get(public_plan_url(world)).status_code == 404


def test_a_draft_cannot_be_published(world: World, client_as: Callable[[str], Client]) -> None:
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.DRAFT)
    response = client_as("coordinator").post(
        action("plan_publication", world, plan_id=world.plan.pk),
        {"action": "publicera"},
        follow=True,
    )
    assert "Bara en antagen plan kan publiceras." in response.content.decode()
    assert Plan.objects.get(pk=world.plan.pk).published_at is None


def test_the_public_page_shows_the_latest_published_version(
    world: World, client_as: Callable[[str], Client]
) -> None:
    user = world.users["coordinator"]
    plan_publish(plan=world.plan, user=user)
    newer = Plan.objects.create(
        organization=world.organization,
        slug=world.plan.slug,
        version=2,
        title="Reviderad handlingsplan",
        status=PlanStatus.ADOPTED,
    )
    assert "Handlingsplan plan" in Client().get(public_plan_url(world)).content.decode()
    plan_publish(plan=newer, user=user)
    html = Client().get(public_plan_url(world)).content.decode()
    assert "Reviderad handlingsplan" in html
    assert "Version 2" in html


def test_only_an_approved_round_is_published_and_only_with_its_plan(
    world: World, client_as: Callable[[str], Client]
) -> None:
    user = world.users["coordinator"]
    round = round_open(plan=world.plan, user=user, data=ROUND)
    coordinator = client_as("coordinator")
    url = action("round_publication", world, round_id=round.pk)
    response = coordinator.post(url, {"action": "publicera"}, follow=True)
    assert "Bara en godkänd och låst omgång kan publiceras." in response.content.decode()

    round_lock(round=round, user=user, allow_missing=True)
    coordinator.post(url, {"action": "publicera"})
    assert FollowUpRound.objects.get(pk=round.pk).published_at is not None
    round_url = reverse(
        "public:round_detail", args=[world.organization.slug, world.plan.slug, round.pk]
    )
    # The plan version is not published yet, so neither is the round.
    assert Client().get(round_url).status_code == 404
    page = coordinator.get(action("publishing_plan", world, plan_slug=world.plan.slug))
    assert "Syns först när planversionen är publicerad." in page.content.decode()

    plan_publish(plan=world.plan, user=user)
    assert Client().get(round_url).status_code == 200
    coordinator.post(url, {"action": "avpublicera"})
    assert Client().get(round_url).status_code == 404


def test_publishing_statistics(world: World, client_as: Callable[[str], Client]) -> None:
    data_set = DataSet.objects.create(
        organization=world.organization, name="Pilotenkät", first_year=2024
    )
    url = reverse("public:statistics_detail", args=[world.organization.slug, data_set.pk])
    assert Client().get(url).status_code == 404
    coordinator = client_as("coordinator")
    publish = action("data_set_publication", world, data_set_id=data_set.pk)
    coordinator.post(publish, {"action": "publicera"})
    assert Client().get(url).status_code == 200
    assert DataSetPublication.objects.get(data_set=data_set).history.count() == 1  # type: ignore[attr-defined]
    coordinator.post(publish, {"action": "avpublicera"})
    assert Client().get(url).status_code == 404


def test_the_overview_tells_what_is_public(
    world: World, client_as: Callable[[str], Client]
) -> None:
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    html = client_as("coordinator").get(action("publishing", world)).content.decode()
    assert "Handlingsplan plan" in html
    assert "Version 1" in html
    assert "0 av 0 godkända" in html


def test_the_menu_shows_publishing_to_the_coordinator_only(
    world: World, client_as: Callable[[str], Client]
) -> None:
    home = reverse("plans:organization_home", args=[world.organization.slug])
    publishing = action("publishing", world)
    assert publishing in client_as("coordinator").get(home).content.decode()
    assert publishing not in client_as("working_group_member").get(home).content.decode()


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("plan_publication", "plan_id"),
        ("round_publication", "round_id"),
        ("data_set_publication", "data_set_id"),
    ],
)
def test_another_organisations_object_cannot_be_published(
    name: str, field: str, world: World, client_as: Callable[[str], Client]
) -> None:
    outsider = world.users["outsider"]
    other_round = round_lock(
        round=round_open(plan=world.other_plan, user=outsider, data=ROUND),
        user=outsider,
        allow_missing=True,
    )
    other_data_set = DataSet.objects.create(
        organization=world.other_organization, name="Annan", first_year=2024
    )
    ids = {
        "plan_id": world.other_plan.pk,
        "round_id": other_round.pk,
        "data_set_id": other_data_set.pk,
    }
    response = client_as("coordinator").post(
        action(name, world, **{field: ids[field]}), {"action": "publicera"}
    )
    assert response.status_code == 404
    assert Plan.objects.get(pk=world.other_plan.pk).published_at is None
    assert FollowUpRound.objects.get(pk=other_round.pk).published_at is None
    assert not DataSetPublication.objects.exists()


def test_a_reader_cannot_publish(world: World, client_as: Callable[[str], Client]) -> None:
    response = client_as("reader").post(
        action("plan_publication", world, plan_id=world.plan.pk), {"action": "publicera"}
    )
    assert response.status_code == 403
    assert Plan.objects.get(pk=world.plan.pk).published_at is None


def test_publishing_statistics_is_in_the_organisations_log(
    world: World, client_as: Callable[[str], Client]
) -> None:
    data_set = DataSet.objects.create(
        organization=world.organization, name="Pilotenkät", first_year=2024
    )
    client_as("coordinator").post(
        action("data_set_publication", world, data_set_id=data_set.pk), {"action": "publicera"}
    )
    entry = AuditEntry.objects.filter(model="public.datasetpublication").get()
    assert entry.organization == world.organization
    assert entry.user == world.users["coordinator"]
