"""Changing an organisation's status list and assessment scale. Entries are
never deleted (reports point at them): a status is taken out of use instead."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Organization

from .models import AssessmentOption, StatusOption


class ListError(Exception):
    """The lists would break a rule; the message is Swedish."""


@dataclass(frozen=True)
class StatusRow:
    """One status: an existing one (pk) or a new one (pk None)."""

    pk: int | None
    label: str
    category: str
    is_active: bool


@dataclass(frozen=True)
class AssessmentRow:
    pk: int | None
    label: str
    is_assessable: bool


def _check_labels(labels: list[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        key = label.strip().casefold()
        if not key:
            raise ListError(_("Varje %(what)s behöver en benämning.") % {"what": what})
        if key in seen:
            raise ListError(
                _("Benämningen ”%(label)s” förekommer två gånger.") % {"label": label.strip()}
            )
        seen.add(key)


@transaction.atomic
def status_list_update(*, organization: Organization, user: User, rows: list[StatusRow]) -> None:
    """Save the status list in the given order. At least one status stays in use."""
    _check_labels([row.label for row in rows], _("status"))
    if not any(row.is_active for row in rows):
        raise ListError(_("Minst en status måste användas."))
    existing = {
        option.pk: option for option in StatusOption.objects.filter(organization=organization)
    }
    for position, row in enumerate(rows):
        option = existing.get(row.pk) if row.pk else StatusOption(organization=organization)
        if option is None:
            raise ListError(_("Statusen finns inte längre; ladda om sidan."))
        option.label, option.category = row.label.strip(), row.category
        option.is_active, option.position = row.is_active, position
        option._history_user = user  # type: ignore[attr-defined]
        option.save()


@transaction.atomic
def assessment_scale_update(
    *, organization: Organization, user: User, rows: list[AssessmentRow]
) -> None:
    """Save the assessment scale in the given order."""
    _check_labels([row.label for row in rows], _("bedömningsnivå"))
    existing = {
        option.pk: option for option in AssessmentOption.objects.filter(organization=organization)
    }
    options = []
    for position, row in enumerate(rows):
        option = existing.get(row.pk) if row.pk else AssessmentOption(organization=organization)
        if option is None:
            raise ListError(_("Bedömningsnivån finns inte längre; ladda om sidan."))
        option.label, option.is_assessable = row.label.strip(), row.is_assessable
        option.position = position
        options.append(option)
    _save_all(options, user)


def _save_all(options: list[StatusOption] | list[AssessmentOption], user: User) -> None:
    try:
        with transaction.atomic():
            for option in options:
                option._history_user = user  # type: ignore[union-attr]
                option.save()
    except IntegrityError as error:
        # Two entries swapping names collide on the unique label for a moment.
        raise ListError(
            _("Två benämningar kan inte byta plats i en och samma ändring; gör det i två steg.")
        ) from error
