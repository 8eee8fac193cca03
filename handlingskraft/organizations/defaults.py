"""Rows an organisation gets the first time they are needed (its status list,
assessment scale, training topics and groups)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from .models import Organization


def create_once(
    organization: Organization, present: Callable[[], bool], create: Callable[[], object]
) -> None:
    """Run `create` unless `present()` says the rows exist, once even when two
    requests need them at the same moment: the second waits for the lock on the
    organisation's row, then finds the rows the first one made. (A page that
    only reads takes no lock once the rows exist.)"""
    if present():
        return
    with transaction.atomic():
        locked = Organization.objects.select_for_update().filter(pk=organization.pk)
        list(locked.values_list("pk", flat=True))
        if not present():
            create()
