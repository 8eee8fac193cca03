"""Measure values in Kolada's data format (API v3): importing files, and
exporting our values in the same shape.

A file looks like what https://api.kolada.se/v3/data/kpi/<kpi>/municipality/<code>
answers::

    {"count": 1, "values": [{"kpi": "N00945", "municipality": "0127", "period": 2022,
      "values": [{"gender": "T", "count": 1, "status": "", "value": 12.3,
                  "isdeleted": false}]}], "next_url": null}

Rows are matched to measures by the measure's Kolada id (`kolada_kpi`) and to
the organisation by its municipality code. Kolada revises values: a value that
differs from the current one is appended as a new value (with the import
date); an unchanged value is not stored again. The whole file is checked
before anything is written, and the writing is one transaction."""

from __future__ import annotations

import datetime
import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure
from handlingskraft.plans.periods import Period
from handlingskraft.plans.planfile.errors import format_path

from .models import Gender, MeasureValue, ValueSource
from .queries import ValueKey, current_measures, latest_values

API = "https://api.kolada.se/v3"
MISSING_SHOWN = 10


class KoladaFileError(Exception):
    """The file is not in Kolada's format; `errors` names each problem's place."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class KoladaRow:
    kpi: str
    municipality: str
    year: int
    gender: str
    value: Decimal | None
    is_deleted: bool


# --- reading a file ----------------------------------------------------------------


def _load(text: str | bytes) -> Any:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise KoladaFileError([_("Filen är inte kodad i UTF-8.")]) from error
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise KoladaFileError(
            [
                _("Filen är inte giltig JSON (rad %(line)s): %(problem)s.")
                % {"line": error.lineno, "problem": error.msg}
            ]
        ) from error


def _entry_errors(entry: Any, path: tuple[str | int, ...]) -> list[str]:
    place = format_path(path)
    if not isinstance(entry, dict):
        return [f"{place}: " + _("ska vara en samling fält")]
    errors = []
    if not isinstance(entry.get("kpi"), str) or not entry["kpi"].strip():
        errors.append(f"{place}.kpi: " + _("nyckeltalets id saknas"))
    municipality = entry.get("municipality")
    if not isinstance(municipality, str) or not (len(municipality) == 4 and municipality.isdigit()):
        errors.append(f"{place}.municipality: " + _("ska vara en kommunkod med fyra siffror"))
    period = entry.get("period")
    if isinstance(period, bool) or not isinstance(period, int | str) or not str(period).isdigit():
        errors.append(f"{place}.period: " + _("ska vara ett år, till exempel 2022"))
    if not isinstance(entry.get("values"), list):
        errors.append(f"{place}.values: " + _("ska vara en lista"))
        return errors
    for index, item in enumerate(entry["values"]):
        errors += _value_errors(item, (*path, "values", index))
    return errors


def _value_errors(item: Any, path: tuple[str | int, ...]) -> list[str]:
    place = format_path(path)
    if not isinstance(item, dict):
        return [f"{place}: " + _("ska vara en samling fält")]
    errors = []
    if item.get("gender") not in Gender.values:
        errors.append(f"{place}.gender: " + _("ska vara T, K eller M"))
    value = item.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | Decimal)):
        errors.append(f"{place}.value: " + _("ska vara ett tal eller null"))
    if not isinstance(item.get("isdeleted", False), bool):
        errors.append(f"{place}.isdeleted: " + _("ska vara true eller false"))
    return errors


def parse_kolada(text: str | bytes) -> list[KoladaRow]:
    """The rows of a Kolada data file, one per value; KoladaFileError lists
    every problem with the file's shape."""
    data = _load(text)
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise KoladaFileError(
            [_("Filen har inte Kolada-formatet: en samling fält med listan ”values” saknas.")]
        )
    errors = []
    for index, entry in enumerate(data["values"]):
        errors += _entry_errors(entry, ("values", index))
    if errors:
        raise KoladaFileError(errors)
    return [
        KoladaRow(
            kpi=entry["kpi"].strip(),
            municipality=entry["municipality"],
            year=int(entry["period"]),
            gender=item["gender"],
            value=None if item.get("value") is None else Decimal(item["value"]),
            is_deleted=item.get("isdeleted", False),
        )
        for entry in data["values"]
        for item in entry["values"]
    ]


# --- importing -------------------------------------------------------------------


