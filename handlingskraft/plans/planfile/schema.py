"""Checking a plan file against its JSON Schema, with every error in Swedish."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from .errors import format_path

SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _type_name(type_name: str) -> str:
    names = {
        "string": _("text"),
        "integer": _("ett heltal"),
        "number": _("ett tal"),
        "boolean": _("true eller false"),
        "object": _("en samling fält"),
        "array": _("en lista"),
    }
    return names.get(type_name, type_name)


def _pattern_message(pattern: str) -> str:
    if "[0-9]{4}-" in pattern:
        return _("ska vara ett datum på formen ÅÅÅÅ-MM-DD")
    if pattern == "^[0-9]{4}$":
        return _("ska vara fyra siffror, till exempel ”0127”")
    if "[A-Z][0-9]{5}" in pattern:
        return _("ska vara ett nyckeltals id i Kolada, till exempel ”N00945”")
    if "a-z0-9" in pattern:
        return _("får bara innehålla små bokstäver a–z, siffror och enkla bindestreck")
    return _("får inte vara tom")


def _message(error: SchemaError) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    schema: Any = error.schema
    if kind == "required":
        present = cast(dict[str, Any], value)
        missing = [name for name in cast(list[str], expected) if name not in present]
        return _("fältet ”%(name)s” saknas") % {"name": ", ".join(missing)}
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        unknown = sorted(str(name) for name in cast(dict[str, Any], value) if name not in known)
        return _("okänt fält ”%(name)s”") % {"name": ", ".join(unknown)}
    if kind == "type":
        if error.absolute_path and error.absolute_path[-1] == "municipality_code":
            return _("kommunkoden ska skrivas inom citattecken, till exempel ”0127”")
        return _("ska vara %(type)s") % {"type": _type_name(str(expected))}
    if kind == "enum":
        allowed = ", ".join(str(option) for option in cast(list[Any], expected))
        return _("”%(value)s” är inte ett tillåtet värde (tillåtna: %(allowed)s)") % {
            "value": value,
            "allowed": allowed,
        }
    if kind == "const":
        return _("ska vara ”%(value)s”") % {"value": expected}
    if kind == "pattern":
        return _pattern_message(str(expected))
    if kind == "minLength":
        return _("får inte vara tom")
    if kind == "maxLength":
        return _("får vara högst %(limit)s tecken") % {"limit": expected}
    if kind == "minimum":
        return _("ska vara minst %(limit)s") % {"limit": expected}
    if kind == "maximum":
        return _("får vara högst %(limit)s") % {"limit": expected}
    return _("ogiltigt värde")


def schema_errors(data: Any) -> list[str]:
    """Every way `data` breaks the plan file schema, as ``place: message`` lines."""
    lines: list[str] = []
    for error in _validator().iter_errors(data):
        place = format_path(error.absolute_path) or _("filen")
        line = f"{place}: {_message(error)}"
        if line not in lines:
            lines.append(line)
    return lines
