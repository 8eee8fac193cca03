"""Importing an exported organisation: every check before anything is
written, then everything in one transaction, so that an error of any kind
(a refused file, a broken rule, a lost database connection) leaves the
database as it was.

Users are matched by username and e-mail address: a user here with the same
username and the same address (compared without regard to case; two empty
addresses count as the same) is taken to be the same person and is used as
they are. The same username with another address, or a new user whose
address another user here already has, stops the import. New users get the
file's password hash, names, address and active flag; never staff or
administrator rights."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    models,
    transaction,
)
from django.db.models import Q
from django.db.models.functions import Lower

from handlingskraft.organizations.models import Organization

from . import fileformat
from .discovery import SOFT_REFERENCES, Layout, MovedModel, discover, field_of
from .errors import TransferError
from .exporting import USER_FIELDS, applied_migrations, soft_target
from .sequences import reserve_ids
from .values import decode

CHANGE_REASON = "Inläst med import_organization"


@dataclass
class ImportResult:
    organization: Organization
    created_users: list[str] = field(default_factory=list)
    reused_users: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Section:
    entry: MovedModel
    fields: list[models.Field[Any, Any]]
    identities: int
    rows: list[list[Any]]


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def import_organization(document: dict[str, Any], *, dry_run: bool = False) -> ImportResult:
    """Write the organisation in `document` (from `fileformat.read`) into this
    database with new primary keys. Raises TransferError, having written
    nothing, when the file cannot be imported here. With `dry_run` everything
    is done and then rolled back."""
    fileformat.check(document)
    layout = discover()
    sections = _sections(document, layout)
    try:
        with transaction.atomic():
            result = _write(document, layout, sections)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    except (OperationalError, InterfaceError) as error:
        raise TransferError(
            f"Databasen gick inte att nå under inläsningen ({error}). Ingenting lästes in; "
            "försök igen när databasen svarar."
        ) from error
    except IntegrityError as error:
        raise TransferError(
            f"Inläsningen bröt mot en regel i databasen och avbröts; ingenting lästes in: {error}"
        ) from error
    return result


def _sections(document: dict[str, Any], layout: Layout) -> list[_Section]:
    """The file's models as this instance knows them; refuses models and fields
    it does not have, and fields it has that the file cannot fill."""
    problems: list[str] = []
    sections = []
    for item in document["models"]:
        label = item.get("model", "")
        entry = layout.by_label.get(label)
        if entry is None:
            problems.append(f"{label}: modellen finns inte här eller är inte organisationens")
            continue
        known = {f.name: f for f in entry.fields}
        unknown = [name for name in item["fields"] if name not in known]
        if unknown:
            problems.append(f"{label}: fälten {', '.join(unknown)} finns inte här")
            continue
        missing = [
            f.name
            for f in entry.fields
            if f.name not in item["fields"] and not f.has_default() and not f.null
        ]
        if missing and item["rows"]:
            problems.append(f"{label}: filen saknar fälten {', '.join(missing)}")
            continue
        sections.append(
            _Section(
                entry, [known[name] for name in item["fields"]], item["identities"], item["rows"]
            )
        )
    if problems:
        raise TransferError(
            "Filen passar inte den här versionen av Handlingskraft; ingenting lästes in.", problems
        )
    return sections


def _write(document: dict[str, Any], layout: Layout, sections: list[_Section]) -> ImportResult:
    organization_row = _organization_values(sections)
    problems = _organization_conflicts(organization_row) + _unique_conflicts(sections)
    users, user_problems = _match_users(document["users"])
    problems += user_problems
    if problems:
        raise TransferError(
            f"{organization_row.get('name', 'Organisationen')} lästes inte in:", problems
        )
    result = ImportResult(organization=Organization())
    user_ids = _write_users(document["users"], users, result)
    shared_ids = _write_shared(document["shared"], layout)
    ids = {
        section.entry.model: reserve_ids(section.entry.model, section.identities)
        for section in sections
        if section.entry.auto_pk
    }
    writer = _RowWriter(layout, ids, user_ids, shared_ids)
    for section in sections:
        writer.insert(section)
        result.counts[section.entry.label] = len(section.rows)
    connection.check_constraints(table_names=[s.entry.model._meta.db_table for s in sections])
    result.organization = Organization.objects.get(slug=organization_row["slug"])
    result.notes = _migration_notes(document)
    return result


def _organization_values(sections: list[_Section]) -> dict[str, Any]:
    for section in sections:
        if section.entry.model is Organization and len(section.rows) == 1:
            return {
                f.name: value for f, value in zip(section.fields, section.rows[0][1:], strict=True)
            }
    raise TransferError("Filen innehåller ingen organisation.")


def _organization_conflicts(values: dict[str, Any]) -> list[str]:
    problems = []
    clash = Q(slug=values.get("slug")) | Q(municipality_code=values.get("municipality_code"))
    clash |= Q(name=values.get("name"))
    for existing in Organization.objects.filter(clash):
        if existing.municipality_code == values.get("municipality_code"):
            problems.append(
                f"Det finns redan en organisation med kommunkoden {existing.municipality_code} "
                f"här ({existing.name})."
            )
        if existing.slug == values.get("slug"):
            problems.append(
                f"Det finns redan en organisation med kortnamnet ”{existing.slug}” här "
                f"({existing.name})."
            )
        if existing.name == values.get("name"):
            problems.append(f"Det finns redan en organisation som heter ”{existing.name}” här.")
    return problems


def _unique_conflicts(sections: list[_Section]) -> list[str]:
    """Values of unique fields (API token hashes …) that rows here already have."""
    problems = []
    for section in sections:
        if section.entry.model is Organization:
            continue  # said better by _organization_conflicts
        for position, f in enumerate(section.fields, start=1):
            if not f.unique or f.name in section.entry.references:
                continue
            values = [decode(f, row[position]) for row in section.rows if row[position] is not None]
            taken = sum(
                section.entry.model._base_manager.filter(**{f"{f.name}__in": batch}).count()
                for batch in _batches(values)
            )
            if taken:
                problems.append(
                    f"{section.entry.label}.{f.name}: {taken} av filens värden finns redan här "
                    "(är raderna redan inlästa?)"
                )
    return problems


def _batches(values: list[Any], size: int = 500) -> list[list[Any]]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def _match_users(items: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The users here that are the file's users (None: to be created), and
    the problems: same username but another person, or an address in use."""
    user_model = get_user_model()
    usernames = [item["username"] for item in items]
    existing = {
        u.get_username(): u for u in user_model._base_manager.filter(username__in=usernames)
    }
    new_addresses = {
        (item.get("email") or "").casefold(): item["username"]
        for item in items
        if item["username"] not in existing and item.get("email")
    }
    taken = dict(
        user_model._base_manager.annotate(address=Lower("email"))
        .filter(address__in=list(new_addresses))
        .values_list("address", "username")
    )
    matched: dict[str, Any] = {}
    problems = []
    for item in items:
        username, address = item["username"], (item.get("email") or "")
        user = existing.get(username)
        if user is not None and (user.email or "").casefold() != address.casefold():
            problems.append(
                f"Användarnamnet ”{username}” finns redan här med en annan e-postadress "
                f"({user.email or 'ingen'}; i filen: {address or 'ingen'})."
            )
        elif user is None and address.casefold() in taken:
            problems.append(
                f"E-postadressen {address} (”{username}” i filen) har redan användaren "
                f"”{taken[address.casefold()]}” här."
            )
        matched[username] = user
    return matched, problems


