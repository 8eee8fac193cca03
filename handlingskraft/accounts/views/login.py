"""Login, logout and passwords: Django's views with our templates."""

from __future__ import annotations

from typing import Any, cast

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, reverse_lazy

from ..permissions import public, requires_login


@public
def login(request: HttpRequest) -> HttpResponse:
    """The password form, with the organisation-account link when OpenID
    Connect is configured."""
    context = {
        "oidc_url": reverse("oidc_authentication_init") if settings.OIDC_ENABLED else None,
        "oidc_failed": request.GET.get("oidc") == "misslyckades",
    }
    view = auth_views.LoginView.as_view(template_name="accounts/login.html", extra_context=context)
    # LoginView answers with a page or a redirect, both HttpResponses.
    return cast(HttpResponse, view(request))


logout = public(auth_views.LogoutView.as_view())

password_change = requires_login(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = requires_login(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)

password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)


class _PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever can read the account's e-mail may set its password, so a
        # lockout from failed attempts no longer protects anything.
        axes_reset(username=form.user.get_username())
        return response


password_reset_confirm = public(_PasswordResetConfirmView.as_view())
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
