"""Personal API tokens: created on the token page and shown once, stored only
as a hash, refused once revoked or expired or when the user's access ends."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handlingskraft.api.models import ApiToken
from handlingskraft.api.tokens import TokenError, TokenInput, token_create, token_revoke
from handlingskraft.audit.models import AuditAction, AuditEntry
from handlingskraft.conftest import World

from .conftest import ApiAs, TokenOf

pytestmark = pytest.mark.django_db

ME = "/api/internal/me"


def create_on_page(client: Client, world: World, **fields: object) -> str:
    data = {"name": "Ärendesystemet", "organization": world.organization.pk, **fields}
    return client.post(reverse("api:token_list"), data).content.decode()


def shown_token(html: str) -> str:
    match = re.search(r'id="ny-nyckel">(hk_[^<]+)<', html)
    assert match, "the new token is on the page"
    return match.group(1)


def test_a_user_creates_a_token_that_is_shown_once_and_stored_as_a_hash(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("reporter")
    secret = shown_token(create_on_page(client, world))
    token = ApiToken.objects.get()
    assert token.user == world.users["reporter"]
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(token.__dict__)
    page = client.get(reverse("api:token_list")).content.decode()
    assert "Ärendesystemet" in page
    assert secret not in page
    assert token.prefix in page


def test_the_new_token_works_at_once_and_names_its_user_and_role(
    world: World, client_as: Callable[[str], Client]
) -> None:
    secret = shown_token(create_on_page(client_as("reporter"), world))
    response = Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "rapportor"
    assert body["role"] == "reporter"
    assert body["actor"]["name"] == "Socialnämnden"
    assert "report" in body["capabilities"]
    assert "view_internal" not in body["capabilities"]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_token_can_only_be_made_for_ones_own_organisations(
    world: World, client_as: Callable[[str], Client]
) -> None:
    html = create_on_page(client_as("reporter"), world, organization=world.other_organization.pk)
    assert "Välj ett giltigt alternativ" in html
    assert not ApiToken.objects.exists()
    with pytest.raises(TokenError, match="organisationer du tillhör"):
        token_create(
            user=world.users["reporter"],
            data=TokenInput(name="x", organization=world.other_organization),
        )


def test_a_token_name_goes_through_the_personal_data_guard(
    world: World, client_as: Callable[[str], Client]
) -> None:
    html = create_on_page(client_as("reporter"), world, name="Export 19121212-1212")
    assert "personnummer" in html
    assert not ApiToken.objects.exists()


def test_the_token_page_is_swedish_and_english(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("reader")
    assert "Skapa en nyckel" in client.get(reverse("api:token_list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Create a token" in client.get(reverse("api:token_list")).content.decode()


def test_a_revoked_token_stops_working(world: World, api_as: ApiAs) -> None:
    client = api_as("coordinator")
    assert client.get(ME).status_code == 200
    token_revoke(token=ApiToken.objects.get(), user=world.users["coordinator"])
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json() == {"detail": "API-nyckeln är återkallad.", "errors": []}
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_user_revokes_their_token_on_the_page(
    world: World, client_as: Callable[[str], Client], token_of: TokenOf
) -> None:
    secret = token_of("reader")
    token = ApiToken.objects.get()
    client = client_as("reader")
    response = client.post(reverse("api:token_revoke", kwargs={"token_id": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert "Återkallad" in client.get(reverse("api:token_list")).content.decode()


def test_nobody_revokes_anyone_elses_token(
    world: World, client_as: Callable[[str], Client], token_of: TokenOf
) -> None:
    token_of("reader")
    token = ApiToken.objects.get()
    url = reverse("api:token_revoke", kwargs={"token_id": token.pk})
    assert client_as("coordinator").post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_is_refused(world: World, token_of: TokenOf) -> None:
    secret = token_of("reader", expires_on=timezone.localdate())
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(ME).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"] == "API-nyckeln har gått ut. Skapa en ny."


def test_an_expiry_date_in_the_past_is_refused(world: World) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(TokenError, match="passerat"):
        token_create(
            user=world.users["reader"],
            data=TokenInput(name="x", organization=world.organization, expires_on=yesterday),
        )


def test_a_token_stops_working_when_the_membership_ends(world: World, api_as: ApiAs) -> None:
    client = api_as("reader")
    world.users["reader"].memberships.update(is_active=False)
    response = client.get(ME)
    assert response.status_code == 401
    assert "inte längre tillgång" in response.json()["detail"]


def test_a_token_stops_working_when_the_user_is_deactivated(world: World, api_as: ApiAs) -> None:
    client = api_as("reader")
    world.users["reader"].is_active = False
    world.users["reader"].save()
    assert client.get(ME).status_code == 401


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer hk_okänd-nyckel", "Basic dXNlcjpwYXNz", "Token hk_x"],
)
def test_a_missing_or_unknown_token_is_refused_in_swedish(db: None, header: str) -> None:
    response = Client().get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"] in {
        "Ange en giltig API-nyckel i rubriken Authorization, som ”Bearer hk_…”.",
        "API-nyckeln är okänd.",
    }


def test_a_session_cookie_does_not_open_the_internal_api(
    client_as: Callable[[str], Client],
) -> None:
    assert client_as("coordinator").get(ME).status_code == 401


def test_a_read_only_token_cannot_write(world: World, api_as: ApiAs) -> None:
    client = api_as("coordinator", read_only=True)
    assert client.get(ME).json()["token_read_only"] is True
    response = client.post(
        f"/api/internal/measures/{world.measure.pk}/values",
        {"period": "2025", "value": "12"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "API-nyckeln får bara läsa."


def test_creating_and_revoking_a_token_is_in_the_organisations_audit_log(
    world: World, token_of: TokenOf
) -> None:
    secret = token_of("reader")
    token_revoke(token=ApiToken.objects.get(), user=world.users["reader"])
    entries = AuditEntry.objects.filter(organization=world.organization, model="api.apitoken")
    assert [entry.action for entry in entries.order_by("timestamp", "pk")] == [
        AuditAction.CREATED,
        AuditAction.CHANGED,
    ]
    assert all(entry.user == world.users["reader"] for entry in entries)
    assert secret not in str(list(entries.values("changes")))
