"""Every URL of the project, walked as every persona.

The table below says, for each named URL pattern, which status each persona
gets. A URL pattern missing from the table, or a view that declares neither a
capability nor that it is public, fails the suite: a new view cannot ship
without a permission check."""

from __future__ import annotations

import importlib
import pkgutil
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from handlingskraft.accounts.permissions import declared_access
from handlingskraft.accounts.tests.access_rules import Access, Kwargs
from handlingskraft.conftest import PERSONAS, World

# Namespaces whose views are not ours and check access themselves (Django's
# admin requires staff; tested below).
FOREIGN_NAMESPACES = {"admin"}
# Third-party views we mount; they are in a table but cannot carry our decorator.
FOREIGN_VIEWS = {"oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"}


def access_modules() -> Iterator[types.ModuleType]:
    """Every `<app>/tests/access*.py` module of our apps (not access_rules)."""
    for app in apps.get_app_configs():
        if not app.name.startswith("handlingskraft."):
            continue
        try:
            tests = importlib.import_module(f"{app.name}.tests")
        except ModuleNotFoundError:
            continue
        for module in pkgutil.iter_modules(tests.__path__):
            if module.name.startswith("access") and module.name != "access_rules":
                yield importlib.import_module(f"{tests.__name__}.{module.name}")


def collect_tables() -> tuple[Access, dict[str, Kwargs]]:
    """Merge the access tables; a URL name listed twice is an error."""
    access: Access = {}
    cross: dict[str, Kwargs] = {}
    for module in access_modules():
        duplicated = access.keys() & module.ACCESS.keys()
        assert not duplicated, f"listed twice: {duplicated}"
        access.update(module.ACCESS)
        cross.update(getattr(module, "CROSS_TENANT", {}))
    return access, cross


ACCESS_TABLE, CROSS_TENANT = collect_tables()


def walk(
    patterns: list[URLPattern | URLResolver], namespace: str = ""
) -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every named URL pattern as (qualified name, view), skipping foreign namespaces."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in FOREIGN_NAMESPACES:
                yield from walk(entry.url_patterns, inner)
        else:
            yield f"{namespace}{entry.name}", entry.callback


def access_problems(urlconf: Any) -> list[str]:
    """What is wrong between the URL configuration and the access table."""
    problems = []
    seen = set()
    for name, view in walk(get_resolver(urlconf).url_patterns):
        seen.add(name)
        if name not in ACCESS_TABLE:
            problems.append(f"{name}: saknas i åtkomsttabellen")
        if name not in FOREIGN_VIEWS and declared_access(view) is None:
            problems.append(f"{name}: vyn anger ingen behörighetskontroll")
    problems += [f"{name}: finns inte längre" for name in ACCESS_TABLE.keys() - seen]
    return problems


def test_every_url_pattern_is_in_the_table_and_declares_its_check() -> None:
    assert access_problems(None) == []


def test_a_view_added_without_a_check_fails_the_walk() -> None:
    def unguarded(request: HttpRequest, org_slug: str) -> HttpResponse:
        return HttpResponse("internt")

    urlconf = types.ModuleType("urls_with_an_unguarded_view")
    urlconf.urlpatterns = [  # type: ignore[attr-defined]
        *get_resolver(None).url_patterns,
        path("<slug:org_slug>/hemligt/", unguarded, name="unguarded"),
    ]
    assert access_problems(urlconf) == [
        "unguarded: saknas i åtkomsttabellen",
        "unguarded: vyn anger ingen behörighetskontroll",
    ]


CASES = [(name, persona) for name in ACCESS_TABLE for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_each_persona_gets_the_expected_status(
    name: str, persona: str, world: World, client_as: Callable[[str], Client]
) -> None:
    kwargs, expected = ACCESS_TABLE[name]
    response = client_as(persona).get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("name", sorted(CROSS_TENANT))
def test_another_organisations_object_answers_404_under_ones_own_slug(
    name: str, world: World, client_as: Callable[[str], Client]
) -> None:
    url = reverse(name, kwargs=CROSS_TENANT[name](world))
    assert client_as("coordinator").get(url).status_code == 404


def test_the_admin_site_is_for_staff_only(client_as: Callable[[str], Client]) -> None:
    assert client_as("coordinator").get("/admin/").status_code == 302
    assert client_as("administrator").get("/admin/").status_code == 200
