"""Which models make up one organisation's data, found by walking foreign keys.

A model is the organisation's when one of its foreign keys leads to the
organisation, directly or through other models (Prerequisite → Goal → Plan →
Organization; an automatic many-to-many table through either side). Each
model's rows are picked by the shortest chain of required foreign keys; a
model whose only ways there are optional (the audit log's organisation) takes
every row that any of them leads to. django-simple-history's tables follow
their models: their copies of the same foreign keys and of the original's
primary key say whose history a row is.

Everything else a moved row points at is either a user (moved by username,
see importing.py) or a shared row (such as a national indicator) matched on
the target by its natural key: a unique field or unique set of fields.

Nothing here names an app: a new model with a foreign key into the
organisation is moved without changes to this package."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from handlingskraft.organizations.models import Organization

from .errors import TransferError

# Fields that hold the id of another model's row as text, with the field that
# names that model ("plans.goal"): the audit log points at any object this way.
SOFT_REFERENCES: dict[str, tuple[str, str]] = {"audit.auditentry": ("model", "object_id")}

AUTO_FIELDS = (models.AutoField, models.BigAutoField, models.SmallAutoField)

Relation = models.ForeignKey[Any, Any]


@dataclass(frozen=True)
class Reference:
    """What a field's value points at. kind: "row" (a moved model's row),
    "user", "shared" (a shared row by natural key), "origin" (a history row's
    copy of its object's primary key)."""

    kind: str
    target: type[models.Model]


@dataclass
class MovedModel:
    model: type[models.Model]
    # Lookups that lead from the model to the organisation's primary key; a
    # row is the organisation's when any of them matches.
    lookups: tuple[str, ...] = ()
    # The first step of each lookup: the foreign keys to the row's owner.
    owners: tuple[Relation, ...] = ()
    history_of: type[models.Model] | None = None
    fields: list[models.Field[Any, Any]] = field(default_factory=list)
    references: dict[str, Reference] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def auto_pk(self) -> bool:
        """Whether the primary key is a number the database hands out: the
        import then gives the rows new ones."""
        return isinstance(self.model._meta.pk, AUTO_FIELDS)

    @property
    def is_history(self) -> bool:
        return self.history_of is not None


@dataclass
class Layout:
    """Every moved model in the order rows are written: the organisation, its
    models so that a row comes after what it points at, then the history."""

    moved: list[MovedModel]
    shared: dict[type[models.Model], tuple[str, ...]]

    def __post_init__(self) -> None:
        self.by_model = {entry.model: entry for entry in self.moved}
        self.by_label = {entry.label: entry for entry in self.moved}
        self.history_for = {
            entry.history_of: entry for entry in self.moved if entry.history_of is not None
        }


def relations(model: type[models.Model]) -> list[Relation]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey)  # OneToOneField is one too
    ]


def target_of(relation: Relation) -> type[models.Model]:
    """The model a foreign key points at."""
    target = relation.related_model
    assert not isinstance(target, str)
    return target


