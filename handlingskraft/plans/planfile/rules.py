"""The rules of a plan file that a JSON Schema cannot express: references
between actors, unique numbers, real dates, date order and the personal-data
guard. Each check yields ``place: message`` lines."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from handlingskraft.lib.personal_data import personal_data_message
from handlingskraft.organizations.models import RESERVED_SLUGS

from .errors import format_path

Path = tuple[str | int, ...]
DATE_FIELDS = {"decided_on", "valid_from", "valid_until", "starts_on", "due_on", "status_date"}


def rule_errors(data: dict[str, Any]) -> list[str]:
    """Every rule the (schema-valid) plan file `data` breaks."""
    checks = [
        _organization_errors(data),
        _actor_errors(data),
        _reference_errors(data),
        _goal_number_errors(data),
        _measure_errors(data),
        _date_errors(data, ()),
        _date_order_errors(data),
        _personal_data_errors(data, ()),
    ]
    return [error for check in checks for error in check]


def _error(path: Path, message: str) -> str:
    return f"{format_path(path) or _('filen')}: {message}"


def _organization_errors(data: dict[str, Any]) -> Iterator[str]:
    slug = data["organization"]["slug"]
    if slug in RESERVED_SLUGS:
        yield _error(
            ("organization", "slug"),
            _("”%(slug)s” används av systemet självt; välj ett annat kortnamn") % {"slug": slug},
        )


def _actor_names(data: dict[str, Any]) -> set[str]:
    return {actor["name"] for actor in data.get("actors", [])}


def _actor_errors(data: dict[str, Any]) -> Iterator[str]:
    seen: set[str] = set()
    for index, actor in enumerate(data.get("actors", [])):
        if actor["name"] in seen:
            yield _error(
                ("actors", index, "name"),
                _("aktören ”%(name)s” finns redan i listan") % {"name": actor["name"]},
            )
        seen.add(actor["name"])
        if actor.get("serves") == actor["name"]:
            yield _error(("actors", index, "serves"), _("en aktör kan inte arbeta åt sig själv"))


def _activities(data: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    for g, goal in enumerate(data.get("goals", [])):
        for a, activity in enumerate(goal.get("activities", [])):
            yield ("goals", g, "activities", a), activity
    for a, activity in enumerate(data.get("activities", [])):
        yield ("activities", a), activity


def _measures(data: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    for g, goal in enumerate(data.get("goals", [])):
        for m, measure in enumerate(goal.get("measures", [])):
            yield ("goals", g, "measures", m), measure
    for m, measure in enumerate(data.get("measures", [])):
        yield ("measures", m), measure


def _references(data: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Every place in the file that names an actor, with the name."""
    for index, actor in enumerate(data.get("actors", [])):
        if "serves" in actor:
            yield ("actors", index, "serves"), actor["serves"]
    if "decided_by" in data:
        yield ("decided_by",), data["decided_by"]
    for path, activity in _activities(data):
        for index, name in enumerate(activity.get("responsible", [])):
            yield (*path, "responsible", index), name
    for index, item in enumerate(data.get("responsibilities", [])):
        yield ("responsibilities", index, "actor"), item["actor"]
        if "followed_up_by" in item:
            yield ("responsibilities", index, "followed_up_by"), item["followed_up_by"]


def _reference_errors(data: dict[str, Any]) -> Iterator[str]:
    declared = _actor_names(data)
    for path, name in _references(data):
        if name not in declared:
            yield _error(
                path, _("”%(name)s” finns inte bland aktörerna under actors") % {"name": name}
            )
    for path, activity in _activities(data):
        responsible = activity.get("responsible", [])
        for index, name in enumerate(responsible):
            if name in responsible[:index]:
                yield _error(
                    (*path, "responsible", index),
                    _("”%(name)s” står redan som ansvarig") % {"name": name},
                )
        lead = activity.get("lead")
        if lead is not None and lead not in responsible:
            yield _error(
                (*path, "lead"),
                _("”%(name)s” är inte en av de ansvariga aktörerna") % {"name": lead},
            )


def _goal_number_errors(data: dict[str, Any]) -> Iterator[str]:
    seen: set[int] = set()
    for index, goal in enumerate(data.get("goals", [])):
        if goal["number"] in seen:
            yield _error(
                ("goals", index, "number"),
                _("numret %(number)s används redan av en annan målbild")
                % {"number": goal["number"]},
            )
        seen.add(goal["number"])


def _measure_errors(data: dict[str, Any]) -> Iterator[str]:
    """A share's denominator only on shares; one target per period."""
    for path, measure in _measures(data):
        if "share_of" in measure and measure.get("kind") != "share":
            yield _error((*path, "share_of"), _("anges bara när kind är share (en andel)"))
        seen: set[tuple[int, int]] = set()
        for index, target in enumerate(measure.get("targets", [])):
            period = (target["year"], target.get("tertial", 0))
            if period in seen:
                yield _error(
                    (*path, "targets", index), _("det finns redan ett mål för samma period")
                )
            seen.add(period)


def _date_errors(node: Any, path: Path) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in DATE_FIELDS and isinstance(value, str) and parse_date(value) is None:
                yield _error(
                    (*path, key), _("”%(value)s” är inte ett giltigt datum") % {"value": value}
                )
            else:
                yield from _date_errors(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _date_errors(item, (*path, index))


def _date_order_errors(data: dict[str, Any]) -> Iterator[str]:
    pairs: list[tuple[Path, dict[str, Any], str, str]] = [((), data, "valid_from", "valid_until")]
    pairs += [(path, activity, "starts_on", "due_on") for path, activity in _activities(data)]
    for path, item, first, last in pairs:
        start, end = parse_date(item.get(first)), parse_date(item.get(last))
        if start and end and end < start:
            yield _error((*path, last), _("datumet ligger före %(first)s") % {"first": first})


def _personal_data_errors(node: Any, path: Path) -> Iterator[str]:
    if isinstance(node, str):
        message = personal_data_message(node)
        if message:
            yield _error(path, message)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _personal_data_errors(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _personal_data_errors(item, (*path, index))


def parse_date(value: Any) -> datetime.date | None:
    """The date written as ``YYYY-MM-DD``, or None if absent or not a real date."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
