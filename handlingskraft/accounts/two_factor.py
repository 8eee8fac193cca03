"""Who must use two-step verification (TOTP), and whether they have it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership, Role


def two_factor_required(user: Any) -> bool:
    """True if the user may not work without a second step: coordinators of an
    organisation that requires it, and superusers when the installation requires
    it or when they belong to such an organisation."""
    if not user.is_authenticated:
        return False
    if user.is_superuser and settings.HANDLINGSKRAFT_REQUIRE_ADMIN_2FA:
        return True
    memberships = Membership.objects.filter(
        user=user, is_active=True, organization__require_two_factor=True
    )
    if not user.is_superuser:
        memberships = memberships.filter(role=Role.COORDINATOR)
    return memberships.exists()


def has_two_factor(user: Any) -> bool:
    """True if the user has a confirmed device, and so must verify after the password."""
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice | None:
    """The device being set up: created, shown as a QR code, not yet confirmed."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
