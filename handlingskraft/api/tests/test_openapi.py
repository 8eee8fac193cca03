"""The OpenAPI document, its documentation page, and the errors every
endpoint shares."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver

from handlingskraft.accounts.permissions import declared_access
from handlingskraft.api.main import INTERNAL_PREFIX, TOKEN_ACCESS

pytestmark = pytest.mark.django_db


def openapi() -> dict[str, Any]:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, methods in openapi()["paths"].items()
        for method, operation in methods.items()
    ]


def test_the_document_is_openapi_3_and_names_the_bearer_scheme(db: None) -> None:
    document = openapi()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Handlingskraft API"
    schemes = document["components"]["securitySchemes"]
    assert schemes == {"TokenAuth": {"type": "http", "scheme": "bearer"}}


def test_exactly_the_internal_operations_need_a_token(db: None) -> None:
    for path, method, operation in operations():
        needs_token = "security" in operation
        assert needs_token == path.startswith(f"/api/{INTERNAL_PREFIX}"), (method, path)
        assert "429" in operation["responses"], (method, path)
        if needs_token:
            assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_the_url_walk_is_told_the_same(db: None) -> None:
    """The access the API's URL patterns declare matches the auth the
    operations have (so the walk's table cannot drift from the API)."""
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "api")
    for pattern in api.url_patterns:  # type: ignore[attr-defined]
        route = str(pattern.pattern)
        if not route.startswith("api/"):
            continue
        expected = TOKEN_ACCESS if route.startswith(f"api/{INTERNAL_PREFIX}") else "public"
        assert declared_access(pattern.callback) == expected, route


def test_every_operation_has_a_summary_and_an_id(db: None) -> None:
    ids = [operation["operationId"] for _path, _method, operation in operations()]
    assert len(ids) == len(set(ids))
    assert all(operation.get("summary") for _path, _method, operation in operations())


def test_the_documentation_page_uses_only_our_own_static_files(db: None) -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert f'src="{settings.STATIC_URL}ninja/swagger-ui-bundle.js"' in html
    assert "http://" not in html and "https://" not in html
    # The only <script> without src is JSON data, which the CSP does not run.
    assert html.count("<script") == 3
    assert '<script type="application/json" id="swagger-settings">' in html
    assert "style=" not in html
    for asset in ["swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"]:
        assert Client().get(f"{settings.STATIC_URL}ninja/{asset}").status_code == 200


def test_the_site_csp_covers_the_api(db: None) -> None:
    csp = Client().get("/api/docs")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_unknown_ids_and_parameters_out_of_range_answer_in_the_one_shape(db: None) -> None:
    client = Client()
    missing = client.get("/api/plans/999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Det efterfrågade finns inte.", "errors": []}
    wrong = client.get("/api/plans?limit=0&organization=inte%20ett%20kortnamn")
    assert wrong.status_code == 422
    assert wrong.json() == {
        "detail": "Uppgifterna i anropet behöver rättas.",
        "errors": [
            {"field": "limit", "message": "Värdet ska vara minst 1."},
            {"field": "organization", "message": "Värdet har fel form."},
        ],
    }
    huge = client.get("/api/plans/99999999999999999999")
    assert huge.status_code == 422
    assert huge.json()["errors"] == [
        {"field": "plan_id", "message": "Värdet får vara högst 2147483647."}
    ]
    assert client.get("/api/plans/abc").json()["errors"][0]["message"] == "Ange ett heltal."


def test_the_index_points_at_the_document_and_the_page(db: None) -> None:
    assert Client().get("/api/").json() == {"openapi": "/api/openapi.json", "docs": "/api/docs"}


def test_a_method_a_path_does_not_have_is_a_405_in_the_one_shape(db: None) -> None:
    response = Client().post("/api/plans")
    assert response.status_code == 405
    assert response.json() == {"detail": "Metoden stöds inte här.", "errors": []}
    assert response["Allow"] == "GET"
