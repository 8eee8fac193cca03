"""Login with the organisation's own account (OpenID Connect), on only when configured."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse

import handlingskraft.urls
from handlingskraft.accounts.oidc import InvitedUserBackend
from handlingskraft.conftest import World, make_user

AUTHORIZATION_ENDPOINT = "https://login.example.se/tenant/oauth2/v2.0/authorize"
OIDC_SETTINGS = {
    "OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": "handlingskraft-test",
    "OIDC_RP_CLIENT_SECRET": "hemligt",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": AUTHORIZATION_ENDPOINT,
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.se/tenant/oauth2/v2.0/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.se/oidc/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.se/tenant/discovery/v2.0/keys",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_RP_SCOPES": "openid email profile",
    "OIDC_CREATE_USER": False,
}
LINK_TEXT = "Logga in med organisationens konto"


def reload_urls() -> None:
    importlib.reload(handlingskraft.urls)
    clear_url_caches()


@pytest.fixture
def oidc() -> Iterator[None]:
    """OpenID Connect configured, with its URLs mounted as settings.py would."""
    with override_settings(**OIDC_SETTINGS):
        reload_urls()
        yield
    reload_urls()


def test_without_configuration_the_login_page_has_no_organisation_link(db: None) -> None:
    html = Client().get(reverse("accounts:login")).content.decode()
    assert LINK_TEXT not in html
    assert Client().get("/oidc/authenticate/").status_code == 404


def test_with_configuration_the_login_page_links_to_the_organisation_login(
    db: None, oidc: None
) -> None:
    html = Client().get(reverse("accounts:login") + "?next=/testkommun/").content.decode()
    assert LINK_TEXT in html
    assert f'href="{reverse("oidc_authentication_init")}?next=/testkommun/"' in html


def test_the_organisation_login_starts_at_the_configured_authorization_endpoint(
    db: None, oidc: None
) -> None:
    response = Client().get("/oidc/authenticate/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZATION_ENDPOINT
    query = parse_qs(location.query)
    assert query["client_id"] == ["handlingskraft-test"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["scope"] == ["openid email profile"]


def test_a_failed_organisation_login_is_explained_on_the_login_page(db: None, oidc: None) -> None:
    html = Client().get(reverse("accounts:login") + "?oidc=misslyckades").content.decode()
    assert "Inloggningen med organisationens konto misslyckades" in html


@pytest.fixture
def backend(oidc: None) -> InvitedUserBackend:
    return InvitedUserBackend()


def test_an_existing_user_is_found_by_email_whatever_the_case(
    world: World, backend: InvitedUserBackend
) -> None:
    user = make_user("anna", email="Anna.Andersson@Testkommun.se")
    assert list(backend.filter_users_by_claims({"email": "anna.andersson@testkommun.SE"})) == [user]


def test_an_unknown_address_finds_nobody_and_creates_nobody(
    world: World, backend: InvitedUserBackend
) -> None:
    claims = {"email": "okand@testkommun.se"}
    assert list(backend.filter_users_by_claims(claims)) == []
    assert backend.create_user(claims) is None


def test_a_missing_address_finds_nobody(world: World, backend: InvitedUserBackend) -> None:
    make_user("utan-adress", email="")
    assert list(backend.filter_users_by_claims({"sub": "123"})) == []
    assert list(backend.filter_users_by_claims({"email": ""})) == []


def test_an_inactive_user_is_not_found(world: World, backend: InvitedUserBackend) -> None:
    make_user("slutat", email="slutat@testkommun.se", is_active=False)
    assert list(backend.filter_users_by_claims({"email": "slutat@testkommun.se"})) == []


def test_two_accounts_with_one_address_are_refused_rather_than_guessed(
    world: World, backend: InvitedUserBackend
) -> None:
    make_user("en", email="delad@testkommun.se")
    make_user("tva", email="DELAD@testkommun.se")
    assert list(backend.filter_users_by_claims({"email": "delad@testkommun.se"})) == []
