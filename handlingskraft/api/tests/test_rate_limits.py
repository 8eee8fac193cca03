"""Rate limits: per token, and per address for calls without a token; a call
over the limit gets 429 with Retry-After and the usual error body."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from handlingskraft.api.ratelimit import Rate, client_address, hit, parse_rate
from handlingskraft.conftest import World

from .conftest import ApiAs

pytestmark = pytest.mark.django_db


def test_rates_are_read_from_the_settings_format() -> None:
    assert parse_rate("60/min") == Rate(60, 60)
    assert parse_rate(" 5 / s ") == Rate(5, 1)
    assert parse_rate("1000/day") == Rate(1000, 86400)
    for wrong in ["", "60", "0/min", "60/week", "sextio/min"]:
        with pytest.raises(ValueError):
            parse_rate(wrong)


def test_the_window_counts_and_tells_how_long_to_wait() -> None:
    rate = Rate(2, 60)
    assert hit("k", rate, now=120.0) is None
    assert hit("k", rate, now=130.0) is None
    assert hit("k", rate, now=150.5) == 30
    assert hit("k", rate, now=180.0) is None  # a new window


def test_anonymous_calls_are_limited_per_address(db: None, settings: Any) -> None:
    settings.API_RATE_ANONYMOUS = "3/min"
    client = Client()
    assert [client.get("/api/plans").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/plans")
    assert response.status_code == 429
    assert response.json() == {
        "detail": "För många anrop. Vänta en stund och försök igen.",
        "errors": [],
    }
    assert 1 <= int(response["Retry-After"]) <= 60
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert other_address.get("/api/plans").status_code == 200


def test_a_token_has_its_own_limit(world: World, api_as: ApiAs, settings: Any) -> None:
    settings.API_RATE_ANONYMOUS = "2/min"
    settings.API_RATE_TOKEN = "4/min"
    anonymous = Client()
    anonymous.get("/api/plans")
    anonymous.get("/api/plans")
    assert anonymous.get("/api/plans").status_code == 429
    client = api_as("reader")
    statuses = [client.get("/api/internal/me").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert api_as("coordinator").get("/api/internal/me").status_code == 200


def test_calls_with_a_wrong_token_count_against_the_address(db: None, settings: Any) -> None:
    settings.API_RATE_ANONYMOUS = "2/min"
    client = Client(HTTP_AUTHORIZATION="Bearer hk_gissad")
    assert [client.get("/api/internal/me").status_code for _ in range(3)] == [401, 401, 429]


def test_behind_trusted_proxies_the_forwarded_address_counts(settings: Any) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9"
    )
    settings.API_RATE_PROXIES = 0
    assert client_address(request) == "10.0.0.1"
    settings.API_RATE_PROXIES = 1
    assert client_address(request) == "203.0.113.9"
    settings.API_RATE_PROXIES = 2
    assert client_address(request) == "198.51.100.4"
