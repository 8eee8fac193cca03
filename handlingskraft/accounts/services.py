"""Changes to who belongs where: invitations and memberships.

Each function takes the acting user, runs in one transaction and sends its
mail only once the transaction has committed. A rule that stops a change
raises `AccountsError` with a message meant for the person in front of the
screen."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from handlingskraft.organizations.models import Actor, Organization

from .models import Invitation, Membership, Role, User


class AccountsError(Exception):
    """A rule stopped the change; the message is shown to the user as it is."""


@dataclass(frozen=True)
class NewAccount:
    """What a person chooses when accepting an invitation without an account."""

    username: str
    password: str
    first_name: str = ""
    last_name: str = ""


def hash_token(token: str) -> str:
    """The stored form of an invitation token: only the link carries the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation the link's token belongs to, used or not, or None."""
    return (
        Invitation.objects.select_related("organization", "actor")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why the invitation cannot be accepted, in Swedish, or None if it can."""
    if invitation is None:
        return _("Länken är inte giltig. Kontrollera att du har kopierat hela länken.")
    if invitation.accepted_at is not None:
        return _("Inbjudan har redan använts. En inbjudningslänk kan bara användas en gång.")
    if invitation.expires_at <= timezone.now():
        return _("Inbjudan har gått ut. Be samordnaren att skicka en ny inbjudan.")
    return None


def _check_role_and_actor(organization: Organization, role: str, actor: Actor | None) -> None:
    if role not in Role.values:
        raise AccountsError(_("Välj en roll i listan."))
    if Role.needs_actor(role) and actor is None:
        raise AccountsError(_("Rollen kräver att en aktör anges."))
    if actor is not None and actor.organization_id != organization.pk:
        raise AccountsError(_("Aktören måste höra till samma organisation."))


def invitation_create(
    *,
    acting_user: User,
    organization: Organization,
    email: str,
    role: str,
    actor: Actor | None,
) -> Invitation:
    """Invite `email` into `organization` in `role` (for `actor` when the role
    needs one) and e-mail a one-time link, valid for INVITATION_VALID_DAYS days."""
    email = email.strip()
    _check_role_and_actor(organization, role, actor)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        already_member = Membership.objects.filter(
            organization=organization, user__email__iexact=email, is_active=True
        ).exists()
        if already_member:
            raise AccountsError(_("Det finns redan ett aktivt medlemskap med den e-postadressen."))
        invitation = Invitation(
            organization=organization,
            email=email,
            role=role,
            actor=actor,
            token_hash=hash_token(token),
            created_by=acting_user,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        invitation._history_user = acting_user  # type: ignore[attr-defined]
        invitation.save()
        link = settings.SITE_URL.rstrip("/") + reverse("accounts:invitation_accept", args=[token])
        transaction.on_commit(lambda: _send_invitation(invitation, link))
    return invitation


def _send_invitation(invitation: Invitation, link: str) -> None:
    context = {
        "invitation": invitation,
        "link": link,
        "valid_days": settings.INVITATION_VALID_DAYS,
        "inviter": invitation.created_by.get_full_name() or invitation.created_by.get_username(),
    }
    # In Swedish even when the inviter works in English: the invited person has
    # chosen no language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Inbjudan till Handlingskraft – %(organization)s") % {
            "organization": invitation.organization.name
        }
        message = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[invitation.email])


def invitation_accept(
    *, token: str, acting_user: User | None, new_account: NewAccount | None = None
) -> Membership:
    """Accept the invitation behind `token`: as the logged-in `acting_user`
    (whose e-mail address must be the invited one), or by creating the account
    described by `new_account`. The user, if new, and the membership are
    created together; the invitation cannot be used again."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organization", "actor")
            .filter(token_hash=hash_token(token))
            .first()
        )
        problem = invitation_problem(invitation)
        if problem is not None:
            raise AccountsError(problem)
        assert invitation is not None  # a missing invitation always has a problem
        user = _accepting_user(invitation, acting_user, new_account)
        membership = Membership.objects.filter(
            user=user, organization=invitation.organization
        ).first() or Membership(user=user, organization=invitation.organization)
        membership.role = invitation.role
        membership.actor = invitation.actor
        membership.is_active = True
        membership._history_user = user  # type: ignore[attr-defined]
        membership.save()
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation._history_user = user  # type: ignore[attr-defined]
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _accepting_user(
    invitation: Invitation, acting_user: User | None, new_account: NewAccount | None
) -> User:
    if acting_user is not None:
        if acting_user.email.casefold() != invitation.email.casefold():
            raise AccountsError(_("Inbjudan gäller en annan e-postadress än ditt konto har."))
        return acting_user
    if new_account is None:
        raise AccountsError(_("Välj ett användarnamn och ett lösenord."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise AccountsError(
            _("Det finns redan ett konto med den e-postadressen. Logga in och öppna länken igen.")
        )
    if User.objects.filter(username__iexact=new_account.username).exists():
        raise AccountsError(_("Användarnamnet är upptaget. Välj ett annat."))
    return User.objects.create_user(
        username=new_account.username,
        email=invitation.email,
        password=new_account.password,
        first_name=new_account.first_name,
        last_name=new_account.last_name,
    )


def membership_update(
    *, acting_user: User, membership: Membership, role: str, actor: Actor | None
) -> Membership:
    """Give the member a new role and actor. A coordinator cannot take the
    coordinator role from themselves (someone else must)."""
    _check_role_and_actor(membership.organization, role, actor)
    if membership.user_id == acting_user.pk and role != membership.role:
        raise AccountsError(_("Du kan inte ändra din egen roll. Be en annan samordnare."))
    with transaction.atomic():
        membership.role = role
        membership.actor = actor
        membership._history_user = acting_user  # type: ignore[attr-defined]
        membership.save(update_fields=["role", "actor"])
    return membership


def membership_deactivate(*, acting_user: User, membership: Membership) -> Membership:
    """End the member's access to the organisation. Memberships are never
    deleted: history must keep who did what."""
    if membership.user_id == acting_user.pk:
        raise AccountsError(_("Du kan inte inaktivera ditt eget medlemskap."))
    return _set_active(acting_user, membership, active=False)


def membership_reactivate(*, acting_user: User, membership: Membership) -> Membership:
    """Give a deactivated member their access back, in the role they had."""
    return _set_active(acting_user, membership, active=True)


def _set_active(acting_user: User, membership: Membership, *, active: bool) -> Membership:
    with transaction.atomic():
        membership.is_active = active
        membership._history_user = acting_user  # type: ignore[attr-defined]
        membership.save(update_fields=["is_active"])
    return membership
