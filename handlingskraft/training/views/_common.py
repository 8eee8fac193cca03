"""What the training views share: the acting user, capabilities, who sees
raw participation counts, breadcrumbs."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.organizations.models import Organization

Crumbs = list[tuple[str, str]]


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def has(request: HttpRequest, organization: Organization, capability: Capability) -> bool:
    return capability in capabilities_of(request.user, organization)


def sees_raw_counts(request: HttpRequest, organization: Organization) -> bool:
    """Whether the user sees participation counts as reported: the coordinator,
    as for the statistics. Everyone else sees them after disclosure control."""
    return has(request, organization, Capability.MANAGE_ROUNDS)


def shows_raw(request: HttpRequest, organization: Organization) -> bool:
    """Raw counts on this page: for the coordinator, unless they asked to see
    the page as others do (?visa=skyddad)."""
    return sees_raw_counts(request, organization) and request.GET.get("visa") != "skyddad"


def training_crumbs(organization: Organization) -> Crumbs:
    return [
        (organization.name, reverse("plans:organization_home", args=[organization.slug])),
        (_("Utbildning"), reverse("training:training_list", args=[organization.slug])),
    ]
