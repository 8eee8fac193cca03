"""Holds a logged-in user at the two-step pages until they have verified.

A user with an authenticator app must give a code after the password before
anything else; a user who is required to use one but has none must set it up
first. Only the two-step pages, logging out, the language switch and static
files stay open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from .two_factor import has_two_factor, two_factor_required

SETUP_VIEWS = {
    "accounts:two_factor",
    "accounts:two_factor_start",
    "accounts:two_factor_confirm",
}
VERIFY_VIEWS = {"accounts:two_factor_verify"}
# Choosing the language only sets a cookie, and the two-step pages are worth
# reading in the language one understands.
ALWAYS_OPEN = {"accounts:logout", "set_language"}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        user: Any = request.user  # OTPMiddleware adds is_verified()
        if not user.is_authenticated or user.is_verified():
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name in ALWAYS_OPEN:
            return None
        if has_two_factor(user):
            if view_name in VERIFY_VIEWS:
                return None
            return redirect_to_login(request.get_full_path(), "accounts:two_factor_verify")
        if two_factor_required(user):
            if view_name in SETUP_VIEWS:
                return None
            return redirect_to_login(request.get_full_path(), "accounts:two_factor")
        return None
