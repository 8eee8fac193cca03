"""Exporting one organisation: every row of its models and of their history,
the users and shared rows they point at, with the instance's primary keys
replaced by references that only mean something inside the file.

Each moved model numbers its objects 1, 2, 3 … in the order of their primary
keys; a foreign key in the file is that number. Objects that no longer exist
but still have history (a deleted goal) are numbered too, so that their
history stays theirs. Users are referred to by username and shared rows by
their natural key."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.utils import timezone

from handlingskraft.organizations.models import Organization

from .discovery import SOFT_REFERENCES, Layout, MovedModel, discover, field_of, target_of
from .errors import TransferError
from .fileformat import FORMAT, FORMAT_VERSION
from .values import encode

USER_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "password",
    "date_joined",
)
CHUNK = 500

Row = tuple[Any, ...]


@dataclass
class Collected:
    """The rows read from the database, with their own primary keys first."""

    rows: dict[type[models.Model], list[Row]] = field(default_factory=dict)
    # Per original model: every primary key the file mentions (rows and ghosts).
    identities: dict[type[models.Model], set[Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _attnames(entry: MovedModel) -> list[str]:
    return [entry.model._meta.pk.attname, *(f.attname for f in entry.fields)]


def _organization_filter(entry: MovedModel, organization: Organization) -> Q:
    condition = Q()
    for lookup in entry.lookups:
        condition |= Q(**{lookup: organization.pk})
    return condition


def _current(entry: MovedModel, organization: Organization) -> models.QuerySet[Any]:
    return entry.model._base_manager.filter(_organization_filter(entry, organization))


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    batch = sorted(values)
    for start in range(0, len(batch), CHUNK):
        yield batch[start : start + CHUNK]


def _history_rows(
    layout: Layout, entry: MovedModel, organization: Organization, collected: Collected
) -> list[Row]:
    """The history of the organisation's objects of `entry.history_of`: of the
    objects there are, and of deleted ones whose owner is the organisation's."""
    original = entry.history_of
    assert original is not None
    origin = original._meta.pk.attname
    owned = layout.by_model[original]
    queryset = entry.model._base_manager.order_by("pk").values_list(*_attnames(entry))
    if original is Organization:
        return list(queryset.filter(**{origin: organization.pk}))
    condition = Q(**{f"{origin}__in": _current(owned, organization).values("pk")})
    ghosts: list[tuple[str, set[Any]]] = []
    for owner in entry.owners:
        parent = layout.by_model[target_of(owner)]
        condition |= Q(**{f"{owner.attname}__in": _current(parent, organization).values("pk")})
        current_parents = {row[0] for row in collected.rows[parent.model]}
        ghosts.append((owner.attname, collected.identities[parent.model] - current_parents))
    rows = {row[0]: row for row in queryset.filter(condition)}
    for attname, ids in ghosts:
        for batch in _chunks(ids):
            rows.update((row[0], row) for row in queryset.filter(**{f"{attname}__in": batch}))
    return [rows[pk] for pk in sorted(rows)]


def collect(organization: Organization, layout: Layout | None = None) -> Collected:
    """Read every row to move, and find the deleted objects history mentions."""
    layout = layout or discover()
    collected = Collected()
    for entry in layout.moved:
        if entry.is_history:
            rows = _history_rows(layout, entry, organization, collected)
            original = entry.history_of
            assert original is not None
            position = _attnames(entry).index(original._meta.pk.attname)
            collected.identities[original] |= {row[position] for row in rows}
        else:
            rows = list(_current(entry, organization).order_by("pk").values_list(*_attnames(entry)))
            collected.identities[entry.model] = {row[0] for row in rows}
        collected.rows[entry.model] = rows
    _note_references(layout, collected)
    return collected


def _note_references(layout: Layout, collected: Collected) -> None:
    """Every object a row points at must be in the file. A current row that
    points outside the organisation is an error; history may point at objects
    that are gone, which are then numbered like the deleted ones."""
    for entry in layout.moved:
        names = _attnames(entry)
        for name, reference in entry.references.items():
            if reference.kind != "row":
                continue
            position = names.index(field_of(entry.model, name).attname)
            known = collected.identities[reference.target]
            missing = {row[position] for row in collected.rows[entry.model]} - known - {None}
            if missing and not entry.is_history:
                collected.problems.append(
                    f"{entry.label}.{name} pekar på {len(missing)} rader i "
                    f"{reference.target._meta.label_lower} som hör till en annan organisation"
                )
            known |= missing
        soft = SOFT_REFERENCES.get(entry.label)
        if soft is not None:
            model_at, id_at = names.index(soft[0]), names.index(soft[1])
            for row in collected.rows[entry.model]:
                target = soft_target(layout, row[model_at])
                identity = soft_id(target, row[id_at]) if target else None
                if target is not None and identity is not None:
                    collected.identities[target.model].add(identity)


class _Numbering:
    """The file's references: 1, 2, 3 … per model in primary-key order."""

    def __init__(self, layout: Layout, collected: Collected) -> None:
        self.refs: dict[type[models.Model], dict[Any, Any]] = {}
        for entry in layout.moved:
            ids = (
                collected.identities[entry.model]
                if not entry.is_history
                else {row[0] for row in collected.rows[entry.model]}
            )
            if entry.auto_pk:
                self.refs[entry.model] = {pk: n for n, pk in enumerate(sorted(ids), start=1)}
            else:
                self.refs[entry.model] = {pk: encode(entry.model._meta.pk, pk) for pk in ids}


