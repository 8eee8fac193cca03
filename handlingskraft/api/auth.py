"""Who is calling: a personal API token in `Authorization: Bearer <token>`.
The token acts as its user in its organisation, with the capabilities the
user's role gives there now (permissions.py decides, as for the pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from handlingskraft.accounts.models import Membership, User
from handlingskraft.accounts.permissions import Capability, capabilities_of, membership_of
from handlingskraft.organizations.models import Organization

from .errors import Forbidden, Unauthorized
from .models import ApiToken
from .tokens import token_for_secret, token_touch

_PRESENTED = "_handlingskraft_api_token"


def presented_token(request: HttpRequest) -> ApiToken | None:
    """The token row for the bearer token in the request, if any (usable or
    not); looked up once per request."""
    if not hasattr(request, _PRESENTED):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        token = None
        if scheme.lower() == "bearer" and secret.strip():
            token = token_for_secret(secret.strip())
        setattr(request, _PRESENTED, token)
    return cast(ApiToken | None, getattr(request, _PRESENTED))


@dataclass
class Caller:
    """The token's user in the token's organisation."""

    token: ApiToken
    capabilities: frozenset[Capability]

    @property
    def user(self) -> User:
        return self.token.user

    @property
    def organization(self) -> Organization:
        return self.token.organization

    def has(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def require(self, capability: Capability) -> None:
        if capability not in self.capabilities:
            raise Forbidden(_("Din roll ger inte behörighet till det här."))

    def require_writing(self, capability: Capability) -> None:
        """For changes: the capability, and a token not limited to reading."""
        if self.token.read_only:
            raise Forbidden(_("API-nyckeln får bara läsa."))
        self.require(capability)

    @property
    def membership(self) -> Membership | None:
        return membership_of(self.user, self.organization)


class TokenAuth(HttpBearer):
    """Bearer authentication with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = presented_token(request)
        if found is None:
            raise Unauthorized(_("API-nyckeln är okänd."))
        if found.is_revoked:
            raise Unauthorized(_("API-nyckeln är återkallad."))
        if found.is_expired:
            raise Unauthorized(_("API-nyckeln har gått ut. Skapa en ny."))
        capabilities = capabilities_of(found.user, found.organization)
        if not found.user.is_active or not capabilities:
            raise Unauthorized(
                _("Nyckelns användare har inte längre tillgång till organisationen.")
            )
        token_touch(found)
        return Caller(token=found, capabilities=capabilities)


def caller_of(request: HttpRequest) -> Caller:
    """The authenticated caller of an endpoint that requires a token."""
    auth: Any = getattr(request, "auth", None)
    assert isinstance(auth, Caller)
    return auth
