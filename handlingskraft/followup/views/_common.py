"""What the follow-up views share: fetching a round or a task within the
organisation (anything else is a 404), the acting user, breadcrumbs."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.organizations.models import Organization

from ..models import FollowUpRound, ReportingTask

Crumbs = list[tuple[str, str]]


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def has(request: HttpRequest, organization: Organization, capability: Capability) -> bool:
    return capability in capabilities_of(request.user, organization)


def round_of(organization: Organization, round_id: int) -> FollowUpRound:
    """The organisation's round; another organisation's round is a 404."""
    return get_object_or_404(
        FollowUpRound.objects.select_related("plan", "organization"),
        pk=round_id,
        organization=organization,
    )


def task_of(organization: Organization, round_id: int, task_id: int) -> ReportingTask:
    """A task of one of the organisation's rounds, with what its pages show."""
    task = get_object_or_404(
        ReportingTask.objects.select_related(
            "round",
            "round__plan",
            "actor",
            "activity",
            "activity__goal",
            "responsibility",
        ),
        pk=task_id,
        round_id=round_id,
        round__organization=organization,
    )
    # The round's organisation is the one asked for: one join fewer.
    task.round.organization = organization
    return task


def locked_message() -> str:
    return _(
        "Omgången är godkänd och låst, så inget i den kan ändras. "
        "En samordnare kan öppna den igen och ange varför."
    )


def refuse_locked(request: HttpRequest, url: str) -> HttpResponse:
    """Answer a change to a locked round: the message, back to the page."""
    messages.error(request, locked_message())
    return redirect(url)


def round_crumbs(request: HttpRequest, round: FollowUpRound) -> Crumbs:
    """Breadcrumbs down to the round; the round's own pages are internal, so
    reporters get the way to their list instead."""
    organization = round.organization
    home = (organization.name, reverse("plans:organization_home", args=[organization.slug]))
    if not has(request, organization, Capability.VIEW_INTERNAL):
        return [home, (_("Att rapportera"), reverse("followup:todo", args=[organization.slug]))]
    return [
        home,
        (_("Uppföljning"), reverse("followup:round_list", args=[organization.slug])),
        (round.name, reverse("followup:round_detail", args=[organization.slug, round.pk])),
    ]


def organization_crumbs(organization: Organization) -> Crumbs:
    return [(organization.name, reverse("plans:organization_home", args=[organization.slug]))]
