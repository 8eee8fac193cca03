"""What the indicator views share: the acting user, capabilities, breadcrumbs."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure

Crumbs = list[tuple[str, str]]


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def has(request: HttpRequest, organization: Organization, capability: Capability) -> bool:
    return capability in capabilities_of(request.user, organization)


def measure_url(measure: Measure) -> str:
    return reverse("indicators:measure_detail", args=[measure.plan.organization.slug, measure.pk])


def organization_crumbs(organization: Organization) -> Crumbs:
    return [
        (organization.name, reverse("plans:organization_home", args=[organization.slug])),
        (_("Mått"), reverse("indicators:measure_list", args=[organization.slug])),
    ]


def measure_crumbs(measure: Measure) -> Crumbs:
    """Down to the measure's own page."""
    return [
        *organization_crumbs(measure.plan.organization),
        (measure.statement[:60], measure_url(measure)),
    ]


def survey_crumbs(organization: Organization) -> Crumbs:
    return [
        (organization.name, reverse("plans:organization_home", args=[organization.slug])),
        (_("Enhetsenkäter"), reverse("indicators:survey_list", args=[organization.slug])),
    ]
