"""Tables and exports: the coordinator sees counts as reported, everyone else
and every export sees them after disclosure control."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.test import Client

from handlingskraft.conftest import World
from handlingskraft.datacollection.models import DataSet, StatisticsSettings
from handlingskraft.plans.periods import Period

from .conftest import approve, elements
from .pages import url

pytestmark = pytest.mark.django_db


def first_table_cells(response) -> list[str]:
    table = response.context["tables"][0].table
    return [cell.text for cells, _total in table.rows for cell in cells]


def test_the_coordinator_sees_raw_values_and_others_see_them_protected(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    approve(data_set, world.social, world.users["coordinator"], girls=3, boys=12)
    tables = url("tables", data_set)
    raw = client_as("coordinator").get(tables)
    assert first_table_cells(raw) == ["3", "12", "0"]
    for persona in ("reader", "working_group_member"):
        protected = client_as(persona).get(tables)
        # With the total 15 published, a shown 12 would give the 3 away.
        assert first_table_cells(protected) == ["<5", "..", "0"]
        assert protected.context["tables"][0].table.total.text == "15"
        html = protected.content.decode()
        assert "färre än 5" in html and ">3<" not in html
    as_others = client_as("coordinator").get(tables + "?visa=skyddad")
    assert first_table_cells(as_others) == ["<5", "..", "0"]


def test_the_tables_use_the_organisations_threshold(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    StatisticsSettings.objects.create(organization=world.organization, disclosure_threshold=3)
    approve(data_set, world.social, world.users["coordinator"], girls=3, boys=12)
    assert first_table_cells(client_as("reader").get(url("tables", data_set))) == ["3", "12", "0"]


def test_a_period_is_chosen_among_those_with_approved_reports(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, Period(2024), girls=7, boys=0)
    approve(data_set, world.social, coordinator, girls=8, boys=0)
    client = client_as("reader")
    assert client.get(url("tables", data_set)).context["period"] == Period(2025)
    chosen = client.get(url("tables", data_set) + "?period=2024")
    assert chosen.context["period"] == Period(2024)
    assert first_table_cells(chosen)[0] == "7"


def test_the_export_for_the_national_team_is_protected_even_for_the_coordinator(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, Period(2024), girls=6, boys=7)
    approve(data_set, world.social, coordinator, girls=2, boys=9)
    abroad, _staff = elements(data_set)
    response = client_as("coordinator").get(url("element_export", data_set, element_id=abroad.pk))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert rows == [
        [
            "Period",
            "Aktör",
            "Flickor och kvinnor",
            "Pojkar och män",
            "Kön okänt eller annat",
            "Totalt",
        ],
        ["2024", "Socialnämnden", "6", "7", "0", "13"],
        ["2025", "Socialnämnden", "<5", "..", "0", "11"],
    ]


def test_the_export_guards_against_spreadsheet_formulas(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    world.social.name = '=HYPERLINK("http://example.com")'
    world.social.save()
    approve(data_set, world.social, world.users["coordinator"], girls=6, boys=7)
    abroad, _staff = elements(data_set)
    response = client_as("reader").get(url("element_export", data_set, element_id=abroad.pk))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:]), delimiter=";"))
    assert rows[1][1] == '\'=HYPERLINK("http://example.com")'


def test_several_actors_get_a_totals_row_and_protect_each_other(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    coordinator = world.users["coordinator"]
    approve(data_set, world.social, coordinator, trained=4)
    approve(data_set, world.school, coordinator, trained=30)
    _abroad, staff = elements(data_set)
    response = client_as("reader").get(url("element_export", data_set, element_id=staff.pk))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:]), delimiter=";"))
    # Utbildningsnämnden knows its 30: the total 34 would give Socialnämnden's 4 away.
    assert rows == [
        ["Period", "Aktör", "Antal"],
        ["2025", "Socialnämnden", "<5"],
        ["2025", "Utbildningsnämnden", ".."],
        ["2025", "Samtliga", ".."],
    ]
