"""Writes to what hangs off a plan: measures, activities with their responsible
actors, and each actor's responsibility."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Goal,
    Measure,
    Plan,
    Responsibility,
)

from . import rules
from .common import (
    Errors,
    Move,
    SavedValue,
    apply_fields,
    check_version,
    delete_activity_as,
    delete_as,
    editable_plan,
    next_position,
    refusing_followed_up,
    renumber_positions,
    save_as,
    swap,
    validate,
)


@dataclass(frozen=True, kw_only=True)
class MeasureFields:
    statement: str
    direction: str
    goal: Goal | None = None
    unit_of_analysis: str = ""
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    target_year: int | None = None
    target_value: Decimal | None = None
    data_source: str = ""
    kind: str = ""
    share_of: str = ""
    kolada_kpi: str = ""


MEASURE_FIELD_NAMES = tuple(MeasureFields.__dataclass_fields__)


@dataclass(frozen=True, kw_only=True)
class ActivityFields:
    """An activity's fields, its responsible actors and which of them (if any) leads."""

    description: str
    goal: Goal | None = None
    responsible_actors: Sequence[Actor] = ()
    lead: Actor | None = None
    partner_note: str = ""
    prevention_level: str = ""
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    recurrence: str = ""
    status: str = ""
    status_note: str = ""
    status_date: datetime.date | None = None


ACTIVITY_FIELD_NAMES = tuple(
    name
    for name in ActivityFields.__dataclass_fields__
    if name not in {"responsible_actors", "lead"}
)


@dataclass(frozen=True, kw_only=True)
class ResponsibilityFields:
    actor: Actor
    text: str
    title: str = ""
    followed_up_by: Actor | None = None


RESPONSIBILITY_FIELD_NAMES = tuple(ResponsibilityFields.__dataclass_fields__)


# --- measures -----------------------------------------------------------------


def measure_create(*, user: User, plan: Plan, fields: MeasureFields) -> Measure:
    """Add a measure last under its goal (or last among the plan's own measures)."""
    with transaction.atomic():
        plan = editable_plan(plan)
        measure = Measure(plan=plan)
        apply_fields(measure, fields)
        measure.position = next_position(Measure.objects.filter(plan=plan, goal=fields.goal))
        validate(measure)
        save_as(measure, user)
    return measure


def measure_update(
    *, user: User, measure: Measure, fields: MeasureFields, expected_version: int
) -> Measure:
    with transaction.atomic():
        plan = editable_plan(measure.plan)
        measure = Measure.objects.get(pk=measure.pk)
        check_version(measure, expected=expected_version, field_names=MEASURE_FIELD_NAMES)
        moved = fields.goal != measure.goal
        apply_fields(measure, fields)
        if moved:
            measure.position = next_position(Measure.objects.filter(plan=plan, goal=fields.goal))
        validate(measure)
        save_as(measure, user)
    return measure


def measure_delete(*, user: User, measure: Measure, expected_version: int) -> None:
    with refusing_followed_up(), transaction.atomic():
        editable_plan(measure.plan)
        measure = Measure.objects.get(pk=measure.pk)
        check_version(measure, expected=expected_version, field_names=MEASURE_FIELD_NAMES)
        delete_as(measure, user)


# --- activities ---------------------------------------------------------------


def activity_create(*, user: User, plan: Plan, fields: ActivityFields) -> Activity:
    """Add an activity last under its goal (or last among the plan's own
    activities), with its responsible actors and lead."""
    with transaction.atomic():
        plan = editable_plan(plan)
        activity = Activity(plan=plan)
        apply_fields(activity, fields)
        activity.position = next_position(Activity.objects.filter(plan=plan, goal=fields.goal))
        validate(activity, _assignment_errors(plan.organization, fields))
        now = timezone.now()
        save_as(activity, user, at=now)
        _assign(activity, fields, user, now)
    return activity


def activity_update(
    *, user: User, activity: Activity, fields: ActivityFields, expected_version: int
) -> Activity:
    """Change an activity and its responsible actors. The activity itself is
    saved last, so its latest history record (the version token) also covers
    the change of responsible actors."""
    with transaction.atomic():
        plan = editable_plan(activity.plan)
        activity = Activity.objects.get(pk=activity.pk)
        check_version(
            activity,
            expected=expected_version,
            field_names=ACTIVITY_FIELD_NAMES,
            compare_extra=_compare_assignments,
        )
        moved = fields.goal != activity.goal
        apply_fields(activity, fields)
        if moved:
            activity.position = next_position(Activity.objects.filter(plan=plan, goal=fields.goal))
        validate(activity, _assignment_errors(plan.organization, fields))
        now = timezone.now()
        _assign(activity, fields, user, now)
        save_as(activity, user, at=now)
    return activity


def activity_delete(*, user: User, activity: Activity, expected_version: int) -> None:
    with refusing_followed_up(), transaction.atomic():
        editable_plan(activity.plan)
        activity = Activity.objects.get(pk=activity.pk)
        check_version(
            activity,
            expected=expected_version,
            field_names=ACTIVITY_FIELD_NAMES,
            compare_extra=_compare_assignments,
        )
        delete_activity_as(activity, user)


