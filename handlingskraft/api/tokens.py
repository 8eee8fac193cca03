"""Creating, revoking and recognising personal API tokens. The token itself is
shown once, when it is created; only its SHA-256 hash is kept."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import capabilities_of
from handlingskraft.accounts.services import hash_token
from handlingskraft.lib.personal_data import personal_data_message
from handlingskraft.organizations.models import Organization

from .models import ApiToken

# Recognisable in logs and by secret scanners; the rest is 256 random bits.
TOKEN_PREFIX = "hk_"
SHOWN_PREFIX_LENGTH = 10
# Writing the time of use on every request would make every read a write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class TokenError(Exception):
    """What a token request does not allow; the message is Swedish."""


@dataclass(frozen=True)
class TokenInput:
    name: str
    organization: Organization
    expires_on: datetime.date | None = None
    read_only: bool = False


def _expiry(expires_on: datetime.date | None) -> datetime.datetime | None:
    """The end of the chosen day, local time: a token "valid to 31 May" works all that day."""
    if expires_on is None:
        return None
    if expires_on < timezone.localdate():
        raise TokenError(_("Slutdatumet har redan passerat."))
    midnight = datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


@transaction.atomic
def token_create(*, user: User, data: TokenInput) -> tuple[ApiToken, str]:
    """Create a token for `user` in an organisation they belong to. Returns the
    token row and the token itself, which is never stored and cannot be shown again."""
    if not capabilities_of(user, data.organization):
        raise TokenError(_("Du kan bara skapa nycklar för organisationer du tillhör."))
    name = data.name.strip()
    if not name:
        raise TokenError(_("Ge nyckeln ett namn."))
    message = personal_data_message(name)
    if message:
        raise TokenError(message)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        organization=data.organization,
        name=name,
        token_hash=hash_token(secret),
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        read_only=data.read_only,
        expires_at=_expiry(data.expires_on),
    )
    token._history_user = user  # type: ignore[attr-defined]
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    """Revoke the token: from now on it is refused. Revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = user  # type: ignore[attr-defined]
        token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The token row for the token as presented (revoked and expired ones
    included, so that the refusal can say why), or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "organization")
        .filter(token_hash=hash_token(secret))
        .first()
    )


def token_touch(token: ApiToken) -> None:
    """Record that the token was used (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
