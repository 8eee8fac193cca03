"""The language switch in the footer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import i18n

from ..permissions import public


@public
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language: a POST stores the chosen language in the language
    cookie and goes back to `next`; a GET only goes back. Open to everyone, so
    the login page can be read in English too."""
    return i18n.set_language(request)