def activity_move(*, user: User, activity: Activity, direction: Move) -> bool:
    """Move an activity one step up or down among the activities of its goal
    (or of the plan itself). False if it was already first (or last)."""
    with transaction.atomic():
        plan = editable_plan(activity.plan)
        siblings = list(
            Activity.objects.filter(plan=plan, goal=activity.goal).order_by("position", "pk")
        )
        if not swap(siblings, activity.pk, direction):
            return False
        renumber_positions(siblings, user)
    return True


def _assignment_errors(organization: Organization, fields: ActivityFields) -> Errors:
    errors: Errors = {}
    if rules.foreign_actors(organization, fields.responsible_actors):
        errors["responsible_actors"] = [rules.foreign_actor_message()]
    if rules.foreign_actors(organization, [fields.lead]):
        errors["lead"] = [rules.foreign_actor_message()]
    elif message := rules.lead_message(fields.responsible_actors, fields.lead):
        errors["lead"] = [message]
    return errors


def _assign(activity: Activity, fields: ActivityFields, user: User, now: datetime.datetime) -> None:
    """Make the activity's responsible actors and lead those in `fields`. Kept
    actors keep their place; new ones are added last. The old lead loses the
    mark before the new one gets it (at most one lead, a database constraint).
    The history records share the activity's moment (`now`), so the activity's
    record tells which responsible actors it had."""
    wanted = {actor.pk: actor for actor in fields.responsible_actors}
    lead_id = fields.lead.pk if fields.lead is not None else None
    existing = {row.actor_id: row for row in activity.assignments.all()}
    for actor_id, row in existing.items():
        if actor_id not in wanted:
            delete_as(row, user, at=now)
        elif row.is_lead and actor_id != lead_id:
            row.is_lead = False
            save_as(row, user, at=now)
    position = next_position(activity.assignments.all())
    for actor_id, actor in wanted.items():
        row = existing.get(actor_id) or ActivityActor(
            activity=activity, actor=actor, position=position
        )
        if row.pk is None:
            position += 1
        elif row.is_lead == (actor_id == lead_id):
            continue
        row.is_lead = actor_id == lead_id
        save_as(row, user, at=now)


def assignment_summary(rows: Sequence[Any]) -> str:
    """ "Socialnämnden (leder), Utbildningsnämnden" from assignments or their
    history records (anything with actor_id, is_lead and position)."""
    names = dict(
        Actor.objects.filter(pk__in=[row.actor_id for row in rows]).values_list("pk", "name")
    )
    ordered = sorted(rows, key=lambda row: (row.position, row.actor_id))
    parts = [
        _("%(actor)s (leder)") % {"actor": names.get(row.actor_id, "?")}
        if row.is_lead
        else names.get(row.actor_id, "?")
        for row in ordered
    ]
    return ", ".join(parts) or _("(inga)")


def _compare_assignments(activity: Any, since: datetime.datetime | None) -> list[SavedValue]:
    """The responsible actors, if they changed from `since` on. The services
    date an activity's assignments with the activity's own record, so the state
    just before `since` is what the editor started from."""
    current = list(ActivityActor.objects.filter(activity_id=activity.pk))
    label = _("Ansvariga aktörer")
    if since is None:
        return [SavedValue(label, assignment_summary(current))]
    before = list(
        ActivityActor.history.filter(activity_id=activity.pk, history_date__lt=since)
        .latest_of_each()
        .exclude(history_type="-")
    )

    def key(rows: list[Any]) -> set[tuple[int, bool]]:
        return {(row.actor_id, row.is_lead) for row in rows}

    if key(before) == key(current):
        return []
    return [SavedValue(label, assignment_summary(current))]


# --- responsibilities ---------------------------------------------------------


def responsibility_create(
    *, user: User, plan: Plan, fields: ResponsibilityFields
) -> Responsibility:
    """Add what the plan asks of one actor, last in the plan's list."""
    with transaction.atomic():
        plan = editable_plan(plan)
        responsibility = Responsibility(plan=plan)
        apply_fields(responsibility, fields)
        responsibility.position = next_position(plan.responsibilities.all())
        validate(responsibility, _responsibility_errors(plan.organization, fields))
        save_as(responsibility, user)
    return responsibility


def responsibility_update(
    *,
    user: User,
    responsibility: Responsibility,
    fields: ResponsibilityFields,
    expected_version: int,
) -> Responsibility:
    with transaction.atomic():
        plan = editable_plan(responsibility.plan)
        responsibility = Responsibility.objects.get(pk=responsibility.pk)
        check_version(
            responsibility, expected=expected_version, field_names=RESPONSIBILITY_FIELD_NAMES
        )
        apply_fields(responsibility, fields)
        validate(responsibility, _responsibility_errors(plan.organization, fields))
        save_as(responsibility, user)
    return responsibility


def responsibility_delete(
    *, user: User, responsibility: Responsibility, expected_version: int
) -> None:
    with refusing_followed_up(), transaction.atomic():
        editable_plan(responsibility.plan)
        responsibility = Responsibility.objects.get(pk=responsibility.pk)
        check_version(
            responsibility, expected=expected_version, field_names=RESPONSIBILITY_FIELD_NAMES
        )
        delete_as(responsibility, user)


def _responsibility_errors(organization: Organization, fields: ResponsibilityFields) -> Errors:
    return {
        name: [rules.foreign_actor_message()]
        for name in ("actor", "followed_up_by")
        if rules.foreign_actors(organization, [getattr(fields, name)])
    }
