"""Turning django-simple-history's records into rows of the organisation's
audit log: whose organisation an object belongs to, which fields changed and
how each value reads to a person."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.organizations.models import Organization

from .models import AuditAction, AuditEntry

# Fields that never appear in the log: secrets, and bookkeeping that changes on
# every login and says nothing about the data.
HIDDEN_FIELDS: dict[str, frozenset[str]] = {
    "accounts.user": frozenset({"password", "last_login"}),
}

# How an object without its own organisation reaches one, tried in this order:
# a measure knows its plan directly, a follow-up's parts their round, a report
# its task, a prerequisite goes through its goal, a responsible actor through
# its activity, a unit through its actor, a measure's targets and values
# through their measure.
PARENT_FIELDS = ("plan", "round", "task", "goal", "activity", "actor", "measure")

# Set on an instance by `note_deletion_origin` when it is deleted because its
# organisation is being deleted.
ORGANIZATION_BEING_DELETED = "_audit_organization_being_deleted"

if TYPE_CHECKING:
    Field = models.Field[Any, Any]


def organization_id_of(instance: models.Model) -> int | None:
    """The id of the organisation `instance` belongs to, or None for objects
    outside any organisation (users)."""
    if isinstance(instance, Organization):
        return instance.pk
    organization_id = getattr(instance, "organization_id", None)
    if organization_id is not None:
        return int(organization_id)
    for name in PARENT_FIELDS:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.ForeignKey):
            continue
        try:
            parent = getattr(instance, name)
        except ObjectDoesNotExist:
            parent = None
        if parent is not None:
            return organization_id_of(parent)
    return None


def audited_fields(model_label: str, tracked_fields: list[Field]) -> list[Field]:
    """The fields whose values the log shows, in the model's order."""
    hidden = HIDDEN_FIELDS.get(model_label, frozenset())
    return [
        field
        for field in tracked_fields
        if field.editable and not field.primary_key and field.name not in hidden
    ]


def display_value(obj: Any, field: Field) -> str:
    """A field's value on `obj` (an instance or a history record) as a person
    reads it: the related object's name, the choice's label, Ja/Nej."""
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return ""
    if field.is_relation:
        try:
            return str(getattr(obj, field.name))
        except ObjectDoesNotExist:
            return f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def field_changes(fields: list[Field], old: Any | None, new: Any) -> list[dict[str, str]]:
    """The changes between two versions of an object, one dict per changed
    field with its name, label and old and new value as text. Without an old
    version (a creation) the non-empty values of `new` are listed."""
    changes = []
    for field in fields:
        new_value = getattr(new, field.attname)
        if old is None:
            if new_value is None or new_value == "":
                continue
            old_text = ""
        else:
            if getattr(old, field.attname) == new_value:
                continue
            old_text = display_value(old, field)
        changes.append(
            {
                "field": field.name,
                "label": str(field.verbose_name),
                "old": old_text,
                "new": display_value(new, field),
            }
        )
    return changes


def previous_record(history_instance: Any) -> Any | None:
    """The history record just before `history_instance` of the same object.
    Ordered by history id rather than date, so two saves within the same clock
    tick still come out in order."""
    pk_name = history_instance.instance_type._meta.pk.attname
    return (
        type(history_instance)
        ._default_manager.filter(
            **{pk_name: getattr(history_instance, pk_name)},
            history_id__lt=history_instance.history_id,
        )
        .order_by("-history_id")
        .first()
    )


def user_display(user: Any | None) -> str:
    """The name the log keeps for a user, even after the account is gone."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())[:200]


def entry_for(instance: models.Model, history_instance: Any) -> AuditEntry | None:
    """The (unsaved) audit entry for one history record, or None when a change
    changed nothing the log shows (a login's last_login, a save without edits)."""
    label = instance._meta.label_lower
    action = history_instance.history_type
    fields = audited_fields(label, history_instance.tracked_fields)
    if action == AuditAction.DELETED:
        changes: list[dict[str, str]] = []
    elif action == AuditAction.CREATED:
        changes = field_changes(fields, None, instance)
    else:
        changes = field_changes(fields, previous_record(history_instance), instance)
        if not changes:
            return None
    organization_id = organization_id_of(instance)
    if getattr(instance, ORGANIZATION_BEING_DELETED, False):
        # The organisation's own log goes with it; this entry must outlive it.
        organization_id = None
    user = history_instance.history_user
    return AuditEntry(
        organization_id=organization_id,
        user=user,
        user_display=user_display(user),
        timestamp=history_instance.history_date,
        action=action,
        model=label,
        object_id=str(getattr(history_instance, instance._meta.pk.attname)),
        object_repr=str(instance)[:300],
        changes=changes,
    )


def record_history_entry(
    sender: type[models.Model], instance: models.Model, history_instance: Any, **kwargs: Any
) -> None:
    """Receiver of simple_history's post_create_historical_record: write the
    audit entry in the same transaction as the change itself."""
    entry = entry_for(instance, history_instance)
    if entry is not None:
        entry.save(using=kwargs.get("using"))


def note_deletion_origin(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Receiver of pre_delete: mark objects deleted together with their
    organisation, whose log entries cannot point at it any more."""
    origin = kwargs.get("origin")
    origin_model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if origin_model is Organization:
        setattr(instance, ORGANIZATION_BEING_DELETED, True)
