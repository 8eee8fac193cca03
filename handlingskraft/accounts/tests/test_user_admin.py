"""User administration for coordinators: the member list, roles and actors,
deactivation and reactivation, and who may reach any of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from handlingskraft.accounts.models import Membership, Role
from handlingskraft.accounts.services import AccountsError, membership_deactivate
from handlingskraft.conftest import World, make_user


def member_url(world: World, name: str, membership: Membership | None = None) -> str:
    kwargs: dict[str, object] = {"org_slug": world.organization.slug}
    if membership is not None:
        kwargs["membership_id"] = membership.pk
    return reverse(f"accounts:{name}", kwargs=kwargs)


def membership_of(world: World, persona: str) -> Membership:
    return world.users[persona].memberships.get()


def plan_url(world: World) -> str:
    return f"/{world.organization.slug}/planer/{world.plan.slug}/"


def test_the_member_list_shows_name_email_role_actor_and_status_as_text(
    world: World, client_as: Callable[[str], Client]
) -> None:
    reporter = world.users["reporter"]
    reporter.first_name, reporter.last_name, reporter.email = "Rut", "Rapp", "rut@example.se"
    reporter.save()
    Membership.objects.filter(user=world.users["reader"]).update(is_active=False)
    html = client_as("coordinator").get(member_url(world, "member_list")).content.decode()
    assert "<caption>Medlemmar</caption>" in html
    row = html[html.index("Rut Rapp") : html.index("</tr>", html.index("Rut Rapp"))]
    assert "rut@example.se" in row
    assert "Rapportör" in row
    assert "Socialnämnden" in row
    assert "Aktiv" in row
    reader_row = html[html.index(">lasare<") : html.index("</tr>", html.index(">lasare<"))]
    assert "Inaktiverad" in reader_row
    assert "utomstaende" not in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("reader", 403),
        ("reporter", 403),
        ("working_group_member", 403),
        ("outsider", 404),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
@pytest.mark.parametrize("name", ["member_list", "invitation_create"])
def test_only_coordinators_reach_the_user_pages(
    world: World, client_as: Callable[[str], Client], persona: str, status: int, name: str
) -> None:
    assert client_as(persona).get(member_url(world, name)).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    url = member_url(world, "member_list")
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(
    ("persona", "status"), [("reader", 403), ("reporter", 403), ("outsider", 404)]
)
@pytest.mark.parametrize("name", ["member_edit", "member_deactivate", "member_reactivate"])
def test_members_without_the_capability_cannot_change_a_membership(
    world: World, client_as: Callable[[str], Client], persona: str, status: int, name: str
) -> None:
    target = membership_of(world, "working_group_member")
    url = member_url(world, name, target)
    response = client_as(persona).post(url, {"role": Role.READER, "actor": ""})
    assert response.status_code == status
    target.refresh_from_db()
    assert target.role == Role.WORKING_GROUP_MEMBER
    assert target.is_active


@pytest.mark.parametrize("name", ["member_edit", "member_deactivate", "member_reactivate"])
def test_a_coordinator_cannot_touch_another_organisations_membership(
    world: World, client_as: Callable[[str], Client], name: str
) -> None:
    foreign = membership_of(world, "outsider")
    url = member_url(world, name, foreign)
    client = client_as("coordinator")
    assert client.get(url).status_code in {404, 405}
    assert client.post(url, {"role": Role.READER, "actor": ""}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.COORDINATOR
    assert foreign.is_active


def test_a_coordinator_changes_a_members_role_and_actor(
    world: World, client_as: Callable[[str], Client]
) -> None:
    target = membership_of(world, "reporter")
    response = client_as("coordinator").post(
        member_url(world, "member_edit", target),
        {"role": Role.WORKING_GROUP_MEMBER, "actor": world.school.pk},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.WORKING_GROUP_MEMBER
    assert target.actor == world.school
    assert target.history.latest().history_user == world.users["coordinator"]  # type: ignore[attr-defined]


def test_a_reporter_cannot_be_left_without_an_actor(
    world: World, client_as: Callable[[str], Client]
) -> None:
    target = membership_of(world, "reporter")
    response = client_as("coordinator").post(
        member_url(world, "member_edit", target), {"role": Role.REPORTER, "actor": ""}
    )
    assert "Rollen kräver att en aktör anges." in response.content.decode()
    target.refresh_from_db()
    assert target.actor == world.social


def test_an_actor_of_another_organisation_cannot_be_chosen(
    world: World, client_as: Callable[[str], Client]
) -> None:
    target = membership_of(world, "reporter")
    foreign_actor = world.other_organization.actors.get()
    client_as("coordinator").post(
        member_url(world, "member_edit", target),
        {"role": Role.REPORTER, "actor": foreign_actor.pk},
    )
    target.refresh_from_db()
    assert target.actor == world.social


def test_the_edit_form_offers_only_the_organisations_actors(
    world: World, client_as: Callable[[str], Client]
) -> None:
    html = (
        client_as("coordinator")
        .get(member_url(world, "member_edit", membership_of(world, "reporter")))
        .content.decode()
    )
    assert f'<option value="{world.social.pk}" selected>Socialnämnden</option>' in html
    assert f'value="{world.other_organization.actors.get().pk}"' not in html


def test_a_deactivated_member_loses_access_and_gets_it_back_when_reactivated(
    world: World, client_as: Callable[[str], Client]
) -> None:
    target = membership_of(world, "reporter")
    member = client_as("reporter")
    assert member.get(plan_url(world)).status_code == 200

    coordinator = client_as("coordinator")
    response = coordinator.post(member_url(world, "member_deactivate", target))
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert Membership.objects.filter(pk=target.pk).exists()  # never deleted
    assert member.get(plan_url(world)).status_code == 404

    coordinator.post(member_url(world, "member_reactivate", target))
    target.refresh_from_db()
    assert target.is_active
    assert target.role == Role.REPORTER
    assert member.get(plan_url(world)).status_code == 200


def test_a_coordinator_cannot_deactivate_themselves(
    world: World, client_as: Callable[[str], Client]
) -> None:
    own = membership_of(world, "coordinator")
    client = client_as("coordinator")
    response = client.post(member_url(world, "member_deactivate", own), follow=True)
    assert "Du kan inte inaktivera ditt eget medlemskap." in response.content.decode()
    own.refresh_from_db()
    assert own.is_active
    with pytest.raises(AccountsError):
        membership_deactivate(acting_user=world.users["coordinator"], membership=own)


def test_a_coordinator_cannot_change_their_own_role(
    world: World, client_as: Callable[[str], Client]
) -> None:
    own = membership_of(world, "coordinator")
    response = client_as("coordinator").post(
        member_url(world, "member_edit", own), {"role": Role.READER, "actor": ""}
    )
    assert "Du kan inte ändra din egen roll." in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR


def test_a_coordinator_can_deactivate_another_coordinator(
    world: World, client_as: Callable[[str], Client]
) -> None:
    colleague = make_user("kollega", world.organization, Role.COORDINATOR)
    membership = colleague.memberships.get()
    client_as("coordinator").post(member_url(world, "member_deactivate", membership))
    membership.refresh_from_db()
    assert not membership.is_active


def test_the_member_list_query_count_does_not_grow_with_members(
    world: World,
    client_as: Callable[[str], Client],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_as("coordinator")
    url = member_url(world, "member_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(10):
        make_user(f"extra{number}", world.organization, Role.REPORTER, world.school)
    with django_assert_num_queries(len(few)):
        client.get(url)
