"""The topics and professional groups an organisation starts with (from the
issue and Botkyrka's plan); each organisation changes its own lists afterwards."""

from __future__ import annotations

from django.db.models import QuerySet

from handlingskraft.organizations.defaults import create_once
from handlingskraft.organizations.models import Organization

from .models import ProfessionalGroup, Topic

# Stored as the organisation's own text, in Swedish like the plans themselves.
DEFAULT_TOPICS = (
    "Hedersrelaterat våld och förtryck (HRV)",
    "Könsstympning",
    "Våld i nära relationer",
    "Barnäktenskap",
)
DEFAULT_GROUPS = ("Förskola", "Skola", "Fritid och kultur", "Socialtjänst", "Arbetsmarknad")


def ensure_lists(organization: Organization) -> None:
    """Create the default topics and professional groups the first time."""
    create_once(
        organization,
        Topic.objects.filter(organization=organization).exists,
        lambda: Topic.objects.bulk_create(
            Topic(organization=organization, name=name, position=position)
            for position, name in enumerate(DEFAULT_TOPICS)
        ),
    )
    create_once(
        organization,
        ProfessionalGroup.objects.filter(organization=organization).exists,
        lambda: ProfessionalGroup.objects.bulk_create(
            ProfessionalGroup(organization=organization, name=name, position=position)
            for position, name in enumerate(DEFAULT_GROUPS)
        ),
    )


def topics(organization: Organization, *, active: bool = True) -> QuerySet[Topic]:
    """The organisation's topics (in use only, unless `active` is False), in order."""
    ensure_lists(organization)
    found = Topic.objects.filter(organization=organization)
    return (found.filter(is_active=True) if active else found).order_by("position", "pk")


def groups(organization: Organization, *, active: bool = True) -> QuerySet[ProfessionalGroup]:
    """The organisation's professional groups, like `topics`."""
    ensure_lists(organization)
    found = ProfessionalGroup.objects.filter(organization=organization)
    return (found.filter(is_active=True) if active else found).order_by("position", "pk")
