"""Two-step verification with an authenticator app (TOTP)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from handlingskraft.accounts.models import Role
from handlingskraft.accounts.two_factor import two_factor_required
from handlingskraft.conftest import World, make_user

PASSWORD = "ett-långt-lösenord-1"
SETUP_URL = reverse("accounts:two_factor")
VERIFY_URL = reverse("accounts:two_factor_verify")


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or a number of 30-second steps later: a
    code is accepted only once, so a second login needs a later one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def log_in(client: Client, username: str) -> str:
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return str(response["Location"])


def set_up_app(client: Client) -> TOTPDevice:
    client.post(reverse("accounts:two_factor_start"))
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("accounts:two_factor_confirm"), {"code": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_the_page_says_two_step_verification_is_off_for_a_new_user(
    client_as: Callable[[str], Client],
) -> None:
    html = client_as("reader").get(SETUP_URL).content.decode()
    assert "<h1>Tvåstegsverifiering</h1>" in html
    assert "Av." in html


def test_setting_up_shows_the_key_as_text_and_an_inline_svg_qr_code(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("reader")
    client.post(reverse("accounts:two_factor_start"))
    device = TOTPDevice.objects.get()
    html = client.get(SETUP_URL).content.decode()
    assert not device.confirmed
    assert re.search(r'<svg role="img"[^>]*class="qr-code"><title>QR-kod', html)
    assert "data:image" not in html
    assert "style=" not in html
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html)
    assert secret is not None
    assert len(secret.group(1).replace(" ", "")) == 32
    assert '<label for="id_code">Kod</label>' in html


def test_starting_twice_keeps_the_same_key(client_as: Callable[[str], Client]) -> None:
    client = client_as("reader")
    client.post(reverse("accounts:two_factor_start"))
    client.post(reverse("accounts:two_factor_start"))
    assert TOTPDevice.objects.count() == 1


def test_a_correct_code_turns_it_on_and_verifies_the_session(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("reader")
    set_up_app(client)
    html = client.get(SETUP_URL).content.decode()
    assert "På. Du anger en kod från appen när du loggar in." in html
    assert client.get("/").status_code == 200


def test_a_wrong_code_does_not_turn_it_on(client_as: Callable[[str], Client]) -> None:
    client = client_as("reader")
    client.post(reverse("accounts:two_factor_start"))
    device = TOTPDevice.objects.get()
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor_confirm"), {"code": wrong})
    assert response.status_code == 200
    assert "Koden stämmer inte." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_login_asks_for_the_code_after_the_password(world: World, settings: Settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code below
    client = Client()
    log_in(client, "lasare")
    device = set_up_app(client)
    client.post(reverse("accounts:logout"))

    plan_url = f"/{world.organization.slug}/planer/{world.plan.slug}/"
    client.post(
        reverse("accounts:login"),
        {"username": "lasare", "password": PASSWORD, "next": plan_url},
    )
    # Password alone is not enough: every page leads to the code.
    response = client.get(plan_url)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL)
    assert client.get("/").status_code == 302

    page = client.get(response["Location"])
    assert "Ange koden från appen" in page.content.decode()

    wrong = client.post(response["Location"], {"code": "000000", "next": plan_url})
    assert "Koden stämmer inte." in wrong.content.decode()
    assert client.get(plan_url).status_code == 302

    right = client.post(
        response["Location"], {"code": code(device, steps_ahead=1), "next": plan_url}
    )
    assert right.status_code == 302
    assert right["Location"] == plan_url
    assert client.get(plan_url).status_code == 200


def test_a_code_is_accepted_only_once(world: World) -> None:
    client = Client()
    log_in(client, "lasare")
    device = set_up_app(client)
    client.post(reverse("accounts:logout"))
    log_in(client, "lasare")
    used = code(device)  # the one that confirmed the app
    response = client.post(VERIFY_URL, {"code": used})
    assert "Koden stämmer inte." in response.content.decode()


def test_the_code_must_be_six_digits(world: World) -> None:
    client = Client()
    log_in(client, "lasare")
    set_up_app(client)
    client.post(reverse("accounts:logout"))
    log_in(client, "lasare")
    response = client.post(VERIFY_URL, {"code": "12ab56"})
    html = response.content.decode()
    assert "Koden har sex siffror." in html
    assert 'aria-invalid="true"' in html


def test_after_a_wrong_code_the_next_try_must_wait(world: World) -> None:
    client = Client()
    log_in(client, "lasare")
    device = set_up_app(client)
    client.post(reverse("accounts:logout"))
    log_in(client, "lasare")
    client.post(VERIFY_URL, {"code": "000000"})
    response = client.post(VERIFY_URL, {"code": code(device, steps_ahead=1)})
    assert "För många felaktiga koder. Vänta en stund" in response.content.decode()
    assert client.get("/").status_code == 302


def test_logging_out_works_before_the_code_is_given(world: World) -> None:
    client = Client()
    log_in(client, "lasare")
    set_up_app(client)
    client.post(reverse("accounts:logout"))
    log_in(client, "lasare")
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302
    assert client.get("/")["Location"].startswith(reverse("accounts:login"))


def test_the_app_cannot_be_removed_without_a_current_code(
    client_as: Callable[[str], Client], settings: Settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code below
    client = client_as("reader")
    device = set_up_app(client)
    response = client.post(reverse("accounts:two_factor_remove"), {"code": "000000"})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    response = client.post(
        reverse("accounts:two_factor_remove"), {"code": code(device, steps_ahead=1)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()
    assert client.get("/").status_code == 200


def test_an_organisation_requiring_it_sends_a_coordinator_without_an_app_to_set_it_up(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.organization.require_two_factor = True
    world.organization.save()
    client = client_as("coordinator")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)
    html = client.get(SETUP_URL).content.decode()
    assert "Din roll kräver tvåstegsverifiering" in html
    # Once the app is set up the coordinator may work.
    set_up_app(client)
    assert client.get("/").status_code == 200


def test_an_organisation_requiring_it_does_not_force_its_readers(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.organization.require_two_factor = True
    world.organization.save()
    assert client_as("reader").get("/").status_code == 200
    assert client_as("outsider").get("/").status_code == 200


def test_a_deactivated_coordinator_is_not_held_by_the_requirement(world: World) -> None:
    world.organization.require_two_factor = True
    world.organization.save()
    world.users["coordinator"].memberships.update(is_active=False)
    assert not two_factor_required(world.users["coordinator"])


def test_superusers_must_use_it_when_the_installation_requires_it(
    world: World, settings: Settings, client_as: Callable[[str], Client]
) -> None:
    assert client_as("administrator").get("/").status_code == 200
    settings.HANDLINGSKRAFT_REQUIRE_ADMIN_2FA = True
    response = client_as("administrator").get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)


def test_superusers_must_use_it_when_they_belong_to_an_organisation_requiring_it(
    world: World,
) -> None:
    world.organization.require_two_factor = True
    world.organization.save()
    admin = make_user("superreader", world.organization, Role.READER, is_superuser=True)
    assert two_factor_required(admin)
    assert not two_factor_required(world.users["administrator"])


@pytest.mark.parametrize("name", ["two_factor_start", "two_factor_confirm", "two_factor_remove"])
def test_the_two_step_actions_take_only_posts(
    name: str, client_as: Callable[[str], Client]
) -> None:
    assert client_as("reader").get(reverse(f"accounts:{name}")).status_code == 405
