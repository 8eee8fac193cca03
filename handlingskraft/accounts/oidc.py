"""Login with the organisation's own account (OpenID Connect, e.g. Entra ID).

People come in by invitation, never by logging in: the identity provider's
e-mail claim must match the e-mail address of exactly one active user,
compared without regard to case. See docs/oidc.md."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import User


class InvitedUserBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        """The one active user whose e-mail address matches the claim, or none:
        two accounts with the same address are refused rather than guessed between."""
        email = (claims.get("email") or "").strip()
        if not email:
            return User.objects.none()
        users = User.objects.filter(email__iexact=email, is_active=True)
        if users.count() != 1:
            return User.objects.none()
        return users

    def create_user(self, claims: dict[str, Any]) -> None:
        """Never: users are created by invitation only, whatever OIDC_CREATE_USER says."""
        return None