def _write_users(
    items: list[dict[str, Any]], matched: dict[str, Any], result: ImportResult
) -> dict[str, Any]:
    user_model = get_user_model()
    ids = {}
    for item in items:
        user = matched[item["username"]]
        if user is None:
            user = user_model(
                **{
                    name: decode(field_of(user_model, name), item[name])
                    for name in USER_FIELDS
                    if name in item
                }
            )
            user._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            user.save()
            result.created_users.append(user.get_username())
        else:
            result.reused_users.append(user.get_username())
        ids[item["username"]] = user.pk
    return ids


def _write_shared(
    sections: list[dict[str, Any]], layout: Layout
) -> dict[type[models.Model], dict[tuple[Any, ...], Any]]:
    """Shared rows (national indicators …): the one here with the same natural
    key, or a new one from the file."""
    ids: dict[type[models.Model], dict[tuple[Any, ...], Any]] = {}
    for section in sections:
        try:
            model = apps.get_model(section["model"])
        except (LookupError, ValueError):
            raise TransferError(f"{section['model']}: modellen finns inte här.") from None
        if model not in layout.shared:
            raise TransferError(f"{section['model']}: modellen är inte gemensam här.")
        ids[model] = {}
        for row in section["rows"]:
            values = {
                name: decode(field_of(model, name), value)
                for name, value in zip(section["fields"], row, strict=True)
            }
            natural = {name: values[name] for name in section["key"]}
            obj: Any = model._base_manager.filter(**natural).first()
            if obj is None:
                obj = model(**values)
                obj._change_reason = CHANGE_REASON
                obj.save()
            raw = dict(zip(section["fields"], row, strict=True))
            ids[model][tuple(raw[name] for name in section["key"])] = obj.pk
    return ids


