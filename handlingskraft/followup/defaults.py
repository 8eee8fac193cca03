"""The status list and assessment scale an organisation starts with; each
organisation can change its own afterwards."""

from __future__ import annotations

from django.utils.translation import gettext as _

from handlingskraft.organizations.defaults import create_once
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import ActivityStatus

from .models import AssessmentOption, StatusOption


def status_options(organization: Organization) -> list[StatusOption]:
    """The organisation's active status list, created from the defaults (ej
    påbörjad, pågår, genomförd, försenad, avbruten) the first time."""
    create_once(
        organization,
        StatusOption.objects.filter(organization=organization).exists,
        lambda: StatusOption.objects.bulk_create(
            StatusOption(organization=organization, label=str(label), category=category, position=i)
            for i, (category, label) in enumerate(ActivityStatus.choices)
        ),
    )
    return list(StatusOption.objects.filter(organization=organization, is_active=True))


def assessment_options(organization: Organization) -> list[AssessmentOption]:
    """The organisation's assessment scale, created from the defaults
    (uppfyllt / delvis uppfyllt / ej uppfyllt / kan ej bedömas) the first time."""
    defaults = [
        (_("Uppfyllt"), True),
        (_("Delvis uppfyllt"), True),
        (_("Ej uppfyllt"), True),
        (_("Kan ej bedömas"), False),
    ]
    create_once(
        organization,
        AssessmentOption.objects.filter(organization=organization).exists,
        lambda: AssessmentOption.objects.bulk_create(
            AssessmentOption(
                organization=organization, label=label, position=i, is_assessable=assessable
            )
            for i, (label, assessable) in enumerate(defaults)
        ),
    )
    return list(AssessmentOption.objects.filter(organization=organization))
