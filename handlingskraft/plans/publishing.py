"""Publishing a plan version: from then on public pages and the open API may
show it. Unpublishing takes it back; the audit log records both."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User

from .models import Plan, PlanStatus


class PublishError(Exception):
    """Publishing is not allowed in the plan's state; the message is Swedish."""


@transaction.atomic
def plan_publish(*, plan: Plan, user: User) -> Plan:
    """Publish an adopted (or archived, for the record) plan version."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in {PlanStatus.ADOPTED, PlanStatus.ARCHIVED}:
        raise PublishError(_("Bara en antagen plan kan publiceras."))
    if plan.published_at is None:
        plan.published_at = timezone.now()
        plan._history_user = user  # type: ignore[attr-defined]
        plan.save(update_fields=["published_at"])
    return plan


@transaction.atomic
def plan_unpublish(*, plan: Plan, user: User) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.published_at is not None:
        plan.published_at = None
        plan._history_user = user  # type: ignore[attr-defined]
        plan.save(update_fields=["published_at"])
    return plan
