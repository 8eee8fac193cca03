"""What the statistics views share: fetching a data set, an element, an actor
or a period within the organisation (anything else is a 404), the acting
user, breadcrumbs."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period, parse_period

from ..models import DataElement, DataSet

Crumbs = list[tuple[str, str]]


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def has(request: HttpRequest, organization: Organization, capability: Capability) -> bool:
    return capability in capabilities_of(request.user, organization)


def sees_raw_values(request: HttpRequest, organization: Organization) -> bool:
    """Whether the user sees other actors' counts as reported: the coordinator
    (who approves them). Everyone else sees them after disclosure control."""
    return has(request, organization, Capability.MANAGE_ROUNDS)


def data_set_of(organization: Organization, data_set_id: int) -> DataSet:
    """The organisation's data set; another organisation's is a 404."""
    return get_object_or_404(
        DataSet.objects.select_related("organization"), pk=data_set_id, organization=organization
    )


def element_of(data_set: DataSet, element_id: int) -> DataElement:
    return get_object_or_404(DataElement, pk=element_id, data_set=data_set)


def actor_of(organization: Organization, actor_id: int) -> Actor:
    return get_object_or_404(Actor, pk=actor_id, organization=organization)


def period_of(data_set: DataSet, text: str) -> Period:
    """The period named in the address, if the data set is collected for it
    and it has begun."""
    try:
        period = parse_period(text)
    except ValueError:
        raise Http404(_("Perioden finns inte.")) from None
    if period not in data_set.periods(timezone.localdate()):
        raise Http404(_("Datamängden samlas inte in för den perioden."))
    return period


def statistics_crumbs(organization: Organization) -> Crumbs:
    return [
        (organization.name, reverse("plans:organization_home", args=[organization.slug])),
        (_("Statistik"), reverse("statistics:dataset_list", args=[organization.slug])),
    ]


def data_set_crumbs(data_set: DataSet) -> Crumbs:
    organization = data_set.organization
    url = reverse("statistics:dataset_detail", args=[organization.slug, data_set.pk])
    return [*statistics_crumbs(organization), (data_set.name, url)]


def report_url(name: str, data_set: DataSet, actor_id: int, period: Period) -> str:
    return reverse(
        f"statistics:{name}",
        args=[data_set.organization.slug, data_set.pk, actor_id, str(period)],
    )
