"""The health check, and organisation slugs that would collide with the site's
own addresses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from handlingskraft.organizations.models import RESERVED_SLUGS, Organization
from handlingskraft.plans.planfile import PlanFileError, parse_plan_text
from handlingskraft.plans.tests.test_planfile import changed


def first_segments(patterns: list[URLPattern | URLResolver]) -> Iterator[str]:
    """The literal first path segment of every URL; empty includes are opened."""
    for entry in patterns:
        route = str(entry.pattern)
        if route in {"", "^"} and isinstance(entry, URLResolver):
            yield from first_segments(entry.url_patterns)
            continue
        segment = route.lstrip("^").split("/")[0]
        if segment and not segment.startswith("<"):
            yield segment


def test_every_literal_top_level_address_is_a_reserved_slug() -> None:
    segments = set(first_segments(get_resolver().url_patterns))
    assert segments - RESERVED_SLUGS == set()


@pytest.mark.django_db
def test_an_organisation_cannot_take_a_reserved_slug() -> None:
    organization = Organization(name="Apikommun", slug="api", municipality_code="9990")
    with pytest.raises(ValidationError) as caught:
        organization.full_clean()
    assert "används av systemet självt" in str(caught.value)


def test_a_plan_file_with_a_reserved_organisation_slug_is_refused() -> None:
    with pytest.raises(PlanFileError) as caught:
        parse_plan_text(changed(lambda d: d["organization"].update(slug="konto")))
    assert caught.value.errors == [
        "organization.slug: ”konto” används av systemet självt; välj ett annat kortnamn"
    ]


@pytest.mark.django_db
def test_the_health_check_answers_ok_without_cookies() -> None:
    response = Client().get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "databas": "ok"}
    assert not response.cookies


@pytest.mark.django_db
def test_the_health_check_reports_a_database_that_does_not_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import DatabaseError, connection

    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("nere")

    monkeypatch.setattr(connection, "cursor", broken)
    response = Client().get("/healthz/")
    assert response.status_code == 503
    assert response.json()["status"] == "fel"