def field_of(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """A concrete field of `model` by name."""
    found = model._meta.get_field(name)
    assert isinstance(found, models.Field)
    return found


def is_history_model(model: type[models.Model]) -> bool:
    names = {f.name for f in model._meta.concrete_fields}
    return getattr(model, "instance_type", None) is not None and "history_id" in names


def _scoped_models(candidates: list[type[models.Model]]) -> dict[type[models.Model], int]:
    """The organisation's models, each with its distance (in foreign keys) from it."""
    distance: dict[type[models.Model], int] = {Organization: 0}
    changed = True
    while changed:
        changed = False
        for model in candidates:
            steps = [
                distance[target_of(f)] + 1
                for f in relations(model)
                if target_of(f) in distance and target_of(f) is not model
            ]
            if steps and distance.get(model, len(candidates) + 1) > min(steps):
                distance[model] = min(steps)
                changed = True
    return distance


def _owners(model: type[models.Model], distance: dict[type[models.Model], int]) -> list[Relation]:
    """The foreign keys a row's organisation is found through: the required one
    nearest the organisation, or else every optional one that leads closer."""
    inward = [f for f in relations(model) if target_of(f) in distance and target_of(f) is not model]
    required = [f for f in inward if not f.null]
    if required:
        return [min(required, key=lambda f: distance[target_of(f)])]
    return [f for f in inward if distance[target_of(f)] < distance[model]]


def _lookups(
    model: type[models.Model],
    owners: dict[type[models.Model], list[Relation]],
    seen: tuple[type[models.Model], ...] = (),
) -> tuple[str, ...]:
    if model is Organization:
        return ("pk",)
    if model in seen:
        raise TransferError(f"Modellerna {', '.join(m._meta.label for m in seen)} pekar i cirkel.")
    result = []
    for f in owners[model]:
        for tail in _lookups(target_of(f), owners, (*seen, model)):
            result.append(f.name if tail == "pk" else f"{f.name}__{tail}")
    return tuple(result)


def _insertion_order(scoped: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """Models so that each comes after the models it points at (self-references
    aside); a cycle, if one ever appears, is left to the deferred constraints."""
    remaining = set(scoped)
    order: list[type[models.Model]] = []
    while remaining:
        ready = sorted(
            (
                m
                for m in remaining
                if not any(
                    target_of(f) in remaining and target_of(f) is not m for f in relations(m)
                )
            ),
            key=lambda m: m._meta.label_lower,
        )
        if not ready:
            ready = sorted(remaining, key=lambda m: m._meta.label_lower)[:1]
        order += ready
        remaining -= set(ready)
    return order


def natural_key(model: type[models.Model]) -> tuple[str, ...]:
    """The fields a shared row is recognised by on another instance."""
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key:
            return (f.name,)
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and constraint.condition is None
        ):
            return tuple(constraint.fields)
    for names in model._meta.unique_together:
        return tuple(names)
    raise TransferError(
        f"{model._meta.label} är inte organisationens och saknar en unik nyckel; "
        "rader som pekar på den kan inte flyttas."
    )


def _references(
    entry: MovedModel, scoped: set[type[models.Model]], user_model: type[models.Model]
) -> dict[str, Reference]:
    references = {}
    for f in relations(entry.model):
        target = target_of(f)
        if target in scoped:
            kind = "row"
        elif target is user_model:
            kind = "user"
        else:
            kind = "shared"
        references[f.name] = Reference(kind, target)
    if entry.history_of is not None:
        references[entry.history_of._meta.pk.attname] = Reference("origin", entry.history_of)
    return references


@functools.cache
def discover() -> Layout:
    """The layout of the organisation's data in the models installed now."""
    user_model = get_user_model()
    every = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    histories = {m.instance_type: m for m in every if is_history_model(m)}  # type: ignore[attr-defined]
    candidates = [m for m in every if not is_history_model(m) and m is not user_model]
    distance = _scoped_models(candidates)
    owners = {m: _owners(m, distance) for m in distance if m is not Organization}
    moved = []
    for model in _insertion_order(distance):
        if model._meta.parents:
            raise TransferError(f"{model._meta.label} ärver en annan modell; det stöds inte.")
        moved.append(
            MovedModel(
                model=model,
                lookups=_lookups(model, owners),
                owners=tuple(owners.get(model, [])),
            )
        )
    for entry in list(moved):
        history = histories.get(entry.model)
        if history is not None:
            moved.append(MovedModel(model=history, owners=entry.owners, history_of=entry.model))
    shared: dict[type[models.Model], tuple[str, ...]] = {}
    for entry in moved:
        entry.fields = [f for f in entry.model._meta.concrete_fields if not f.primary_key]
        entry.references = _references(entry, set(distance), user_model)
        for reference in entry.references.values():
            if reference.kind == "shared" and reference.target not in shared:
                if relations(reference.target):
                    raise TransferError(
                        f"{reference.target._meta.label} pekar vidare på andra modeller; "
                        "det stöds inte för gemensamma rader."
                    )
                shared[reference.target] = natural_key(reference.target)
    return Layout(moved=moved, shared=shared)
