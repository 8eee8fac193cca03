"""The REST API: django-ninja over the domain apps, OpenAPI 3 at
/api/openapi.json and its documentation page at /api/docs (served from our own
static files, under the site's Content Security Policy).

Two halves: the open API (published data, no token) and, under /api/internal/,
what a personal API token gives its user in its organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import URLPattern, path, reverse
from ninja import NinjaAPI, Router, Swagger

from handlingskraft.accounts.permissions import public

from .auth import TokenAuth
from .endpoints import internal_followup, internal_plans, internal_statistics
from .endpoints import public as public_endpoints
from .errors import install_error_handlers, json_method_not_allowed
from .ratelimit import rate_limited

INTERNAL_PREFIX = "internal/"
# What the API's token-protected URL patterns declare to the URL walk
# (accounts/tests/test_url_access.py): they check a personal API token, which
# then decides by the capabilities of its user's role.
TOKEN_ACCESS = "api_token"

# The API's description is for developers and stays Swedish, like the errors.
DESCRIPTION = (
    "Handlingskraft öppna API. Utan nyckel: publicerade planer, mått och värden "
    "(små antal döljs), aktiviteter med status från publicerade uppföljningar. "
    "Med en personlig API-nyckel (Authorization: Bearer <nyckel>) under /api/internal/: "
    "organisationens interna uppgifter och att rapportera, med samma regler som på sidorna. "
    'Fel besvaras som {"detail": "…", "errors": [{"field": …, "message": …}]}. '
    "Se docs/api.md."
)


class HandlingskraftApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """The endpoint function's name (unique here; also the URL name)."""
        return str(operation.view_func.__name__)


api = HandlingskraftApi(
    title="Handlingskraft API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Swagger(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
)
install_error_handlers(api)

internal = Router(auth=TokenAuth())
internal.add_router("", internal_plans.router)
internal.add_router("", internal_followup.router)
internal.add_router("", internal_statistics.router)

api.add_router("", public_endpoints.router)
api.add_router(f"/{INTERNAL_PREFIX}", internal)


@public
def api_index(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    """Where the API's description and documentation are."""
    return JsonResponse(
        {"openapi": reverse("api:openapi-json"), "docs": reverse("api:openapi-view")}
    )


def _declared(route: str, view: Callable[..., HttpResponseBase]) -> Callable[..., Any]:
    """The view, rate-limited, declaring its access for the URL walk: the token
    check for /api/internal/, public for the rest (published data only)."""
    limited = rate_limited(json_method_not_allowed(view))
    if route.startswith(INTERNAL_PREFIX):
        limited.required_capability = TOKEN_ACCESS  # type: ignore[attr-defined]
        return limited
    return public(limited)


def api_urlpatterns(prefix: str) -> list[URLPattern]:
    """django-ninja's URL patterns (openapi.json, docs, one per operation)
    under `prefix`, each wrapped by `_declared`, and our index in place of
    ninja's root."""
    patterns, _app_name, _namespace = api.urls
    result = []
    for pattern in patterns:
        assert isinstance(pattern, URLPattern) and pattern.name
        route = str(pattern.pattern)
        view = api_index if pattern.name == "api-root" else pattern.callback
        result.append(path(prefix + route, _declared(route, view), name=pattern.name))
    return result
