"""The reading pages lead to editing, versions and follow-up, for those allowed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.plans.versions import plan_revise

pytestmark = pytest.mark.django_db


def goal_page(world: World, version: int) -> str:
    url = reverse(
        "plans:goal_detail",
        kwargs={"org_slug": "testkommun", "plan_slug": world.plan.slug, "number": 1},
    )
    return f"{url}?version={version}"


def test_a_coordinator_sees_edit_links_on_a_version_under_revision(
    world: World, client_as: Callable[[str], Client]
):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    html = client_as("coordinator").get(goal_page(world, revision.version)).content.decode()
    activity = revision.activities.get()
    edit = reverse(
        "plans:activity_update",
        kwargs={"org_slug": "testkommun", "plan_slug": world.plan.slug, "activity_id": activity.pk},
    )
    assert edit in html


def test_nobody_sees_edit_links_on_the_adopted_version(
    world: World, client_as: Callable[[str], Client]
):
    html = client_as("coordinator").get(goal_page(world, 1)).content.decode()
    assert 'class="edit-actions"' not in html


def test_a_reader_never_sees_edit_links(world: World, client_as: Callable[[str], Client]):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    html = client_as("reader").get(goal_page(world, revision.version)).content.decode()
    assert 'class="edit-actions"' not in html


def test_each_activity_links_to_its_status_across_rounds(
    world: World, client_as: Callable[[str], Client]
):
    html = client_as("reader").get(goal_page(world, 1)).content.decode()
    history = reverse(
        "followup:activity_history",
        kwargs={"org_slug": "testkommun", "activity_id": world.activity.pk},
    )
    assert history in html


def test_the_start_page_lists_a_plan_once_while_it_is_revised(
    world: World, client_as: Callable[[str], Client]
):
    plan_revise(plan=world.plan, user=world.users["coordinator"])
    html = client_as("reader").get(reverse("plans:organization_list")).content.decode()
    assert html.count(world.plan.title) == 1


def test_the_menu_shows_a_reporter_what_it_reports_but_not_the_log(
    world: World, client_as: Callable[[str], Client]
):
    html = client_as("reporter").get(goal_page(world, 1)).content.decode()
    assert reverse("followup:todo", kwargs={"org_slug": "testkommun"}) in html
    assert reverse("audit:organization_log", kwargs={"org_slug": "testkommun"}) not in html
    assert reverse("accounts:member_list", kwargs={"org_slug": "testkommun"}) not in html


def test_the_menu_shows_a_coordinator_users_and_history(
    world: World, client_as: Callable[[str], Client]
):
    html = client_as("coordinator").get(goal_page(world, 1)).content.decode()
    assert reverse("audit:organization_log", kwargs={"org_slug": "testkommun"}) in html
    assert reverse("accounts:member_list", kwargs={"org_slug": "testkommun"}) in html
