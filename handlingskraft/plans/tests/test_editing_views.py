"""The editing forms: each saves, every refusal is shown next to its field in
Swedish (and sums up at the top), and deleting asks first."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.plans import services
from handlingskraft.plans.models import (
    Activity,
    Goal,
    Measure,
    Plan,
    PlanStatus,
    Prerequisite,
    Responsibility,
)
from handlingskraft.plans.tests.access_editing import make_draft
from handlingskraft.plans.tests.editing_support import (
    PERSONNUMMER,
    PLAN_DATA,
    ClientAs,
    activity_data,
    field_error,
    followed_up,
    summary_links,
    text_of,
    token_on,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world: World) -> Plan:
    return make_draft(world)


@pytest.fixture
def coordinator(client_as: ClientAs) -> Client:
    return client_as("coordinator")


# --- the plan -----------------------------------------------------------------


def test_a_coordinator_creates_a_plan_as_a_draft(world: World, coordinator: Client) -> None:
    response = coordinator.post(
        reverse("plans:plan_create", kwargs={"org_slug": world.organization.slug}),
        {**PLAN_DATA, "decided_by": world.social.pk, "decided_on": "2025-02-12"},
    )
    created = Plan.objects.get(organization=world.organization, slug="hedersplan")
    assert response.status_code == 302
    assert response["Location"] == url("plan_edit", created, "version=1")
    assert (created.status, created.version, created.decided_by) == (
        PlanStatus.DRAFT,
        1,
        world.social,
    )
    assert created.history.get().history_user == world.users["coordinator"]


def test_a_new_plan_with_a_slug_already_used_is_refused_next_to_the_slug(
    world: World, coordinator: Client
) -> None:
    response = coordinator.post(
        reverse("plans:plan_create", kwargs={"org_slug": world.organization.slug}),
        {**PLAN_DATA, "slug": world.plan.slug},
    )
    page = text_of(response)
    assert field_error(page, "id_slug") == (
        "Det finns redan en plan med kortnamnet ”plan” i organisationen. Välj ett annat."
    )
    assert summary_links(page) == ["id_slug"]
    assert Plan.objects.filter(organization=world.organization).count() == 1


def test_a_coordinator_changes_the_plans_facts(plan: Plan, coordinator: Client) -> None:
    edit = url("plan_update", plan)
    token = token_on(text_of(coordinator.get(edit)))
    response = coordinator.post(
        edit,
        {
            **PLAN_DATA,
            "slug": plan.slug,
            "diarienummer": "KS/2025:118",
            "valid_from": "2025-01-01",
            "valid_until": "2028-12-31",
            "annual_review": "on",
            "evaluation_interval_years": "2",
            "version_token": token,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.diarienummer, plan.annual_review) == (
        PLAN_DATA["title"],
        "KS/2025:118",
        True,
    )


def test_the_end_of_validity_cannot_come_before_its_start(plan: Plan, coordinator: Client) -> None:
    response = coordinator.post(
        url("plan_update", plan),
        {
            **PLAN_DATA,
            "slug": plan.slug,
            "valid_from": "2025-01-01",
            "valid_until": "2024-12-31",
            "version_token": services.version_token(plan),
        },
    )
    assert field_error(text_of(response), "id_valid_until") == (
        "Slutdatumet kan inte ligga före startdatumet."
    )


def test_the_slug_shared_by_several_versions_is_not_editable(
    world: World, coordinator: Client
) -> None:
    revision = Plan.objects.create(
        organization=world.organization,
        title=world.plan.title,
        slug=world.plan.slug,
        version=2,
        status=PlanStatus.UNDER_REVISION,
        revision_of=world.plan,
    )
    response = coordinator.post(
        url("plan_update", revision),
        {**PLAN_DATA, "slug": "nytt", "version_token": services.version_token(revision)},
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert (revision.slug, revision.title) == (world.plan.slug, PLAN_DATA["title"])


# --- goals and prerequisites --------------------------------------------------


def test_a_new_goal_is_offered_the_next_number_and_added(plan: Plan, coordinator: Client) -> None:
    create = url("goal_create", plan)
    assert 'name="number" value="2"' in text_of(coordinator.get(create))
    response = coordinator.post(create, {"number": "2", "title": "Stöd finns", "description": ""})
    assert response.status_code == 302
    assert plan.goals.get(number=2).title == "Stöd finns"


def test_a_goal_number_already_used_is_refused_next_to_the_number(
    plan: Plan, world: World, coordinator: Client
) -> None:
    second = Goal.objects.create(plan=plan, number=2, title="Två")
    response = coordinator.post(
        url("goal_update", plan, goal_id=second.pk),
        {"number": "1", "title": "Två", "version_token": services.version_token(second)},
    )
    page = text_of(response)
    assert field_error(page, "id_number") == (
        "Det finns redan en målbild med nummer 1 i planen. Välj ett annat nummer."
    )
    assert summary_links(page) == ["id_number"]
    second.refresh_from_db()
    assert second.number == 2


def test_a_coordinator_adds_and_edits_a_prerequisite(
    plan: Plan, world: World, coordinator: Client
) -> None:
    coordinator.post(
        url("prerequisite_create", plan, goal_id=world.goal.pk), {"text": "Rutiner finns."}
    )
    added = world.goal.prerequisites.get(text="Rutiner finns.")
    response = coordinator.post(
        url("prerequisite_update", plan, prerequisite_id=added.pk),
        {"text": "Rutiner finns och är kända.", "version_token": services.version_token(added)},
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.text == "Rutiner finns och är kända."


# --- measures -----------------------------------------------------------------


def test_a_coordinator_adds_a_measure_with_decimal_commas(
    plan: Plan, world: World, coordinator: Client
) -> None:
    create = url("measure_create", plan, f"version=1&malbild={world.goal.pk}")
    assert f'<option value="{world.goal.pk}" selected>' in text_of(coordinator.get(create))
    response = coordinator.post(
        create,
        {
            "goal": world.goal.pk,
            "statement": "Andelen förskolor med rutiner ökar.",
            "direction": "increase",
            "baseline_year": "2024",
            "baseline_value": "12,5",
            "target_year": "2027",
            "target_value": "80",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(statement="Andelen förskolor med rutiner ökar.")
    assert (measure.baseline_value, measure.target_value) == (Decimal("12.5"), Decimal(80))
    edit_page = text_of(coordinator.get(url("measure_update", plan, measure_id=measure.pk)))
    assert 'value="12,5"' in edit_page


def test_a_measure_year_out_of_range_is_refused_next_to_it(
    plan: Plan, world: World, coordinator: Client
) -> None:
    response = coordinator.post(
        url("measure_update", plan, measure_id=world.measure.pk),
        {
            "statement": "Andelen skolor ökar.",
            "direction": "increase",
            "baseline_year": "24",
            "version_token": services.version_token(world.measure),
        },
    )
    assert field_error(text_of(response), "id_baseline_year") == (
        "Ange ett årtal med fyra siffror, till exempel 2026."
    )


# --- activities ---------------------------------------------------------------


def test_a_coordinator_adds_an_activity_under_the_goal_asked_for(
    plan: Plan, world: World, coordinator: Client
) -> None:
    create = url("activity_create", plan, f"malbild={world.goal.pk}")
    assert f'<option value="{world.goal.pk}" selected>' in text_of(coordinator.get(create))
    data = activity_data(world, description="Utbilda personal.", lead=world.school.pk)
    del data["version_token"]
    assert coordinator.post(create, data).status_code == 302
    activity = plan.activities.get(description="Utbilda personal.")
    assert activity.lead == world.school
    assert activity.goal == world.goal


def test_a_coordinator_edits_an_activity_and_the_history_names_them(
    plan: Plan, world: World, coordinator: Client
) -> None:
    edit = url("activity_update", plan, activity_id=world.activity.pk)
    page = text_of(coordinator.get(edit))
    assert re.search(rf'name="lead" value="{world.social.pk}"[^>]*checked', page)
    assert re.search(rf'name="responsible_actors" value="{world.school.pk}"[^>]*checked', page)
    response = coordinator.post(
        edit,
        activity_data(
            world,
            description="Informera alla föräldrar.",
            responsible_actors=[world.school.pk],
            lead=world.school.pk,
            starts_on="2025-03-01",
            due_on="2025-06-30",
            status="ongoing",
            status_date="2025-04-01",
            status_note="Två träffar hållna.",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url("goal_detail", plan, "version=1", number=1)
    world.activity.refresh_from_db()
    assert (world.activity.description, world.activity.status) == (
        "Informera alla föräldrar.",
        "ongoing",
    )
    assert list(world.activity.responsible_actors.all()) == [world.school]
    assert world.activity.lead == world.school
    record = world.activity.history.order_by("-history_id").first()
    assert record is not None
    assert record.history_user == world.users["coordinator"]
    assert record.description == "Informera alla föräldrar."


def test_a_lead_not_among_the_responsible_actors_is_refused_next_to_the_lead(
    plan: Plan, world: World, coordinator: Client
) -> None:
    response = coordinator.post(
        url("activity_update", plan, activity_id=world.activity.pk),
        activity_data(
            world, description="Ändrad", responsible_actors=[world.social.pk], lead=world.school.pk
        ),
    )
    page = text_of(response)
    assert response.status_code == 200
    assert field_error(page, "id_lead") == (
        "Utbildningsnämnden är inte en av de ansvariga aktörerna. Den som leder arbetet måste "
        "vara en av dem: kryssa i Utbildningsnämnden under Ansvariga aktörer eller välj ”Ingen”."
    )
    assert summary_links(page) == ["id_lead_0"]
    assert "<title>Fel:" in page
    world.activity.refresh_from_db()
    assert world.activity.description == "Informera föräldrar."


def test_an_actor_of_another_organisation_is_refused_next_to_its_field(
    plan: Plan, world: World, coordinator: Client
) -> None:
    foreign = world.other_plan.responsibilities.get().actor
    response = coordinator.post(
        url("activity_update", plan, activity_id=world.activity.pk),
        activity_data(world, responsible_actors=[world.social.pk, foreign.pk], lead=""),
    )
    page = text_of(response)
    assert field_error(page, "id_responsible_actors") == (
        "Välj en aktör i den egna organisationen."
    )
    assert summary_links(page) == ["id_responsible_actors_0"]
    assert not world.activity.assignments.filter(actor=foreign).exists()


def test_a_due_date_before_the_start_date_is_refused_next_to_the_due_date(
    plan: Plan, world: World, coordinator: Client
) -> None:
    response = coordinator.post(
        url("activity_update", plan, activity_id=world.activity.pk),
        activity_data(world, starts_on="2025-06-01", due_on="2025-05-31"),
    )
    page = text_of(response)
    assert field_error(page, "id_due_on") == "Slutdatumet kan inte ligga före startdatumet."
    assert summary_links(page) == ["id_due_on"]


def test_a_personnummer_in_an_activity_description_is_refused_and_nothing_is_saved(
    plan: Plan, world: World, coordinator: Client
) -> None:
    response = coordinator.post(
        url("activity_update", plan, activity_id=world.activity.pk),
        activity_data(world, description=f"Stödsamtal med {PERSONNUMMER}.", status="ongoing"),
    )
    page = text_of(response)
    assert field_error(page, "id_description").startswith(
        "Texten innehåller något som ser ut som ett personnummer eller samordningsnummer."
    )
    world.activity.refresh_from_db()
    assert (world.activity.description, world.activity.status) == ("Informera föräldrar.", "")
    assert world.activity.history.count() == 1


def test_a_personnummer_in_a_new_activity_saves_nothing(
    plan: Plan, world: World, coordinator: Client
) -> None:
    data = activity_data(world, partner_note=f"Kontakt: {PERSONNUMMER}")
    del data["version_token"]
    response = coordinator.post(url("activity_create", plan), data)
    assert "personnummer" in field_error(text_of(response), "id_partner_note")
    assert plan.activities.count() == 1


# --- responsibilities ---------------------------------------------------------


def test_a_coordinator_adds_and_edits_a_responsibility(
    plan: Plan, world: World, coordinator: Client
) -> None:
    coordinator.post(
        url("responsibility_create", plan),
        {"actor": world.school.pk, "title": "", "text": "Skolan ansvarar.", "followed_up_by": ""},
    )
    added = plan.responsibilities.get(actor=world.school)
    response = coordinator.post(
        url("responsibility_update", plan, responsibility_id=added.pk),
        {
            "actor": world.school.pk,
            "title": "Utbildningsnämndens ansvar",
            "text": "Skolan ansvarar för rutiner.",
            "followed_up_by": world.social.pk,
            "version_token": services.version_token(added),
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.title, added.followed_up_by) == ("Utbildningsnämndens ansvar", world.social)


# --- deleting -----------------------------------------------------------------


def part(world: World, kind: str) -> Any:
    return {
        "goal": world.goal,
        "prerequisite": world.goal.prerequisites.get(),
        "measure": world.measure,
        "activity": world.activity,
        "responsibility": world.plan.responsibilities.get(),
    }[kind]


MODELS = {
    "goal": Goal,
    "prerequisite": Prerequisite,
    "measure": Measure,
    "activity": Activity,
    "responsibility": Responsibility,
}


@pytest.mark.parametrize("kind", list(MODELS))
def test_deleting_asks_first_then_removes_the_part(
    kind: str, plan: Plan, world: World, coordinator: Client
) -> None:
    obj = part(world, kind)
    delete = url(f"{kind}_delete", plan, **{f"{kind}_id": obj.pk})
    page = text_of(coordinator.get(delete))
    assert "button button--warning" in page
    assert MODELS[kind].objects.filter(pk=obj.pk).exists()
    response = coordinator.post(delete, {"version_token": token_on(page)})
    assert response.status_code == 302
    assert not MODELS[kind].objects.filter(pk=obj.pk).exists()
    deletion = MODELS[kind].history.get(id=obj.pk, history_type="-")  # type: ignore[attr-defined]
    assert deletion.history_user == world.users["coordinator"]


def test_a_followed_up_activity_is_not_deleted_and_the_page_says_why(
    plan: Plan, world: World, coordinator: Client
) -> None:
    followed_up(world, plan, world.activity)
    response = coordinator.post(
        url("activity_delete", plan, activity_id=world.activity.pk),
        {"version_token": services.version_token(world.activity)},
    )
    page = text_of(response)
    assert response.status_code == 409
    assert "Det går inte att ta bort" in page
    assert 'class="button button--warning"' not in page
    assert Activity.objects.filter(pk=world.activity.pk).exists()


def test_deleting_a_goal_tells_what_goes_with_it(
    plan: Plan, world: World, coordinator: Client
) -> None:
    page = text_of(coordinator.get(url("goal_delete", plan, goal_id=world.goal.pk)))
    assert "Med den tas också bort: 1 förutsättning, 1 mått, 1 aktivitet." in page
