"""The interface language: Swedish unless the user has chosen English.

Django's LocaleMiddleware would follow the browser's Accept-Language header,
so a municipal officer with an English-language browser would get English
without asking for it. Swedish is the working language here (the plans, the
reports and the board are Swedish), so only an explicit choice counts: the
language cookie that the switch in the footer sets (Django's set_language).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language in the language cookie if we offer it, otherwise LANGUAGE_CODE."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware that reads only the cookie, never Accept-Language."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        # The page depends on the language cookie, not (as the parent says) on
        # Accept-Language; caches must key on the cookie.
        patch_vary_headers(response, ("Cookie",))
        return response