def _users(collected: Collected, layout: Layout) -> tuple[list[dict[str, Any]], dict[Any, str]]:
    user_model = get_user_model()
    ids: set[Any] = set()
    for entry in layout.moved:
        names = _attnames(entry)
        for name, reference in entry.references.items():
            if reference.kind == "user":
                position = names.index(field_of(entry.model, name).attname)
                ids |= {row[position] for row in collected.rows[entry.model]} - {None}
    users: list[dict[str, Any]] = []
    usernames: dict[Any, str] = {}
    for batch in _chunks(ids):
        for user in user_model._base_manager.filter(pk__in=batch):
            usernames[user.pk] = user.get_username()
            users.append(
                {
                    name: encode(field_of(user_model, name), getattr(user, name))
                    for name in USER_FIELDS
                }
            )
    users.sort(key=lambda item: item["username"])
    return users, usernames


def _shared(
    collected: Collected, layout: Layout
) -> tuple[list[dict[str, Any]], dict[type[models.Model], dict[Any, list[Any]]]]:
    keys: dict[type[models.Model], dict[Any, list[Any]]] = {}
    sections = []
    for model, natural_key in sorted(layout.shared.items(), key=lambda item: item[0]._meta.label):
        ids: set[Any] = set()
        for entry in layout.moved:
            names = _attnames(entry)
            for name, reference in entry.references.items():
                if reference.kind == "shared" and reference.target is model:
                    position = names.index(field_of(entry.model, name).attname)
                    ids |= {row[position] for row in collected.rows[entry.model]} - {None}
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        rows = []
        keys[model] = {}
        for batch in _chunks(ids):
            for obj in model._base_manager.filter(pk__in=batch).order_by("pk"):
                values = [encode(f, getattr(obj, f.attname)) for f in fields]
                rows.append(values)
                keys[model][obj.pk] = [
                    encode(field_of(model, n), getattr(obj, n)) for n in natural_key
                ]
        if rows:
            sections.append(
                {
                    "model": model._meta.label_lower,
                    "key": list(natural_key),
                    "fields": [f.name for f in fields],
                    "rows": sorted(rows, key=lambda r: [str(v) for v in r]),
                }
            )
    return sections, keys


def applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        latest[app_label] = max(latest.get(app_label, ""), name)
    return dict(sorted(latest.items()))


def export_organization(organization: Organization) -> dict[str, Any]:
    """The organisation's complete data as a document for `fileformat.write`."""
    layout = discover()
    collected = collect(organization, layout)
    if collected.problems:
        raise TransferError(
            f"{organization} kan inte exporteras: data pekar utanför organisationen.",
            collected.problems,
        )
    numbering = _Numbering(layout, collected)
    users, usernames = _users(collected, layout)
    shared, shared_keys = _shared(collected, layout)
    convert = _Converter(layout, numbering, usernames, shared_keys)
    sections = [
        {
            "model": entry.label,
            "fields": [f.name for f in entry.fields],
            "identities": len(numbering.refs[entry.model]),
            "rows": convert.rows(entry, collected.rows[entry.model]),
        }
        for entry in layout.moved
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "source": {
            "site_url": settings.SITE_URL,
            "database": connection.vendor,
            "organization": {
                "name": organization.name,
                "slug": organization.slug,
                "municipality_code": organization.municipality_code,
            },
            "migrations": applied_migrations(),
        },
        "users": users,
        "shared": shared,
        "models": sections,
    }


def soft_target(layout: Layout, label: Any) -> MovedModel | None:
    """The moved model a soft reference's model name names, if its ids are remapped."""
    target = layout.by_label.get(label) if isinstance(label, str) else None
    if target is None or target.is_history or not target.auto_pk:
        return None
    return target


def soft_id(target: MovedModel, value: Any) -> Any | None:
    try:
        return target.model._meta.pk.to_python(value)
    except ValidationError:
        return None


class _Converter:
    """Turns database rows into the file's rows: the row's own number first,
    then each field's value with references replaced by numbers, usernames or
    natural keys."""

    def __init__(
        self,
        layout: Layout,
        numbering: _Numbering,
        usernames: dict[Any, str],
        shared_keys: dict[type[models.Model], dict[Any, list[Any]]],
    ) -> None:
        self.layout = layout
        self.numbering = numbering
        self.usernames = usernames
        self.shared_keys = shared_keys

    def _field(self, entry: MovedModel, f: models.Field[Any, Any]) -> Callable[[Any], Any]:
        reference = entry.references.get(f.name)
        if reference is None:
            return lambda value: encode(f, value)
        if reference.kind in {"row", "origin"}:
            refs = self.numbering.refs[reference.target]
            return lambda value: None if value is None else refs[value]
        if reference.kind == "user":
            return self.usernames.get
        return self.shared_keys[reference.target].get

    def rows(self, entry: MovedModel, rows: list[Row]) -> list[list[Any]]:
        converters = [self._field(entry, f) for f in entry.fields]
        own = self.numbering.refs[entry.model]
        soft = SOFT_REFERENCES.get(entry.label)
        names = [f.name for f in entry.fields]
        result = []
        for row in rows:
            values = [convert(value) for convert, value in zip(converters, row[1:], strict=True)]
            if soft is not None:
                model_at, id_at = names.index(soft[0]), names.index(soft[1])
                target = soft_target(self.layout, row[1 + model_at])
                identity = soft_id(target, row[1 + id_at]) if target else None
                if target is not None and identity is not None:
                    values[id_at] = self.numbering.refs[target.model][identity]
            result.append([own[row[0]], *values])
        return sorted(result, key=lambda r: r[0]) if entry.auto_pk else result
