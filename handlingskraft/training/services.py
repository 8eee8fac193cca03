"""Every change to trainings, participation, the competence plan, the
settings and the measures fed from coverage: one function each, taking the
acting user, in a transaction. Views decide who may call them; these
functions decide what the data allows."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.lib.personal_data import personal_data_message
from handlingskraft.organizations.models import Actor, Organization, Unit
from handlingskraft.plans.models import Activity

from .feeding import coverage_values_refresh
from .models import (
    CompetencePlanLine,
    CompetenceYear,
    Participation,
    ProfessionalGroup,
    Topic,
    Training,
    TrainingSettings,
)


class TrainingError(Exception):
    """What the data does not allow; the message is Swedish."""


def _check_text(*texts: str) -> None:
    for text in texts:
        message = personal_data_message(text)
        if message:
            raise TrainingError(message)


def _check_same_organization(organization: Organization, objects: Iterable[object]) -> None:
    for obj in objects:
        owner = getattr(obj, "organization_id", None)
        if owner is None and isinstance(obj, Activity):
            owner = obj.plan.organization_id
        if owner != organization.pk:
            raise TrainingError(_("Allt som väljs måste höra till den egna organisationen."))


def _save(obj: object, user: User) -> None:
    obj._history_user = user  # type: ignore[attr-defined]
    obj.save()  # type: ignore[attr-defined]


# --- trainings ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingInput:
    title: str
    format: str
    description: str = ""
    is_ongoing: bool = False
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    topics: list[Topic] = field(default_factory=list)
    target_groups: list[ProfessionalGroup] = field(default_factory=list)
    organisers: list[Actor] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


@transaction.atomic
def training_save(
    *, organization: Organization, user: User, data: TrainingInput, training: Training | None = None
) -> Training:
    """Create a training, or change `training`, with its lists."""
    _check_text(data.title, data.description)
    if not data.title.strip():
        raise TrainingError(_("Skriv utbildningens titel."))
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise TrainingError(_("Sista dagen kan inte ligga före den första."))
    for related in (data.topics, data.target_groups, data.organisers, data.activities):
        _check_same_organization(organization, related)
    if training is None:
        training = Training(organization=organization)
    elif training.organization_id != organization.pk:
        raise TrainingError(_("Utbildningen hör till en annan organisation."))
    training.title, training.description = data.title.strip(), data.description.strip()
    training.format, training.is_ongoing = data.format, data.is_ongoing
    training.starts_on, training.ends_on = data.starts_on, data.ends_on
    _save(training, user)
    training.topics.set(data.topics)
    training.target_groups.set(data.target_groups)
    training.organisers.set(data.organisers)
    training.activities.set(data.activities)
    return training


# --- participation -----------------------------------------------------------------


@dataclass(frozen=True)
class ParticipationRow:
    """One row of an actor's participation in a training."""

    year: int
    group: ProfessionalGroup
    participants: int
    staff: int
    unit: Unit | None = None


def participation_rows(training: Training, actor: Actor) -> list[Participation]:
    return list(
        Participation.objects.filter(training=training, actor=actor)
        .select_related("unit", "group")
        .order_by("year", "unit__name", "group__position", "pk")
    )


