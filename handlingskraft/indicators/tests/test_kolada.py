"""Kolada files: import (matched by KPI and municipality code, revisions
appended, problems reported in Swedish, nothing half-written) and export in
the same shape."""

from __future__ import annotations

import datetime
import json
import urllib.error
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from handlingskraft.conftest import World, make_actor, make_organization, make_plan, make_user
from handlingskraft.indicators.kolada import (
    KoladaFileError,
    kolada_export,
    kolada_import,
    kolada_url,
)
from handlingskraft.indicators.management.commands import fetch_kolada
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure
from handlingskraft.plans.versions import plan_revise

from .conftest import enter

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
REAL = FILES / "kolada-N00945-0127.json"
PROBLEMS = FILES / "kolada-med-problem.json"
DAY = datetime.date(2025, 3, 1)


def linked_organization(name: str, slug: str, code: str, kpi: str = "") -> Measure:
    """An organisation with a plan whose one measure is linked to `kpi`."""
    organization = make_organization(name, slug, code)
    plan = make_plan(organization, slug="plan", actors=[make_actor(organization, "Socialnämnden")])
    measure = plan.measures.get()
    measure.kolada_kpi = kpi
    measure.save()
    return measure


@pytest.fixture
def botkyrka(db: None) -> Measure:
    return linked_organization("Botkyrka kommun", "botkyrka", "0127", "N00945")


@pytest.fixture
def haninge(db: None) -> Measure:
    return linked_organization("Haninge kommun", "haninge", "0136")


def facts(data: dict[str, Any]) -> set[tuple[str, str, int, str, float]]:
    """The values of a file in Kolada's format, whatever their order."""
    return {
        (entry["kpi"], entry["municipality"], entry["period"], item["gender"], float(item["value"]))
        for entry in data["values"]
        for item in entry["values"]
        if item["value"] is not None and not item["isdeleted"]
    }


def test_a_real_shaped_file_imports_and_exports_again_as_the_same_values(botkyrka: Measure):
    report = kolada_import(text=REAL.read_bytes(), user=None, today=DAY)
    assert report.messages() == ["13 värden importerades till 1 mått."]
    values = MeasureValue.objects.filter(measure=botkyrka)
    assert {(v.source, v.imported_on) for v in values} == {(ValueSource.KOLADA, DAY)}
    exported = kolada_export(organization=botkyrka.plan.organization)
    assert facts(exported) == facts(json.loads(REAL.read_text()))
    assert exported["count"] == 5 and exported["next_url"] is None
    assert exported["values"][0]["values"] == [
        {"gender": "T", "count": 1, "status": "", "value": 29.5, "isdeleted": False},
        {"gender": "K", "count": 1, "status": "", "value": 31.2, "isdeleted": False},
        {"gender": "M", "count": 1, "status": "", "value": 27.9, "isdeleted": False},
    ]
    again = kolada_import(text=json.dumps(exported), user=None, today=DAY)
    assert (again.imported, again.unchanged) == (0, 13)


def test_a_revised_value_is_appended_with_the_new_import_date_and_the_old_one_kept(
    botkyrka: Measure,
):
    kolada_import(text=REAL.read_bytes(), user=None, today=DAY)
    revised = json.loads(REAL.read_text())
    revised["values"][4]["values"][0]["value"] = 34.6
    later = datetime.date(2025, 9, 1)
    report = kolada_import(text=json.dumps(revised), user=None, today=later)
    assert (report.imported, report.unchanged) == (1, 12)
    rows = MeasureValue.objects.filter(measure=botkyrka, year=2023).order_by("pk")
    assert [(str(r.value), r.imported_on) for r in rows] == [
        ("34.0000", DAY),
        ("34.6000", later),
    ]
    assert (
        kolada_export(organization=botkyrka.plan.organization)["values"][4]["values"][0]["value"]
        == 34.6
    )


def test_deleted_rows_null_values_unknown_kpis_and_municipalities_are_reported_in_swedish(
    botkyrka: Measure, haninge: Measure
):
    report = kolada_import(text=PROBLEMS.read_bytes(), user=None, today=DAY)
    assert report.messages() == [
        "1 värde importerades till 1 mått.",
        "1 rad var markerad som borttagen i Kolada och hoppades över.",
        "2 värden saknas (null) och hoppades över: N00945 0127 2022 K, N00945 0127 2022 M.",
        "Nyckeltalet N00945 är inte kopplat till något mått hos Haninge kommun: 1 värden "
        "hoppades över. Ange id:t under ”Nyckeltal i Kolada” på måttet och importera filen "
        "igen.",
        "Nyckeltalet U21468 är inte kopplat till något mått hos Botkyrka kommun: 2 värden "
        "hoppades över. Ange id:t under ”Nyckeltal i Kolada” på måttet och importera filen "
        "igen.",
        "Kommunkoden 1880 finns inte i Handlingskraft: 1 värden hoppades över.",
    ]
    assert [str(v.value) for v in MeasureValue.objects.all()] == ["33.3000"]


