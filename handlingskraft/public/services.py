"""Changes the coordinator makes to what is public: publishing statistics,
the help page's contacts and texts, and links to shared indicators. Each
takes the acting user (recorded in the history and the audit log) and runs in
a transaction. Plans and rounds are published by their own apps' services
(plans/publishing.py, followup/services.py)."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from handlingskraft.accounts.models import User
from handlingskraft.datacollection.models import DataSet
from handlingskraft.organizations.models import Organization

from .models import DataSetPublication, HelpContact, HelpText, IndicatorLink, SharedIndicator


@transaction.atomic
def data_set_publish(*, data_set: DataSet, user: User) -> DataSetPublication:
    """Make the data set's approved statistics public (after disclosure control)."""
    publication = DataSetPublication.objects.select_for_update().filter(data_set=data_set).first()
    if publication is None:
        publication = DataSetPublication(data_set=data_set)
    if publication.published_at is None:
        publication.published_at = timezone.now()
        publication._history_user = user  # type: ignore[attr-defined]
        publication.save()
    return publication


@transaction.atomic
def data_set_unpublish(*, data_set: DataSet, user: User) -> None:
    publication = DataSetPublication.objects.select_for_update().filter(data_set=data_set).first()
    if publication is not None and publication.published_at is not None:
        publication.published_at = None
        publication._history_user = user  # type: ignore[attr-defined]
        publication.save()


@transaction.atomic
def help_contact_save(*, contact: HelpContact, user: User) -> HelpContact:
    """Save a contact the coordinator has written or checked: it is no longer
    an example once saved."""
    contact.is_example = False
    contact._history_user = user  # type: ignore[attr-defined]
    contact.save()
    return contact


@transaction.atomic
def help_contact_delete(*, contact: HelpContact, user: User) -> None:
    contact._history_user = user  # type: ignore[attr-defined]
    contact.delete()


@transaction.atomic
def help_text_save(*, text: HelpText, user: User) -> HelpText:
    text.is_example = False
    text._history_user = user  # type: ignore[attr-defined]
    text.save()
    return text


@transaction.atomic
def help_text_delete(*, text: HelpText, user: User) -> None:
    text._history_user = user  # type: ignore[attr-defined]
    text.delete()


@transaction.atomic
def indicator_link_set(
    *,
    organization: Organization,
    measure_lineage: uuid.UUID,
    indicator: SharedIndicator | None,
    user: User,
) -> IndicatorLink | None:
    """Link the measure (every version of it) to `indicator`, or unlink it."""
    link = (
        IndicatorLink.objects.select_for_update()
        .filter(organization=organization, measure_lineage=measure_lineage)
        .first()
    )
    if indicator is None:
        if link is not None:
            link._history_user = user  # type: ignore[attr-defined]
            link.delete()
        return None
    if link is None:
        link = IndicatorLink(
            organization=organization, measure_lineage=measure_lineage, linked_by=user
        )
    elif link.indicator_id == indicator.pk:
        return link
    link.indicator = indicator
    link.linked_by = user
    link._history_user = user  # type: ignore[attr-defined]
    link.save()
    return link
