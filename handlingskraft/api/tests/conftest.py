"""Fixtures of the API tests: tokens per persona and clients that send them,
and a follow-up round to report in."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from handlingskraft.api.tokens import TokenInput, token_create
from handlingskraft.conftest import World
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound, StatusOption
from handlingskraft.followup.services import round_open
from handlingskraft.followup.tests.conftest import round_input

TokenOf = Callable[..., str]
ApiAs = Callable[..., Client]


@pytest.fixture
def token_of(world: World) -> TokenOf:
    """A new token for the persona in its organisation (the outsider's is the
    other organisation's), as the secret to send."""

    def make(persona: str, **options: Any) -> str:
        organization = world.other_organization if persona == "outsider" else world.organization
        data = TokenInput(name=f"Nyckel för {persona}", organization=organization, **options)
        _token, secret = token_create(user=world.users[persona], data=data)
        return secret

    return make


@pytest.fixture
def api_as(token_of: TokenOf) -> ApiAs:
    """A client sending a new token of the persona ("anonymous": none)."""

    def make(persona: str, **options: Any) -> Client:
        if persona == "anonymous":
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_of(persona, **options)}")

    return make


def post_json(client: Client, url: str, data: Any) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def round(world: World) -> FollowUpRound:
    return round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())


@pytest.fixture
def statuses(world: World) -> dict[str, StatusOption]:
    return {option.category: option for option in status_options(world.organization)}
