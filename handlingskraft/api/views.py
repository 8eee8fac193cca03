"""The page where users create and revoke their personal API tokens. A new
token is shown once, on the page that answers its creation, and never again."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import requires_login

from .forms import TokenForm
from .models import ApiToken
from .tokens import TokenError, token_create, token_revoke


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@requires_login
@never_cache
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens, and the form for a new one."""
    user = _user(request)
    form = TokenForm(request.POST or None, user=user)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_create(user=user, data=form.token_input())
        except TokenError as error:
            form.add_error(None, str(error))
        else:
            created = (token, secret)
            form = TokenForm(user=user)
    tokens = ApiToken.objects.filter(user=user).select_related("organization")
    context = {"form": form, "tokens": tokens, "created": created}
    return render(request, "api/token_list.html", context)


@requires_login
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of one's own tokens (anyone else's is a 404)."""
    token = get_object_or_404(ApiToken, pk=token_id, user=_user(request))
    token_revoke(token=token, user=_user(request))
    messages.success(request, _("Nyckeln ”%(name)s” är återkallad.") % {"name": token.name})
    return redirect("api:token_list")
