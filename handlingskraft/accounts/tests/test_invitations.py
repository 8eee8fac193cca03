"""Invitations: a coordinator invites by e-mail, the invited person accepts
with a one-time link valid for seven days."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handlingskraft.accounts.models import Invitation, Membership, Role, User
from handlingskraft.accounts.services import (
    AccountsError,
    NewAccount,
    hash_token,
    invitation_accept,
    invitation_create,
)
from handlingskraft.conftest import World, make_user

NEW_PASSWORD = "tre-små-grodor-hoppar-högt"
Capture = Callable[..., Any]


def invite_url(world: World) -> str:
    return reverse("accounts:invitation_create", kwargs={"org_slug": world.organization.slug})


def send_invitation(
    world: World,
    client: Client,
    capture: Capture,
    *,
    email: str = "ny.rapportor@example.se",
    role: str = Role.REPORTER,
    actor: int | None = None,
) -> str:
    """Invite through the page; the path of the link in the e-mail."""
    actor_id = world.social.pk if actor is None and Role.needs_actor(role) else actor
    with capture(execute=True):
        response = client.post(
            invite_url(world), {"email": email, "role": role, "actor": actor_id or ""}
        )
    assert response.status_code == 302
    match = re.search(re.escape(settings.SITE_URL) + r"(/inbjudan/[^/\s]+/)", mail.outbox[-1].body)
    assert match is not None
    return match.group(1)


def accept_with_new_account(client: Client, link: str, username: str = "nyrapportor") -> Any:
    return client.post(
        link,
        {
            "username": username,
            "first_name": "Nora",
            "last_name": "Nyström",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def test_a_coordinator_invites_and_the_invited_person_joins_and_logs_in(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.to == ["ny.rapportor@example.se"]
    assert message.subject == "Inbjudan till Handlingskraft – Testkommun"
    assert "med rollen Rapportör" in message.body
    assert "Du företräder Socialnämnden." in message.body
    assert "gäller i 7 dagar" in message.body

    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Skapa ditt konto" in page
    response = accept_with_new_account(visitor, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")

    user = User.objects.get(username="nyrapportor")
    assert user.email == "ny.rapportor@example.se"
    assert user.get_full_name() == "Nora Nyström"
    membership = Membership.objects.get(user=user)
    assert membership.organization == world.organization
    assert membership.role == Role.REPORTER
    assert membership.actor == world.social
    assert membership.is_active

    login = visitor.post(
        reverse("accounts:login"), {"username": "nyrapportor", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    plan_url = f"/{world.organization.slug}/planer/{world.plan.slug}/"
    assert visitor.get(plan_url).status_code == 200


def test_the_link_works_only_once(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    accept_with_new_account(Client(), link)
    response = accept_with_new_account(Client(), link, username="nagon-annan")
    assert response.status_code == 410
    assert "Inbjudan har redan använts." in response.content.decode()
    assert not User.objects.filter(username="nagon-annan").exists()


def test_an_expired_link_is_refused_with_a_clear_message(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = accept_with_new_account(Client(), link)
    assert response.status_code == 410
    assert "Inbjudan har gått ut. Be samordnaren att skicka en ny inbjudan." in (
        response.content.decode()
    )
    assert not User.objects.filter(username="nyrapportor").exists()


def test_the_link_is_valid_for_seven_days(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    valid_for = invitation.expires_at - invitation.created_at
    assert timedelta(days=7) - timedelta(minutes=1) < valid_for <= timedelta(days=7)


def test_an_unknown_link_answers_404_with_a_swedish_message(world: World) -> None:
    response = Client().get(reverse("accounts:invitation_accept", args=["pa-hittad"]))
    assert response.status_code == 404
    assert "Länken är inte giltig." in response.content.decode()


def test_only_a_hash_of_the_token_is_stored(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    token = link.split("/")[2]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert "token_hash" not in [f.name for f in Invitation.history.model._meta.fields]  # type: ignore[attr-defined]


def test_the_chosen_password_must_follow_the_password_rules(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    response = Client().post(
        link,
        {"username": "ny", "password1": "kort-1", "password2": "kort-1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det här lösenordet är för kort." in html
    assert not User.objects.filter(username="ny").exists()


def test_the_password_must_not_look_like_the_email_address(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    response = Client().post(
        link,
        {
            "username": "ny",
            "password1": "ny.rapportor@example.se",
            "password2": "ny.rapportor@example.se",
        },
    )
    assert "Ditt lösenord är alltför likt" in response.content.decode()


def test_a_taken_username_is_refused(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    response = accept_with_new_account(Client(), link, username="Samordnare")
    assert "Användarnamnet är upptaget." in response.content.decode()


def test_a_logged_in_user_with_the_invited_address_just_accepts(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    outsider = world.users["outsider"]
    outsider.email = "Utomstaende@Example.se"
    outsider.save()
    link = send_invitation(
        world,
        client_as("coordinator"),
        django_capture_on_commit_callbacks,
        email="utomstaende@example.se",
        role=Role.READER,
    )
    client = client_as("outsider")
    assert "Ta emot inbjudan" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302
    membership = Membership.objects.get(user=outsider, organization=world.organization)
    assert membership.role == Role.READER
    assert membership.actor is None
    plan_url = f"/{world.organization.slug}/planer/{world.plan.slug}/"
    assert client.get(plan_url).status_code == 200


def test_a_logged_in_user_with_another_address_cannot_accept(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    client = client_as("outsider")
    html = client.post(link).content.decode()
    assert "Inbjudan gäller ett annat konto" in html
    assert not Membership.objects.filter(
        user=world.users["outsider"], organization=world.organization
    ).exists()
    assert Invitation.objects.get().accepted_at is None


def test_someone_with_an_account_for_the_address_is_asked_to_log_in(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    make_user("befintlig", email="ny.rapportor@example.se")
    link = send_invitation(world, client_as("coordinator"), django_capture_on_commit_callbacks)
    html = Client().get(link).content.decode()
    assert "Det finns redan ett konto med e-postadressen" in html
    assert f"{reverse('accounts:login')}?next={link}" in html
    accept_with_new_account(Client(), link)
    assert User.objects.filter(email__iexact="ny.rapportor@example.se").count() == 1


@pytest.mark.parametrize("role", [Role.REPORTER, Role.WORKING_GROUP_MEMBER])
def test_reporters_and_working_group_members_must_be_given_an_actor(
    world: World, client_as: Callable[[str], Client], role: str
) -> None:
    response = client_as("coordinator").post(
        invite_url(world), {"email": "a@example.se", "role": role, "actor": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rollen kräver att en aktör anges." in html
    assert not Invitation.objects.exists()


def test_the_actor_must_belong_to_the_organisation(
    world: World, client_as: Callable[[str], Client]
) -> None:
    foreign_actor = world.other_organization.actors.get()
    response = client_as("coordinator").post(
        invite_url(world),
        {"email": "a@example.se", "role": Role.REPORTER, "actor": foreign_actor.pk},
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(AccountsError):
        invitation_create(
            acting_user=world.users["coordinator"],
            organization=world.organization,
            email="a@example.se",
            role=Role.REPORTER,
            actor=foreign_actor,
        )


def test_an_active_member_cannot_be_invited_again(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.users["reader"].email = "lasare@example.se"
    world.users["reader"].save()
    response = client_as("coordinator").post(
        invite_url(world), {"email": "LASARE@example.se", "role": Role.READER}
    )
    assert "Det finns redan ett aktivt medlemskap med den e-postadressen." in (
        response.content.decode()
    )


def test_no_mail_is_sent_until_the_invitation_is_saved(world: World) -> None:
    invitation_create(
        acting_user=world.users["coordinator"],
        organization=world.organization,
        email="a@example.se",
        role=Role.READER,
        actor=None,
    )
    # The test runs inside a transaction that never commits.
    assert mail.outbox == []


def test_the_coordinator_sees_open_invitations_on_the_member_page(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client = client_as("coordinator")
    send_invitation(world, client, django_capture_on_commit_callbacks)
    url = reverse("accounts:member_list", kwargs={"org_slug": world.organization.slug})
    html = client.get(url).content.decode()
    assert "ny.rapportor@example.se" in html
    assert "En inbjudan har skickats till ny.rapportor@example.se." in html


def test_accepting_in_the_service_requires_account_details_or_a_user(world: World) -> None:
    Invitation.objects.create(
        organization=world.organization,
        email="x@example.se",
        role=Role.READER,
        token_hash=hash_token("t"),
        created_by=world.users["coordinator"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(AccountsError):
        invitation_accept(token="t", acting_user=None)
    membership = invitation_accept(
        token="t",
        acting_user=None,
        new_account=NewAccount(username="x", password=NEW_PASSWORD),
    )
    assert membership.user.email == "x@example.se"
    assert Invitation.objects.get().accepted_by == membership.user
