"""When the database cannot be reached (the connection drops, the server
restarts, a failover is under way): a Swedish page with status 503 instead of
a bare server error, saying that nothing was saved and that trying again
later is safe.

Every write is one transaction, so an interrupted save is rolled back whole
("nothing was saved"); a report sent again after a save that did commit
meets the version check and comes back as a conflict, never as a silent
duplicate. The page itself reads nothing from the database (no user, no
messages), since the database is what is missing."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

# What a lost or refused connection raises; other database errors (a broken
# constraint) are bugs and stay server errors.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def message() -> str:
    return _("Tjänsten kunde inte nå databasen. Ingenting sparades. Försök igen om en stund.")


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON in the API's shape under /api/, else the page."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message(), "errors": []}, status=503)
    else:
        context = {"message": message(), "was_post": request.method == "POST"}
        response = render(request, "database_unavailable.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection in a view into the 503 page. (The
    session is not saved on a 5xx answer, so the answer needs no database.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.error(
            "Databasen gick inte att nå: %s %s", request.method, request.path, exc_info=exception
        )
        return unavailable_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the same 503 page when the database was lost outside a view
    (in a middleware that loads the session or the user), otherwise Django's
    own server error."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return unavailable_response(request)
    return django_server_error(request)
