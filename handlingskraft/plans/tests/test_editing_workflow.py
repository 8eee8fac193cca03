"""The editing workflow around the forms: adopted versions stay as they were,
only coordinators write, parts move, a concurrent edit is shown instead of
overwritten, and the edit links appear only where editing is possible."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handlingskraft.conftest import World, make_actor
from handlingskraft.plans import services
from handlingskraft.plans.models import (
    Activity,
    Goal,
    Plan,
    PlanStatus,
)
from handlingskraft.plans.tests.access_editing import make_draft
from handlingskraft.plans.tests.editing_support import (
    ClientAs,
    activity_data,
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


# --- adopted versions ---------------------------------------------------------


def test_an_adopted_plans_edit_pages_explain_how_to_revise(
    world: World, coordinator: Client
) -> None:
    edit = url("activity_update", world.plan, activity_id=world.activity.pk)
    response = coordinator.get(edit)
    page = text_of(response)
    assert response.status_code == 409
    assert "Den här versionen kan inte ändras" in page
    revise = reverse(
        "plans:plan_revise", kwargs={"org_slug": world.organization.slug, "plan_slug": "plan"}
    )
    assert f'href="{revise}">Revidera planen</a>' in page
    response = coordinator.post(edit, activity_data(world, description="Ändrad"))
    assert response.status_code == 409
    world.activity.refresh_from_db()
    assert world.activity.description == "Informera föräldrar."


def test_an_adopted_version_points_to_the_revision_already_open(
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
    response = coordinator.get(url("plan_update", world.plan, "version=1"))
    assert response.status_code == 409
    assert f'href="{url("plan_edit", revision)}?version=2">Redigera version 2</a>' in text_of(
        response
    )
    # Without ?version= the plan-wide pages work on the newest version.
    coordinator.post(url("goal_create", world.plan), {"number": "1", "title": "Ny i revisionen"})
    assert revision.goals.get().title == "Ny i revisionen"
    assert world.plan.goals.get().title == "Verksamheterna förebygger våld"


# --- who may ------------------------------------------------------------------


def test_a_reporter_cannot_save_an_activity(plan: Plan, world: World, client_as: ClientAs) -> None:
    response = client_as("reporter").post(
        url("activity_update", plan, activity_id=world.activity.pk),
        activity_data(world, description="Ändrad"),
    )
    assert response.status_code == 403
    world.activity.refresh_from_db()
    assert world.activity.description == "Informera föräldrar."


def test_another_organisations_activity_answers_404_also_to_a_post(
    plan: Plan, world: World, coordinator: Client
) -> None:
    foreign = world.other_plan.activities.get()
    for plan_slug in (plan.slug, world.other_plan.slug):
        address = reverse(
            "plans:activity_update",
            kwargs={
                "org_slug": world.organization.slug,
                "plan_slug": plan_slug,
                "activity_id": foreign.pk,
            },
        )
        response = coordinator.post(address, activity_data(world, description="Ändrad"))
        assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.description == "Informera föräldrar."


# --- order --------------------------------------------------------------------


def test_moving_an_activity_down_comes_back_to_the_same_place(
    plan: Plan, world: World, coordinator: Client
) -> None:
    second = Activity.objects.create(plan=plan, goal=world.goal, description="Två", position=1)
    back = url("plan_edit", plan)
    response = coordinator.post(
        url("activity_move", plan, activity_id=world.activity.pk),
        {"direction": "down", "next": back},
    )
    assert response["Location"] == f"{back}#aktivitet-{world.activity.pk}"
    ordered = list(plan.activities.order_by("position", "pk"))
    assert ordered == [second, world.activity]


def test_moving_a_goal_up_renumbers_the_goals(
    plan: Plan, world: World, coordinator: Client
) -> None:
    second = Goal.objects.create(plan=plan, number=3, title="Tre")
    coordinator.post(url("goal_move", plan, goal_id=second.pk), {"direction": "up"})
    assert dict(plan.goals.values_list("title", "number")) == {
        "Tre": 1,
        "Verksamheterna förebygger våld": 2,
    }


def test_a_move_needs_a_direction_and_a_post(plan: Plan, world: World, coordinator: Client) -> None:
    move = url("activity_move", plan, activity_id=world.activity.pk)
    assert coordinator.post(move, {"direction": "sidled"}).status_code == 400
    assert coordinator.get(move).status_code == 405


def test_a_move_on_an_adopted_plan_is_refused(world: World, coordinator: Client) -> None:
    response = coordinator.post(
        url("goal_move", world.plan, goal_id=world.goal.pk), {"direction": "down"}
    )
    assert response.status_code == 409


# --- concurrent edits ---------------------------------------------------------


def test_a_concurrent_edit_is_shown_and_nothing_is_overwritten(
    plan: Plan, world: World, coordinator: Client
) -> None:
    edit = url("activity_update", plan, activity_id=world.activity.pk)
    opened_token = token_on(text_of(coordinator.get(edit)))
    services.activity_update(
        user=world.users["administrator"],
        activity=world.activity,
        fields=services.ActivityFields(
            description="Kollegans beskrivning.",
            goal=world.goal,
            responsible_actors=[world.social, world.school],
            lead=world.social,
        ),
        expected_version=int(opened_token),
    )
    mine = activity_data(world, description="Min beskrivning.", version_token=opened_token)
    response = coordinator.post(edit, mine)
    page = text_of(response)
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar här medan du redigerade." in page
    assert "<dt>Beskrivning</dt><dd>Kollegans beskrivning.</dd>" in page
    assert "Min beskrivning.</textarea>" in page
    world.activity.refresh_from_db()
    assert world.activity.description == "Kollegans beskrivning."
    # Having seen it, the user saves again, deliberately replacing it.
    response = coordinator.post(edit, {**mine, "version_token": token_on(page)})
    assert response.status_code == 302
    world.activity.refresh_from_db()
    assert world.activity.description == "Min beskrivning."


def test_after_a_save_the_user_returns_only_to_a_page_of_this_site(
    plan: Plan, world: World, coordinator: Client
) -> None:
    edit = url("prerequisite_update", plan, prerequisite_id=world.goal.prerequisites.get().pk)
    prerequisite = world.goal.prerequisites.get()
    data = {"text": "Ny text.", "version_token": services.version_token(prerequisite)}
    response = coordinator.post(edit, {**data, "next": "https://example.org/"})
    assert response["Location"] == url("goal_detail", plan, "version=1", number=1)


def test_after_deleting_a_goal_the_user_lands_on_the_plan(
    plan: Plan, world: World, coordinator: Client
) -> None:
    response = coordinator.post(
        url("goal_delete", plan, goal_id=world.goal.pk),
        {"version_token": services.version_token(world.goal)},
    )
    assert response["Location"] == url("plan_detail", plan, "version=1")


# --- the overview and the edit links ------------------------------------------


def test_the_overview_has_actions_for_every_part(
    plan: Plan, world: World, coordinator: Client
) -> None:
    page = text_of(coordinator.get(url("plan_edit", plan)))
    for name, ids in [
        ("goal_update", {"goal_id": world.goal.pk}),
        ("measure_update", {"measure_id": world.measure.pk}),
        ("activity_update", {"activity_id": world.activity.pk}),
        ("prerequisite_update", {"prerequisite_id": world.goal.prerequisites.get().pk}),
        ("responsibility_delete", {"responsibility_id": plan.responsibilities.get().pk}),
    ]:
        assert f'href="{url(name, plan, **ids)}?next=' in page
    # A single activity and a single goal have nowhere to move.
    assert "Flytta upp" not in page
    assert "Flytta ned" not in page


def render_links(user: Any, obj: Any, plan: Plan) -> str:
    request = RequestFactory().get("/testkommun/planer/plan/")
    request.user = user
    return render_to_string(
        "plans/edit/_edit_links.html", {"object": obj, "plan": plan}, request=request
    )


def test_the_edit_links_show_only_to_those_who_may_edit_an_editable_version(
    world: World,
) -> None:
    adopted = Plan.objects.select_related("organization").get(pk=world.plan.pk)
    assert render_links(world.users["coordinator"], world.activity, adopted).strip() == ""
    draft = make_draft(world)
    assert "Redigera" in render_links(world.users["coordinator"], world.activity, draft)
    for persona in ("reader", "reporter", "working_group_member", "outsider"):
        assert render_links(world.users[persona], world.activity, draft).strip() == "", persona


def test_the_edit_links_ask_for_the_capability_once_per_page(world: World) -> None:
    draft = Plan.objects.select_related("organization").get(pk=make_draft(world).pk)
    request = RequestFactory().get("/")
    request.user = world.users["coordinator"]
    activities = [
        Activity.objects.create(plan=draft, description=f"Aktivitet {n}") for n in range(5)
    ]
    with CaptureQueriesContext(connection) as queries:
        for activity in activities:
            render_to_string(
                "plans/edit/_edit_links.html",
                {"object": activity, "plan": draft},
                request=request,
            )
    assert len(queries) == 1


def test_the_plan_links_offer_to_add_each_kind_of_part(world: World) -> None:
    draft = make_draft(world)
    make_actor(world.organization, "Kommunstyrelsen")
    links = render_links(world.users["coordinator"], draft, draft)
    for label in (
        "Redigera planens uppgifter",
        "Lägg till målbild",
        "Lägg till aktivitet",
        "Lägg till mått",
        "Lägg till ansvar",
    ):
        assert label in links
