"""The page an invitation link opens: open to everyone, since the invited
person usually has no account yet; the token in the link is the key."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .. import services
from ..forms import AcceptInvitationForm
from ..models import Invitation, User
from ..permissions import public


@public
@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Accept as the logged-in user with the invited address, or create an account."""
    invitation = services.invitation_for_token(token)
    problem = services.invitation_problem(invitation)
    if problem is not None or invitation is None:
        status = 404 if invitation is None else 410
        return render(
            request, "accounts/invitation_invalid.html", {"problem": problem}, status=status
        )
    user: Any = request.user
    if user.is_authenticated:
        return _accept_as(request, invitation, user, token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        # One account per address: the organisation login matches on it.
        return _render(request, invitation, state="has_account")
    return _accept_with_new_account(request, invitation, token)


def _render(
    request: HttpRequest, invitation: Invitation, *, state: str, **extra: Any
) -> HttpResponse:
    context = {"invitation": invitation, "state": state, **extra}
    return render(request, "accounts/invitation_accept.html", context)


def _accept_as(
    request: HttpRequest, invitation: Invitation, user: User, token: str
) -> HttpResponse:
    if user.email.casefold() != invitation.email.casefold():
        return _render(request, invitation, state="other_account")
    if request.method != "POST":
        return _render(request, invitation, state="confirm")
    try:
        services.invitation_accept(token=token, acting_user=user)
    except services.AccountsError as error:
        return _render(request, invitation, state="confirm", error=str(error))
    messages.success(
        request,
        _("Du är nu med i %(organization)s.") % {"organization": invitation.organization.name},
    )
    return redirect("plans:organization_list")


def _accept_with_new_account(
    request: HttpRequest, invitation: Invitation, token: str
) -> HttpResponse:
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        account = services.NewAccount(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        try:
            services.invitation_accept(token=token, acting_user=None, new_account=account)
        except services.AccountsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Ditt konto är skapat. Logga in med ditt nya lösenord."))
            return redirect("accounts:login")
    return _render(request, invitation, state="new_account", form=form)
