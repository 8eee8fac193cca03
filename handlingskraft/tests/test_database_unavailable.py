"""A database that cannot be reached gives a Swedish 503 page (JSON under
/api/) saying that nothing was saved, wherever in the request it happens."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.database_unavailable import DatabaseUnavailableMiddleware, server_error
from handlingskraft.tests.faults import connection_lost_at

MESSAGE = "Tjänsten kunde inte nå databasen. Ingenting sparades. Försök igen om en stund."


def answer_to(error: Exception, path: str = "/botkyrka/", method: str = "get") -> HttpResponse:
    request = getattr(RequestFactory(), method)(path)
    try:
        raise error
    except Exception:
        return server_error(request)


def test_a_lost_connection_outside_a_view_gets_the_same_page():
    response = answer_to(InterfaceError("connection already closed"))
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_under_the_api_the_answer_is_json_in_the_apis_shape():
    response = answer_to(OperationalError("server closed"), path="/api/v1/plans/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"detail": MESSAGE, "errors": []}


def test_other_errors_stay_server_errors():
    assert answer_to(ValueError("a bug")).status_code == 500
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("a bug")) is None


@pytest.mark.django_db
def test_a_page_whose_session_cannot_be_loaded_answers_503(
    world: World, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    client.raise_request_exception = False
    url = reverse("plans:organization_home", kwargs={"org_slug": world.organization.slug})
    with connection_lost_at(1):  # the session, read before the view
        response = client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert MESSAGE in html
    assert f'href="{url}"' in html  # "Försök igen" leads back to the page


@pytest.mark.django_db
def test_the_page_is_in_english_for_those_who_chose_english(
    world: World, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    client.raise_request_exception = False
    client.cookies["django_language"] = "en"
    url = reverse("plans:organization_home", kwargs={"org_slug": world.organization.slug})
    with connection_lost_at(1):
        response = client.get(url)
    assert response.status_code == 503
    assert "Nothing was saved" in response.content.decode()