class _RowWriter:
    """Inserts a model's rows with their new keys and every reference remapped.
    Rows are inserted raw: no save(), no signals, no automatic timestamps, so
    they arrive exactly as exported and make no new history."""

    def __init__(
        self,
        layout: Layout,
        ids: dict[type[models.Model], list[int]],
        user_ids: dict[str, Any],
        shared_ids: dict[type[models.Model], dict[tuple[Any, ...], Any]],
    ) -> None:
        self.layout = layout
        self.ids = ids
        self.user_ids = user_ids
        self.shared_ids = shared_ids

    def key(self, model: type[models.Model], ref: Any) -> Any:
        if not self.layout.by_model[model].auto_pk:
            return decode(model._meta.pk, ref)
        keys = self.ids[model]
        if not isinstance(ref, int) or not 1 <= ref <= len(keys):
            raise TransferError(f"{model._meta.label_lower}: ogiltig referens {ref!r} i filen.")
        return keys[ref - 1]

    def value(self, entry: MovedModel, f: models.Field[Any, Any], value: Any) -> Any:
        if value is None:
            return None
        reference = entry.references.get(f.name)
        if reference is None:
            return decode(f, value)
        if reference.kind in {"row", "origin"}:
            return self.key(reference.target, value)
        try:
            if reference.kind == "user":
                return self.user_ids[value]
            return self.shared_ids[reference.target][tuple(value)]
        except (KeyError, TypeError):
            raise TransferError(f"{entry.label}.{f.name}: okänd referens {value!r}.") from None

    def insert(self, section: _Section) -> None:
        entry = section.entry
        model = entry.model
        concrete = list(model._meta.concrete_fields)
        attnames = [f.attname for f in concrete]
        soft = SOFT_REFERENCES.get(entry.label)
        objs = []
        for row in section.rows:
            values = {model._meta.pk.attname: self.key(model, row[0])}
            for f, value in zip(section.fields, row[1:], strict=True):
                soft_id = soft is not None and f.name == soft[1]
                values[f.attname] = value if soft_id else self.value(entry, f, value)
            if soft is not None:
                self._soft(values, soft, model)
            for f in concrete:
                if f.attname not in values:
                    values[f.attname] = f.get_default()
            objs.append(model.from_db(connection.alias, attnames, [values[a] for a in attnames]))
        batch = max(1, connection.ops.bulk_batch_size(concrete, objs))
        # The insert loaddata uses (raw: values as given); not in the stubs.
        manager: Any = model._base_manager
        for start in range(0, len(objs), batch):
            manager._insert(
                objs[start : start + batch], fields=concrete, raw=True, using=connection.alias
            )

    def _soft(
        self, values: dict[str, Any], soft: tuple[str, str], model: type[models.Model]
    ) -> None:
        model_name = field_of(model, soft[0]).attname
        id_name = field_of(model, soft[1]).attname
        target = soft_target(self.layout, values[model_name])
        ref = values[id_name]
        # The export writes a moved object's number as a number, anything else as text.
        if target is not None and isinstance(ref, int) and not isinstance(ref, bool):
            values[id_name] = str(self.key(target.model, ref))
        elif ref is not None:
            values[id_name] = str(ref)


def _migration_notes(document: dict[str, Any]) -> list[str]:
    source = document.get("source", {}).get("migrations", {})
    here = applied_migrations()
    return [
        f"{app}: källan har {source.get(app) or 'ingen'}, här finns {here.get(app) or 'ingen'}"
        for app in sorted(set(source) | set(here))
        if source.get(app) != here.get(app)
    ]