@dataclass
class KoladaReport:
    """What an import did, for the page and the command."""

    imported: int = 0
    unchanged: int = 0
    deleted: int = 0
    missing: list[str] = field(default_factory=list)
    unknown_kpis: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(KPI, organisation name) → values skipped."""
    unknown_municipalities: Counter[str] = field(default_factory=Counter)
    other_municipalities: Counter[str] = field(default_factory=Counter)
    measures: set[int] = field(default_factory=set)

    def messages(self) -> list[str]:
        """The report in Swedish, one sentence per line, the result first."""
        lines = [
            ngettext(
                "%(count)s värde importerades",
                "%(count)s värden importerades",
                self.imported,
            )
            % {"count": self.imported}
            + ngettext(" till %(n)s mått.", " till %(n)s mått.", len(self.measures))
            % {"n": len(self.measures)}
        ]
        if self.unchanged:
            lines.append(
                ngettext(
                    "%(count)s värde var oförändrat och sparades inte igen.",
                    "%(count)s värden var oförändrade och sparades inte igen.",
                    self.unchanged,
                )
                % {"count": self.unchanged}
            )
        if self.deleted:
            lines.append(
                ngettext(
                    "%(count)s rad var markerad som borttagen i Kolada och hoppades över.",
                    "%(count)s rader var markerade som borttagna i Kolada och hoppades över.",
                    self.deleted,
                )
                % {"count": self.deleted}
            )
        if self.missing:
            shown = ", ".join(self.missing[:MISSING_SHOWN])
            more = len(self.missing) - MISSING_SHOWN
            if more > 0:
                shown += " " + _("och %(count)s till") % {"count": more}
            lines.append(
                ngettext(
                    "%(count)s värde saknas (null) och hoppades över: %(rows)s.",
                    "%(count)s värden saknas (null) och hoppades över: %(rows)s.",
                    len(self.missing),
                )
                % {"count": len(self.missing), "rows": shown}
            )
        for (kpi, name), count in sorted(self.unknown_kpis.items()):
            lines.append(
                _(
                    "Nyckeltalet %(kpi)s är inte kopplat till något mått hos %(organization)s: "
                    "%(count)s värden hoppades över. Ange id:t under ”Nyckeltal i Kolada” på "
                    "måttet och importera filen igen."
                )
                % {"kpi": kpi, "organization": name, "count": count}
            )
        for code, count in sorted(self.unknown_municipalities.items()):
            lines.append(
                _(
                    "Kommunkoden %(code)s finns inte i Handlingskraft: "
                    "%(count)s värden hoppades över."
                )
                % {"code": code, "count": count}
            )
        for code, count in sorted(self.other_municipalities.items()):
            lines.append(
                _(
                    "Kommunkoden %(code)s gäller en annan organisation än din: %(count)s värden "
                    "hoppades över."
                )
                % {"code": code, "count": count}
            )
        return lines


def _describe(row: KoladaRow) -> str:
    return f"{row.kpi} {row.municipality} {row.year} {row.gender}"


class _Matcher:
    """Organisations by municipality code and their measures by Kolada id,
    each looked up once."""

    def __init__(self) -> None:
        self.organizations: dict[str, Organization | None] = {}
        self.measures: dict[tuple[int, str], list[Measure]] = {}

    def organization(self, code: str) -> Organization | None:
        if code not in self.organizations:
            self.organizations[code] = Organization.objects.filter(municipality_code=code).first()
        return self.organizations[code]

    def measures_for(self, organization: Organization, kpi: str) -> list[Measure]:
        key = (organization.pk, kpi)
        if key not in self.measures:
            self.measures[key] = list(
                current_measures(organization)
                .filter(kolada_kpi=kpi)
                .select_related("plan")
                .order_by("pk")
            )
        return self.measures[key]


def _matched(
    rows: list[KoladaRow], report: KoladaReport, only: Organization | None
) -> list[tuple[Measure, KoladaRow]]:
    """Each usable row with each measure it belongs to; the rest counted in `report`."""
    matcher = _Matcher()
    pairs = []
    for row in rows:
        if row.is_deleted:
            report.deleted += 1
            continue
        if only is not None and row.municipality != only.municipality_code:
            report.other_municipalities[row.municipality] += 1
            continue
        organization = matcher.organization(row.municipality)
        if organization is None:
            report.unknown_municipalities[row.municipality] += 1
            continue
        if row.value is None:
            report.missing.append(_describe(row))
            continue
        measures = matcher.measures_for(organization, row.kpi)
        if not measures:
            report.unknown_kpis[(row.kpi, organization.name)] += 1
            continue
        pairs += [(measure, row) for measure in measures]
    return pairs


def kolada_import(
    *,
    text: str | bytes,
    user: User | None,
    organization: Organization | None = None,
    today: datetime.date | None = None,
) -> KoladaReport:
    """Import a Kolada data file. With `organization` (an upload in the web
    pages) only that organisation's rows are used; without it (the command)
    each row goes to the organisation with its municipality code. Raises
    KoladaFileError, writing nothing, if the file is not in the format."""
    rows = parse_kolada(text)
    today = today or timezone.localdate()
    report = KoladaReport()
    with transaction.atomic():
        pairs = _matched(rows, report, organization)
        lineages = {measure.lineage for measure, _row in pairs}
        existing = MeasureValue.objects.filter(measure__lineage__in=lineages).select_related(
            "measure"
        )
        current: dict[uuid.UUID, dict[ValueKey, MeasureValue]] = defaultdict(dict)
        for lineage, values in _by_lineage(existing).items():
            current[lineage] = latest_values(values)
        new = []
        for measure, row in pairs:
            assert row.value is not None  # rows without a value were left out
            known = current[measure.lineage].get((Period(row.year), row.gender))
            if known is not None and known.value == row.value:
                report.unchanged += 1
                continue
            new.append(
                MeasureValue(
                    measure=measure,
                    year=row.year,
                    gender=row.gender,
                    value=row.value,
                    source=ValueSource.KOLADA,
                    imported_on=today,
                    entered_by=user,
                )
            )
            report.measures.add(measure.pk)
        bulk_create_with_history(new, MeasureValue, batch_size=500, default_user=user)
        report.imported = len(new)
    return report


def _by_lineage(values: Iterable[MeasureValue]) -> dict[uuid.UUID, list[MeasureValue]]:
    grouped: dict[uuid.UUID, list[MeasureValue]] = defaultdict(list)
    for value in values:
        grouped[value.measure.lineage].append(value)
    return grouped


# --- exporting -------------------------------------------------------------------


def _json_number(value: Decimal) -> int | float:
    normalized = value.normalize()
    return int(normalized) if normalized == normalized.to_integral_value() else float(normalized)


def kolada_export(*, organization: Organization, kpi: str | None = None) -> dict[str, Any]:
    """The organisation's current yearly values of measures linked to Kolada
    (all, or one KPI), in Kolada's data format. Tertial values have no place
    in that format and are left out. Where two measures share a KPI, the value
    entered last wins."""
    measures = current_measures(organization).exclude(kolada_kpi="")
    if kpi:
        measures = measures.filter(kolada_kpi=kpi)
    kpi_of = {measure.lineage: measure.kolada_kpi for measure in measures}
    values = MeasureValue.objects.filter(
        measure__lineage__in=kpi_of, measure__plan__organization=organization, tertial=0
    ).select_related("measure")
    chosen: dict[tuple[str, int, str], MeasureValue] = {}
    for lineage, rows in _by_lineage(values).items():
        for value in latest_values(rows).values():
            key = (kpi_of[lineage], value.year, value.gender)
            if key not in chosen or value.pk > chosen[key].pk:
                chosen[key] = value
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    order = {gender: index for index, gender in enumerate(Gender.values)}
    for (kpi_id, year, gender), value in sorted(
        chosen.items(), key=lambda item: (item[0][0], item[0][1], order[item[0][2]])
    ):
        grouped[(kpi_id, year)].append(
            {
                "gender": gender,
                "count": 1,
                "status": "",
                "value": _json_number(value.value),
                "isdeleted": False,
            }
        )
    entries = [
        {
            "kpi": kpi_id,
            "municipality": organization.municipality_code,
            "period": year,
            "values": items,
        }
        for (kpi_id, year), items in grouped.items()
    ]
    return {"count": len(entries), "values": entries, "next_url": None}


def kolada_url(kpi: str, municipality: str, years: list[int] | None = None) -> str:
    """The address of Kolada's API for one KPI and municipality (and years)."""
    url = f"{API}/data/kpi/{kpi}/municipality/{municipality}"
    if years:
        url += "/year/" + ",".join(str(year) for year in sorted(years))
    return url