def test_an_upload_in_the_pages_uses_only_the_organisations_own_rows(
    botkyrka: Measure, haninge: Measure
):
    haninge.kolada_kpi = "N00945"
    haninge.save()
    organization = botkyrka.plan.organization
    report = kolada_import(
        text=PROBLEMS.read_bytes(), user=None, organization=organization, today=DAY
    )
    assert report.imported == 1
    assert not MeasureValue.objects.filter(measure=haninge).exists()
    # Whether another municipality uses Handlingskraft is not told.
    assert report.messages()[-2:] == [
        "Kommunkoden 0136 gäller en annan organisation än din: 1 värden hoppades över.",
        "Kommunkoden 1880 gäller en annan organisation än din: 1 värden hoppades över.",
    ]


def test_a_file_not_in_the_format_names_each_problem_and_writes_nothing(botkyrka: Measure):
    data = json.loads(REAL.read_text())
    data["values"][1]["period"] = "tjugotjugo"
    data["values"][2]["values"][0]["gender"] = "X"
    data["values"][3]["values"][1]["value"] = "31,0"
    with pytest.raises(KoladaFileError) as caught:
        kolada_import(text=json.dumps(data), user=None, today=DAY)
    assert caught.value.errors == [
        "values[2].period: ska vara ett år, till exempel 2022",
        "values[3].values[1].gender: ska vara T, K eller M",
        "values[4].values[2].value: ska vara ett tal eller null",
    ]
    assert not MeasureValue.objects.exists()


def test_a_file_that_is_no_json_is_refused_with_its_line() -> None:
    with pytest.raises(KoladaFileError) as caught:
        kolada_import(text='{"values": [\n  {"kpi": }\n]}', user=None, today=DAY)
    assert caught.value.errors == ["Filen är inte giltig JSON (rad 2): Expecting value."]
    with pytest.raises(KoladaFileError) as caught:
        kolada_import(text='{"count": 0}', user=None, today=DAY)
    assert caught.value.errors[0].startswith("Filen har inte Kolada-formatet")


def test_values_go_to_the_plans_current_version_and_follow_the_measure_across_versions(
    botkyrka: Measure,
):
    revision = plan_revise(plan=botkyrka.plan, user=make_user("samordnare-b"))
    kolada_import(text=REAL.read_bytes(), user=None, today=DAY)
    assert not MeasureValue.objects.filter(measure=botkyrka).exists()
    assert MeasureValue.objects.filter(measure__plan=revision).count() == 13
    assert MeasureValue.objects.of_measure(botkyrka).count() == 13


def test_the_export_holds_yearly_values_only_and_can_be_limited_to_one_kpi(world: World):
    measure = world.measure
    measure.kolada_kpi = "N00945"
    measure.save()
    coordinator = world.users["coordinator"]
    enter(measure, coordinator, "2024", "12.5")
    enter(measure, coordinator, "2025T1", "13")
    enter(measure, coordinator, "2024", "12.75")
    data = kolada_export(organization=world.organization, kpi="N00945")
    assert data["values"] == [
        {
            "kpi": "N00945",
            "municipality": "9901",
            "period": 2024,
            "values": [
                {"gender": "T", "count": 1, "status": "", "value": 12.75, "isdeleted": False}
            ],
        }
    ]
    assert kolada_export(organization=world.organization, kpi="U00001")["values"] == []


def test_the_address_of_the_api_names_kpi_municipality_and_years() -> None:
    assert kolada_url("N00945", "0127") == (
        "https://api.kolada.se/v3/data/kpi/N00945/municipality/0127"
    )
    assert kolada_url("N00945", "0127", [2023, 2022]) == (
        "https://api.kolada.se/v3/data/kpi/N00945/municipality/0127/year/2022,2023"
    )


def test_the_import_command_reads_a_file_and_prints_the_report(botkyrka: Measure):
    out = StringIO()
    call_command("import_kolada", str(REAL), stdout=out)
    assert out.getvalue() == "13 värden importerades till 1 mått.\n"
    with pytest.raises(CommandError, match="kunde inte läsas"):
        call_command("import_kolada", str(FILES / "finns-inte.json"))


def test_the_fetch_command_follows_the_pages_and_imports_them(
    botkyrka: Measure, monkeypatch: pytest.MonkeyPatch
):
    data = json.loads(REAL.read_text())
    second = "https://api.kolada.se/v3/data/kpi/N00945/municipality/0127/year/2023?page=2"
    pages = {
        "https://api.kolada.se/v3/data/kpi/N00945/municipality/0127/year/2022,2023": {
            "values": data["values"][3:4],
            "next_url": second,
        },
        second: {"values": data["values"][4:], "next_url": None},
    }
    asked = []

    def fake_fetch(url: str) -> Any:
        asked.append(url)
        return pages[url]

    monkeypatch.setattr(fetch_kolada, "fetch_json", fake_fetch)
    out = StringIO()
    call_command("fetch_kolada", kpi="N00945", municipality="0127", year=[2023, 2022], stdout=out)
    assert asked == [*pages]
    assert out.getvalue().splitlines()[-1] == "4 värden importerades till 1 mått."


def test_the_fetch_command_explains_when_kolada_cannot_be_reached(
    db: None, monkeypatch: pytest.MonkeyPatch
):
    def unreachable(url: str) -> Any:
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(fetch_kolada, "fetch_json", unreachable)
    with pytest.raises(CommandError, match="Kunde inte hämta från Kolada"):
        call_command("fetch_kolada", kpi="N00945", municipality="0127")
    assert Organization.objects.count() == 0
