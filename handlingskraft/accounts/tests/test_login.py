"""Logging in and out, lockout after failed attempts, passwords and idle sessions."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handlingskraft.conftest import World

PASSWORD = "ett-långt-lösenord-1"
LOGIN_URL = reverse("accounts:login")


def log_in(client: Client, username: str, password: str, next_url: str = "") -> HttpResponse:
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def fail_login(client: Client, username: str, times: int) -> HttpResponse:
    """Post a wrong password `times` times; the last response."""
    for _ in range(times):
        response = log_in(client, username, "fel-lösenord")
    return response


def test_the_login_page_is_swedish_with_labels_tied_to_the_inputs(client: Client) -> None:
    html = client.get(LOGIN_URL).content.decode()
    assert "<h1>Logga in</h1>" in html
    assert '<label for="id_username">Användarnamn' in html
    assert '<label for="id_password">Lösenord' in html
    assert 'id="id_username"' in html
    assert 'id="id_password"' in html


def test_a_member_logs_in_with_username_and_password(world: World) -> None:
    client = Client()
    response = log_in(client, "samordnare", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_logging_in_continues_to_the_page_asked_for(world: World) -> None:
    client = Client()
    plan_url = f"/{world.organization.slug}/planer/{world.plan.slug}/"
    response = log_in(client, "samordnare", PASSWORD, next_url=plan_url)
    assert response["Location"] == plan_url


def test_a_wrong_password_is_refused_in_swedish_and_marked_on_the_form(world: World) -> None:
    response = log_in(Client(), "samordnare", "fel-lösenord")
    html = response.content.decode()
    assert "Ange ett korrekt användarnamn och lösenord" in html
    assert 'role="alert"' in html
    assert "<title>Fel: Logga in" in html


def test_the_fifth_failed_attempt_locks_the_account(world: World) -> None:
    client = Client()
    assert fail_login(client, "samordnare", 4).status_code == 200
    assert fail_login(client, "samordnare", 1).status_code == 429


def test_a_locked_account_stays_locked_even_for_the_right_password(world: World) -> None:
    client = Client()
    fail_login(client, "samordnare", 5)
    response = log_in(client, "samordnare", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failed_attempts_do_not_lock_the_account(world: World) -> None:
    client = Client()
    fail_login(client, "samordnare", 4)
    assert log_in(client, "samordnare", PASSWORD).status_code == 302


def test_the_lockout_page_says_in_swedish_for_how_long_and_what_to_do(world: World) -> None:
    client = Client()
    fail_login(client, "samordnare", 4)
    response = log_in(client, "samordnare", "fel-igen")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Kontot är låst i 15 minuter efter för många misslyckade inloggningsförsök" in html
    assert "Vänta 15 minuter" in html
    assert reverse("accounts:password_reset") in html
    assert "Kontakta samordnaren" in html


def test_the_lockout_is_per_account_not_per_address(world: World) -> None:
    client = Client()
    fail_login(client, "samordnare", 5)
    assert log_in(client, "lasare", PASSWORD).status_code == 302
    # From another browser (same address or not) the locked account stays locked.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert log_in(other, "samordnare", PASSWORD).status_code == 429


def test_the_lockout_ends_after_15_minutes(world: World) -> None:
    client = Client()
    fail_login(client, "samordnare", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "samordnare", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures_before_it(world: World) -> None:
    client = Client()
    fail_login(client, "samordnare", 4)
    assert log_in(client, "samordnare", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    fail_login(client, "samordnare", 4)
    assert log_in(client, "samordnare", PASSWORD).status_code == 302


def test_logging_out_is_a_post_that_ends_the_session(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("reader")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302


def test_the_header_offers_logout_as_a_form_to_a_logged_in_user(
    client_as: Callable[[str], Client],
) -> None:
    html = client_as("reader").get("/").content.decode()
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in html
    assert "Logga ut" in html


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("kort-1", "Det här lösenordet är för kort. Det måste innehålla minst 12 tecken."),
        ("123456789012345", "Detta lösenord är enbart numeriskt."),
        ("liverpool123", "Detta lösenord är alldeles för vanligt."),
    ],
)
def test_password_rules_are_explained_in_swedish(
    client_as: Callable[[str], Client], new_password: str, message: str
) -> None:
    response = client_as("reader").post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    # The error sits next to its field and the input points at it.
    assert '<div class="field-errors" id="id_new_password2_error">' in html
    assert re.search(r'aria-describedby="[^"]*id_new_password2_error"', html)
    assert 'aria-invalid="true"' in html


def test_the_password_page_lists_the_rules_in_swedish(
    client_as: Callable[[str], Client],
) -> None:
    html = client_as("reader").get(reverse("accounts:password_change")).content.decode()
    assert "Ditt lösenord måste innehålla minst 12 tecken." in html
    assert 'aria-describedby="id_new_password1_helptext"' in html


def test_a_member_changes_their_password(world: World, client_as: Callable[[str], Client]) -> None:
    new = "en-helt-annan-mening-om-våren"
    response = client_as("reader").post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    world.users["reader"].refresh_from_db()
    assert world.users["reader"].check_password(new)


def reset_link(email: str, client: Client) -> str:
    client.post(reverse("accounts:password_reset"), {"email": email})
    assert len(mail.outbox) == 1
    match = re.search(
        r"http://testserver(/konto/aterstall-losenord/[^/]+/[^/]+/)", mail.outbox[0].body
    )
    assert match is not None
    return match.group(1)


def test_password_reset_mails_a_swedish_link_that_sets_a_new_password(world: World) -> None:
    user = world.users["reader"]
    user.email = "lasare@example.se"
    user.save()
    client = Client()
    link = reset_link("lasare@example.se", client)
    assert mail.outbox[0].subject == "Nytt lösenord till Handlingskraft"
    form_url = client.get(link)["Location"]
    new = "en-helt-annan-mening-om-våren"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert log_in(Client(), "lasare", new).status_code == 302


def test_a_new_password_by_mail_lifts_a_lockout(world: World) -> None:
    user = world.users["reader"]
    user.email = "lasare@example.se"
    user.save()
    client = Client()
    fail_login(client, "lasare", 5)
    form_url = client.get(reset_link("lasare@example.se", client))["Location"]
    new = "en-helt-annan-mening-om-våren"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert log_in(client, "lasare", new).status_code == 302


def test_sessions_end_after_30_idle_minutes_by_default() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_idle_session_expires(client_as: Callable[[str], Client]) -> None:
    client = client_as("reader")
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_each_request_moves_the_idle_deadline_forward(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("reader")
    soon = timezone.now() + timedelta(minutes=2)
    Session.objects.update(expire_date=soon)
    client.get("/")
    expiry = Session.objects.get().expire_date
    assert expiry > timezone.now() + timedelta(minutes=29)


def test_account_pages_have_no_scripts_inline_styles_or_external_resources(
    world: World, client_as: Callable[[str], Client]
) -> None:
    coordinator = client_as("coordinator")
    coordinator.post(reverse("accounts:two_factor_start"))
    org = {"org_slug": world.organization.slug}
    pages = [
        (Client(), reverse("accounts:login")),
        (Client(), reverse("accounts:password_reset")),
        (coordinator, reverse("accounts:password_change")),
        (coordinator, reverse("accounts:two_factor")),
        (coordinator, reverse("accounts:member_list", kwargs=org)),
        (coordinator, reverse("accounts:invitation_create", kwargs=org)),
    ]
    locked = Client()
    pages_html = [client.get(url).content.decode() for client, url in pages]
    pages_html.append(fail_login(locked, "lasare", 5).content.decode())
    for html in pages_html:
        assert "<script" not in html
        assert " style=" not in html
        assert "<style" not in html
        assert "http://" not in html
        assert "https://" not in html
        assert "/static/css/site.css" in html
