from datetime import timedelta
from typing import Any

from django.utils import timezone

from handlingskraft.accounts.models import Invitation, Role
from handlingskraft.accounts.services import hash_token
from handlingskraft.accounts.tests.access_rules import (
    COORDINATORS,
    LOGGED_IN,
    PUBLIC,
    Access,
    Kwargs,
    no_kwargs,
    org,
    statuses,
)
from handlingskraft.conftest import PERSONAS, World

# Actions that change something answer GET with 405 once access is granted.
POST_ONLY = statuses(**dict.fromkeys(PERSONAS, 405))
LOGGED_IN_POST_ONLY = {**POST_ONLY, "anonymous": 302}
COORDINATORS_POST_ONLY = {**COORDINATORS, "coordinator": 405, "administrator": 405}
# Nobody in the test world has an authenticator app, so the code page sends
# everyone (anonymous: to log in first) on to set one up.
REDIRECTED = statuses(**dict.fromkeys(PERSONAS, 302))


def membership(world: World) -> dict[str, Any]:
    return {**org(world), "membership_id": world.users["reporter"].memberships.get().pk}


def invitation(world: World) -> dict[str, Any]:
    Invitation.objects.create(
        organization=world.organization,
        email="ny.person@example.se",
        role=Role.READER,
        token_hash=hash_token("en-inbjudan"),
        created_by=world.users["coordinator"],
        expires_at=timezone.now() + timedelta(days=7),
    )
    return {"token": "en-inbjudan"}


ACCESS: Access = {
    "accounts:login": (no_kwargs, PUBLIC),
    "accounts:logout": (no_kwargs, POST_ONLY),
    "accounts:password_change": (no_kwargs, LOGGED_IN),
    "accounts:password_change_done": (no_kwargs, LOGGED_IN),
    "accounts:password_reset": (no_kwargs, PUBLIC),
    "accounts:password_reset_done": (no_kwargs, PUBLIC),
    "accounts:password_reset_confirm": (lambda world: {"uidb64": "MQ", "token": "x"}, PUBLIC),
    "accounts:password_reset_complete": (no_kwargs, PUBLIC),
    "accounts:two_factor": (no_kwargs, LOGGED_IN),
    "accounts:two_factor_start": (no_kwargs, LOGGED_IN_POST_ONLY),
    "accounts:two_factor_confirm": (no_kwargs, LOGGED_IN_POST_ONLY),
    "accounts:two_factor_remove": (no_kwargs, LOGGED_IN_POST_ONLY),
    "accounts:two_factor_verify": (no_kwargs, REDIRECTED),
    # The link's token is the key: anyone holding it sees the invitation.
    "accounts:invitation_accept": (invitation, PUBLIC),
    "accounts:member_list": (org, COORDINATORS),
    "accounts:invitation_create": (org, COORDINATORS),
    "accounts:member_edit": (membership, COORDINATORS),
    "accounts:member_deactivate": (membership, COORDINATORS_POST_ONLY),
    "accounts:member_reactivate": (membership, COORDINATORS_POST_ONLY),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "accounts:member_edit": lambda world: {
        **org(world),
        "membership_id": world.users["outsider"].memberships.get().pk,
    },
}
