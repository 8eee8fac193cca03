"""Plan versions: revising an adopted plan into a new version, comparing two
versions item by item, and adopting a version.

Items (goals, prerequisites, measures, activities, responsibilities) keep their
`lineage` when copied into a revision, which is how a comparison tells a
changed item from a removed one and an added one."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor

from .models import (
    Activity,
    ActivityActor,
    Measure,
    Plan,
    PlanStatus,
    RevisionNote,
)


class VersionError(Exception):
    """A version action that the plan's state does not allow; the message is Swedish."""


# --- revising --------------------------------------------------------------------


def _copy(instance: Model, user: User, **changes: Any) -> Any:
    """Save a copy of `instance` with `changes`, recording `user` in its history."""
    instance.pk = None
    instance._state.adding = True
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_user = user  # type: ignore[attr-defined]
    instance.save()
    return instance


def _copy_measure(measure: Measure, user: User, *, plan: Plan, goal_id: int | None) -> None:
    """Copy a measure and its targets per period (prefetched) into a revision."""
    targets = list(measure.targets.all())
    copy = _copy(measure, user, plan=plan, goal_id=goal_id)
    for target in targets:
        _copy(target, user, measure=copy)


def open_revision(plan: Plan) -> Plan | None:
    """The version of the same plan currently being revised, if any."""
    return (
        Plan.objects.filter(
            organization_id=plan.organization_id,
            slug=plan.slug,
            status__in=[PlanStatus.DRAFT, PlanStatus.UNDER_REVISION],
        )
        .order_by("-version")
        .first()
    )


@transaction.atomic
def plan_revise(*, plan: Plan, user: User) -> Plan:
    """Start a revision of the adopted `plan`: a new version, under revision, with
    a copy of every item. The adopted version is left exactly as it was."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.ADOPTED:
        raise VersionError(_("Bara en antagen version kan revideras."))
    if open_revision(plan) is not None:
        raise VersionError(_("Planen revideras redan; fortsätt i den pågående versionen."))
    latest = Plan.objects.filter(organization_id=plan.organization_id, slug=plan.slug).aggregate(
        Max("version")
    )["version__max"]
    goals = list(plan.goals.prefetch_related("prerequisites", "measures__targets"))
    activities = list(plan.activities.prefetch_related("assignments"))
    responsibilities = list(plan.responsibilities.all())
    source_pk = plan.pk
    revision = _copy(
        plan,
        user,
        version=latest + 1,
        status=PlanStatus.UNDER_REVISION,
        revision_of_id=source_pk,
        decided_by=None,
        decided_on=None,
        diarienummer="",
        # A revision is a draft: public only once adopted and published itself.
        published_at=None,
    )
    new_goal_ids = {}
    for goal in goals:
        prerequisites, measures = list(goal.prerequisites.all()), list(goal.measures.all())
        old_goal_id = goal.pk
        new_goal_ids[old_goal_id] = _copy(goal, user, plan=revision).pk
        for prerequisite in prerequisites:
            _copy(prerequisite, user, goal_id=new_goal_ids[old_goal_id])
        for measure in measures:
            _copy_measure(measure, user, plan=revision, goal_id=new_goal_ids[old_goal_id])
    for measure in Measure.objects.filter(plan_id=source_pk, goal=None).prefetch_related("targets"):
        _copy_measure(measure, user, plan=revision, goal_id=None)
    for activity in activities:
        assignments = list(activity.assignments.all())
        goal_id = new_goal_ids[activity.goal_id] if activity.goal_id else None
        copy = _copy(activity, user, plan=revision, goal_id=goal_id)
        for assignment in assignments:
            _copy(assignment, user, activity=copy)
    for responsibility in responsibilities:
        _copy(responsibility, user, plan=revision)
    return revision


@transaction.atomic
def plan_adopt(
    *,
    plan: Plan,
    user: User,
    decided_by: Actor,
    decided_on: datetime.date,
    diarienummer: str = "",
) -> Plan:
    """Adopt a draft or revised version: record the decision (body, date,
    diarienummer) and archive the version it replaces."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_editable:
        raise VersionError(_("Den här versionen är redan antagen eller arkiverad."))
    if decided_by.organization_id != plan.organization_id:
        raise VersionError(_("Den beslutande aktören måste höra till samma organisation."))
    replaced = Plan.objects.filter(
        organization_id=plan.organization_id, slug=plan.slug, status=PlanStatus.ADOPTED
    )
    for old in replaced:
        old.status = PlanStatus.ARCHIVED
        old._history_user = user  # type: ignore[attr-defined]
        old.save(update_fields=["status"])
    plan.status = PlanStatus.ADOPTED
    plan.decided_by = decided_by
    plan.decided_on = decided_on
    plan.diarienummer = diarienummer
    plan._history_user = user  # type: ignore[attr-defined]
    plan.save()
    return plan