def participation_version(rows: Iterable[Participation]) -> str:
    """A fingerprint of an actor's participation rows: the form sends back the
    one it was based on, and a save based on other figures is refused."""
    facts = sorted(
        (row.pk, row.year, row.unit_id, row.group_id, row.participants, row.staff) for row in rows
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()[:16]


def _check_row(row: ParticipationRow, actor: Actor) -> None:
    if row.participants > row.staff:
        raise TrainingError(
            _("Deltagarna kan inte vara fler än personalen i gruppen (%(staff)s).")
            % {"staff": row.staff}
        )
    if row.unit is not None and row.unit.actor_id != actor.pk:
        raise TrainingError(_("Enheten hör inte till aktören."))
    if row.group.organization_id != actor.organization_id:
        raise TrainingError(_("Allt som väljs måste höra till den egna organisationen."))


class ParticipationConflict(TrainingError):
    """Someone else changed the figures after the form was loaded."""


@transaction.atomic
def participation_save(
    *,
    training: Training,
    actor: Actor,
    user: User,
    rows: list[ParticipationRow],
    based_on: str,
) -> int:
    """Replace the actor's participation in the training with `rows` (rows
    left out are removed). Returns how many rows changed. Refused if the
    figures changed since `based_on` was read, or if a row breaks a rule;
    measures fed from coverage are computed again."""
    if actor.organization_id != training.organization_id:
        raise TrainingError(_("Aktören hör till en annan organisation."))
    # Saves for one training wait for each other, so two cannot both pass the
    # version check.
    Training.objects.select_for_update().filter(pk=training.pk).first()
    existing = {
        (row.year, row.unit_id, row.group_id): row for row in participation_rows(training, actor)
    }
    if participation_version(existing.values()) != based_on:
        raise ParticipationConflict(
            _(
                "Någon annan har ändrat deltagandet medan du skrev. Här är de aktuella "
                "siffrorna: gör om din ändring."
            )
        )
    changed = 0
    wanted: set[tuple[int, int | None, int]] = set()
    for row in rows:
        _check_row(row, actor)
        key = (row.year, row.unit.pk if row.unit else None, row.group.pk)
        if key in wanted:
            raise TrainingError(_("Samma år, enhet och yrkesgrupp finns på två rader."))
        wanted.add(key)
        current = existing.get(key)
        if current is not None and (current.participants, current.staff) == (
            row.participants,
            row.staff,
        ):
            continue
        record = current or Participation(
            training=training, actor=actor, unit=row.unit, group=row.group, year=row.year
        )
        record.participants, record.staff, record.entered_by = row.participants, row.staff, user
        _save(record, user)
        changed += 1
    for key, record in existing.items():
        if key not in wanted:
            record._history_user = user  # type: ignore[attr-defined]
            record.delete()
            changed += 1
    if changed:
        coverage_values_refresh(organization=actor.organization, user=user)
    return changed


# --- the competence plan -----------------------------------------------------------


@dataclass(frozen=True)
class YearInput:
    year: int
    staff: int
    target_share: Decimal | None = None


@dataclass(frozen=True)
class LineInput:
    actor: Actor
    group: ProfessionalGroup
    trainings: list[Training] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    note: str = ""
    years: list[YearInput] = field(default_factory=list)


@transaction.atomic
def plan_line_save(
    *,
    organization: Organization,
    user: User,
    data: LineInput,
    line: CompetencePlanLine | None = None,
) -> CompetencePlanLine:
    """Create or change a line of the competence plan with its years (years
    left out are removed); measures fed from coverage are computed again."""
    _check_text(data.note)
    _check_same_organization(organization, [data.actor, data.group, *data.trainings, *data.topics])
    years = [year.year for year in data.years]
    if len(set(years)) != len(years):
        raise TrainingError(_("Samma år finns på två rader."))
    clash = CompetencePlanLine.objects.filter(actor=data.actor, group=data.group)
    if line is not None:
        clash = clash.exclude(pk=line.pk)
    if clash.exists():
        raise TrainingError(_("Planen har redan en rad för aktören och yrkesgruppen."))
    line = line or CompetencePlanLine(organization=organization)
    line.actor, line.group, line.note = data.actor, data.group, data.note.strip()
    _save(line, user)
    line.trainings.set(data.trainings)
    line.topics.set(data.topics)
    _years_save(line, data.years, user)
    coverage_values_refresh(organization=organization, user=user)
    return line


def _years_save(line: CompetencePlanLine, years: list[YearInput], user: User) -> None:
    existing = {year.year: year for year in line.years.all()}
    for data in years:
        if data.target_share is not None and not 0 <= data.target_share <= 100:
            raise TrainingError(_("Målet anges i procent, mellan 0 och 100."))
        record = existing.pop(data.year, None) or CompetenceYear(
            organization_id=line.organization_id, line=line, year=data.year
        )
        if record.pk and (record.staff, record.target_share) == (data.staff, data.target_share):
            continue
        record.staff, record.target_share = data.staff, data.target_share
        _save(record, user)
    for record in existing.values():
        record._history_user = user  # type: ignore[attr-defined]
        record.delete()


# --- settings ----------------------------------------------------------------------


@transaction.atomic
def settings_update(
    *,
    organization: Organization,
    user: User,
    coordinating_actor: Actor | None,
    survey_baseline_year: int,
) -> TrainingSettings:
    """Name the coordinating actor and the employee survey's baseline year."""
    if coordinating_actor is not None:
        _check_same_organization(organization, [coordinating_actor])
    settings = TrainingSettings.objects.filter(organization=organization).first()
    settings = settings or TrainingSettings(organization=organization)
    settings.coordinating_actor = coordinating_actor
    settings.survey_baseline_year = survey_baseline_year
    _save(settings, user)
    return settings


# --- the organisation's lists ------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    """One entry: an existing one (pk) or a new one (pk None)."""

    pk: int | None
    name: str
    is_active: bool


@transaction.atomic
def list_update(
    *,
    organization: Organization,
    user: User,
    model: type[Topic] | type[ProfessionalGroup],
    rows: list[ListRow],
) -> None:
    """Save the topics or the professional groups in the given order. Entries
    are never deleted (trainings point at them), only taken out of use."""
    seen: set[str] = set()
    for row in rows:
        key = row.name.strip().casefold()
        if not key:
            raise TrainingError(_("Varje rad behöver en benämning."))
        if key in seen:
            raise TrainingError(
                _("Benämningen ”%(name)s” förekommer två gånger.") % {"name": row.name.strip()}
            )
        seen.add(key)
        _check_text(row.name)
    existing = {entry.pk: entry for entry in model.objects.filter(organization=organization)}
    entries = []
    for position, row in enumerate(rows):
        entry = existing.get(row.pk) if row.pk else model(organization=organization)
        if entry is None:
            raise TrainingError(_("Raden finns inte längre; ladda om sidan."))
        entry.name, entry.is_active, entry.position = row.name.strip(), row.is_active, position
        entries.append(entry)
    try:
        with transaction.atomic():
            for entry in entries:
                _save(entry, user)
    except IntegrityError as error:
        # Two entries swapping names collide on the unique name for a moment.
        raise TrainingError(
            _("Två benämningar kan inte byta plats i en och samma ändring; gör det i två steg.")
        ) from error
