"""What every write to a plan shares: only an editable version changes, the
acting user is recorded in the history, and a concurrent edit is refused and
shown instead of silently overwritten."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.plans.models import Activity, Plan

F = TypeVar("F")
M = TypeVar("M", bound=models.Model)
Errors = dict[str, list[str]]


class PlanNotEditable(Exception):
    """The version is adopted or archived: it stays as it was decided, and
    changes go into a revision."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(
            _("Version %(version)s av planen är %(status)s och kan inte ändras.")
            % {"version": plan.version, "status": plan.get_status_display().lower()}
        )
        self.plan = plan


@dataclass(frozen=True)
class SavedValue:
    """One value someone else saved: the field's label and how the value reads."""

    label: str
    value: str


class EditConflict(Exception):
    """Someone else saved the object after the form was opened."""

    def __init__(
        self,
        *,
        saved: list[SavedValue],
        saved_by: str,
        saved_at: datetime.datetime | None,
        current_token: int,
    ) -> None:
        super().__init__(
            _(
                "Någon annan har sparat ändringar här medan du redigerade. Dina ändringar är "
                "inte sparade. Jämför med det som sparades, rätta det som behövs och spara igen."
            )
        )
        self.saved = saved
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.current_token = current_token


def fields_from(cls: type[F], data: Mapping[str, Any]) -> F:
    """Build one of the `…Fields` dataclasses from a form's cleaned data (extra
    keys are ignored, missing keys take the dataclass default)."""
    names = {field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{name: value for name, value in data.items() if name in names})


def apply_fields(obj: models.Model, values: Any) -> None:
    """Copy the values of a `…Fields` dataclass onto the model fields of `obj`."""
    model_fields = {field.name for field in obj._meta.concrete_fields}
    for field in dataclasses.fields(values):
        if field.name in model_fields:
            setattr(obj, field.name, getattr(values, field.name))


def save_as(obj: models.Model, user: User, *, at: datetime.datetime | None = None) -> None:
    """Save `obj` with `user` as the author of its history record (also outside
    a request, where the history middleware knows no user). `at` dates the
    record, so that the parts of one change share one moment."""
    _mark(obj, user, at)
    obj.save()


def delete_as(obj: models.Model, user: User, *, at: datetime.datetime | None = None) -> None:
    _mark(obj, user, at)
    obj.delete()


def _mark(obj: models.Model, user: User, at: datetime.datetime | None) -> None:
    obj._history_user = user  # type: ignore[attr-defined]
    if at is not None:
        obj._history_date = at  # type: ignore[attr-defined]


@contextmanager
def refusing_followed_up() -> Iterator[None]:
    """Turn a deletion that follow-up data protects (a reporting task, a status
    report, an assessment points at the item) into a clear refusal. Put it
    outside the transaction, so everything already deleted is rolled back."""
    try:
        yield
    except (models.ProtectedError, models.RestrictedError) as error:
        raise ValidationError(
            _(
                "Det går inte att ta bort, eftersom det finns uppföljning kopplad till det "
                "(till exempel rapporteringsuppgifter eller statusrapporter), och uppföljningen "
                "ska finnas kvar. Sätt i stället status Avbruten, eller ta bort det i en "
                "revidering av planen."
            )
        ) from error


def editable_plan(plan: Plan) -> Plan:
    """Lock the plan's row for the rest of the transaction (edits of one plan
    and its adoption do not interleave) and refuse a version that is not editable."""
    locked = Plan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    if not locked.is_editable:
        raise PlanNotEditable(locked)
    return locked


def validate(obj: models.Model, errors: Errors | None = None) -> None:
    """Run the model's own validation on top of the `errors` already found. A
    field keeps the message found first: the rules' messages are the clearer."""
    errors = {name: list(messages) for name, messages in (errors or {}).items()}
    try:
        obj.full_clean(exclude=[name for name in errors if name != NON_FIELD_ERRORS])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def next_position(queryset: models.QuerySet[Any], field: str = "position") -> int:
    """One past the highest position (or number) in `queryset`."""
    highest = queryset.aggregate(highest=models.Max(field))["highest"]
    return 0 if highest is None else highest + 1


# --- order --------------------------------------------------------------------

Move = Literal["up", "down"]


def swap(items: list[M], pk: int, direction: Move) -> bool:
    """Swap the item `pk` with its neighbour in `direction`, in place."""
    index = next(i for i, item in enumerate(items) if item.pk == pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    return True


def renumber_positions(items: list[M], user: User) -> None:
    """Give `items` the positions 0, 1, 2 … in list order, saving those that change."""
    for position, item in enumerate(items):
        if item.position != position:  # type: ignore[attr-defined]
            item.position = position  # type: ignore[attr-defined]
            save_as(item, user)


def delete_activity_as(activity: Activity, user: User) -> None:
    """Delete an activity and its responsible actors, each in the history with `user`."""
    for assignment in activity.assignments.all():
        delete_as(assignment, user)
    delete_as(activity, user)


# --- optimistic concurrency ---------------------------------------------------


def version_token(obj: models.Model) -> int:
    """The id of the object's latest history record, 0 if it has none. An edit
    form carries it; a save that brings an older token is a concurrent edit.
    (History ids only grow, so the highest is the latest.)"""
    history = obj.history  # type: ignore[attr-defined]
    latest = history.order_by("-history_id").values_list("history_id", flat=True).first()
    return int(latest or 0)


CompareExtra = Callable[[models.Model, "datetime.datetime | None"], list[SavedValue]]


def check_version(
    obj: models.Model,
    *,
    expected: int,
    field_names: Iterable[str],
    compare_extra: CompareExtra | None = None,
) -> None:
    """Raise EditConflict if someone saved `obj` after the history record
    `expected` and changed any of `field_names`, or what `compare_extra` reports
    (given `obj` and the moment of the first save after `expected`; None when
    `expected` is not a record of `obj`)."""
    history = obj.history  # type: ignore[attr-defined]
    latest = history.order_by("-history_id").first()
    if latest is None or latest.history_id == expected:
        return
    base = history.filter(history_id=expected).first()
    saved = [
        SavedValue(str(capfirst(field.verbose_name)), readable_value(latest, field))
        for field in (_model_field(obj, name) for name in field_names)
        if base is None or getattr(base, field.attname) != getattr(latest, field.attname)
    ]
    if compare_extra is not None:
        first_after = history.filter(history_id__gt=expected).order_by("history_id").first()
        saved += compare_extra(obj, first_after.history_date if base is not None else None)
    if not saved:
        # The other save left everything this form shows as it was.
        return
    raise EditConflict(
        saved=saved,
        saved_by=user_name(latest.history_user),
        saved_at=latest.history_date,
        current_token=latest.history_id,
    )


def _model_field(obj: models.Model, name: str) -> models.Field[Any, Any]:
    field = obj._meta.get_field(name)
    assert isinstance(field, models.Field), name
    return field


def user_name(user: User | None) -> str:
    if user is None:
        return _("okänd användare")
    return user.get_full_name() or user.get_username()


def readable_value(record: Any, field: Any) -> str:
    """A field's value on an object or history record as a person reads it."""
    value = getattr(record, field.attname)
    if value is None or value == "":
        return _("(tomt)")
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(borttagen)")
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return formats.date_format(value)
    if isinstance(value, Decimal):
        return str(formats.localize(plain_decimal(value)))
    return str(value)


def plain_decimal(value: Decimal) -> Decimal:
    """12.5000 → 12.5 and 100.0000 → 100 (never 1E+2)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