def revision_note_set(*, plan: Plan, lineage: uuid.UUID, reason: str, user: User) -> None:
    """Record (or clear, with an empty reason) why an item changed in `plan`."""
    reason = reason.strip()
    with transaction.atomic():
        note = RevisionNote.objects.filter(plan=plan, lineage=lineage).first()
        if not reason:
            if note is not None:
                note._history_user = user  # type: ignore[attr-defined]
                note.delete()
            return
        note = note or RevisionNote(plan=plan, lineage=lineage)
        note.reason = reason
        note._history_user = user  # type: ignore[attr-defined]
        note.save()


# --- comparing -------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ItemChange:
    """One item that differs between two versions."""

    kind: str
    action: str  # "added", "changed" or "removed"
    lineage: uuid.UUID
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    reason: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])


ACTION_LABELS = {
    "added": gettext_lazy("Tillagd"),
    "changed": gettext_lazy("Ändrad"),
    "removed": gettext_lazy("Borttagen"),
}


@dataclass
class Snapshot:
    """An item reduced to what a reader compares: a kind, a title and labelled values."""

    kind: str
    lineage: uuid.UUID
    title: str
    values: dict[str, str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _snapshots(plan: Plan) -> list[Snapshot]:
    """Every item of `plan` as a Snapshot, in document order, in a fixed number
    of queries."""
    plan = Plan.objects.with_structure().get(pk=plan.pk)
    goals = list(plan.goals.all())
    label = plan.section_label.capitalize()
    items: list[Snapshot] = []
    for goal in goals:
        items.append(
            Snapshot(
                label,
                goal.lineage,
                f"{goal.number}. {goal.title}",
                {
                    _("Nummer"): _text(goal.number),
                    _("Rubrik"): goal.title,
                    _("Beskrivning"): goal.description,
                },
            )
        )
        items += [
            Snapshot(_("Förutsättning"), p.lineage, p.text, {_("Text"): p.text})
            for p in goal.prerequisites.all()
        ]
        items += [_measure(m) for m in goal.measures.all()]
        items += [_activity(a) for a in goal.activities.all()]
    items += [_measure(m) for m in plan.measures.all()]
    items += [_activity(a) for a in plan.activities.all()]
    items += [
        Snapshot(
            _("Ansvar"),
            r.lineage,
            r.title or r.actor.name,
            {
                _("Aktör"): r.actor.name,
                _("Rubrik"): r.title,
                _("Text"): r.text,
                _("Följs upp av"): r.followed_up_by.name if r.followed_up_by else "",
            },
        )
        for r in plan.responsibilities.all()
    ]
    return items


def _measure(measure: Measure) -> Snapshot:
    return Snapshot(
        _("Mått"),
        measure.lineage,
        measure.statement,
        {
            _("Mått"): measure.statement,
            _("Önskad riktning"): measure.get_direction_display(),
            _("Analysenhet"): measure.unit_of_analysis,
            _("Nollmätning"): " ".join(
                _text(v) for v in (measure.baseline_year, measure.baseline_value) if v is not None
            ),
            _("Mål"): " ".join(
                _text(v) for v in (measure.target_year, measure.target_value) if v is not None
            ),
            _("Datakälla"): measure.data_source,
            _("Typ av mått"): measure.get_kind_display(),
            _("Andel av"): measure.get_share_of_display(),
            _("Nyckeltal i Kolada"): measure.kolada_kpi,
        },
    )


def _activity(activity: Activity) -> Snapshot:
    assignments: Iterable[ActivityActor] = activity.assignments.all()
    return Snapshot(
        _("Aktivitet"),
        activity.lineage,
        activity.description,
        {
            _("Beskrivning"): activity.description,
            _("Ansvariga"): ", ".join(a.actor.name for a in assignments),
            _("Leder"): activity.lead.name if activity.lead else "",
            _("Samarbete"): activity.partner_note,
            _("Preventionsnivå"): activity.get_prevention_level_display(),
            _("Startdatum"): _text(activity.starts_on),
            _("Klart senast"): _text(activity.due_on),
            _("Återkommer"): activity.recurrence,
        },
    )


def compare_versions(old: Plan, new: Plan) -> list[ItemChange]:
    """What was added, changed and removed going from `old` to `new`, with the
    reasons recorded on `new`. Changed items list each changed field with its old
    and new text."""
    before = {item.lineage: item for item in _snapshots(old)}
    after = _snapshots(new)
    reasons = dict(RevisionNote.objects.filter(plan=new).values_list("lineage", "reason"))
    changes: list[ItemChange] = []
    for item in after:
        previous = before.pop(item.lineage, None)
        if previous is None:
            changes.append(ItemChange(item.kind, "added", item.lineage, item.title))
            continue
        fields = [
            FieldChange(label, previous.values.get(label, ""), value)
            for label, value in item.values.items()
            if previous.values.get(label, "") != value
        ]
        if fields:
            changes.append(ItemChange(item.kind, "changed", item.lineage, item.title, fields))
    changes += [
        ItemChange(item.kind, "removed", item.lineage, item.title) for item in before.values()
    ]
    for change in changes:
        change.reason = reasons.get(change.lineage, "")
    return changes


__all__ = [
    "ItemChange",
    "VersionError",
    "compare_versions",
    "open_revision",
    "plan_adopt",
    "plan_revise",
    "revision_note_set",
]
