"""Text typed into the system never runs as a formula in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from handlingskraft.conftest import World

FORMULA = '=HYPERLINK("http://example.invalid","Klicka")'


def _url(world: World, kind: str, query: str = "") -> str:
    kwargs = {"org_slug": world.organization.slug, "plan_slug": world.plan.slug, "kind": kind}
    return reverse("exports:plan_activities", kwargs=kwargs) + query


def test_an_activity_starting_with_equals_is_text_in_the_xlsx(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.activity.description = FORMULA
    world.activity.save()
    content = client_as("reader").get(_url(world, "xlsx")).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cell = sheet["C2"]
    assert cell.data_type == "s" and cell.value == FORMULA
    assert cell.quotePrefix
    assert b"<f>" not in content  # no formula anywhere in the workbook


def test_an_activity_starting_with_equals_is_neutralised_in_the_csv(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.activity.description = FORMULA
    world.activity.partner_note = "@SUM(1+1)"
    world.activity.save()
    for query, delimiter in (("", ","), ("?avgransare=semikolon", ";")):
        text = client_as("reader").get(_url(world, "csv", query)).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows[0][2] == "Aktivitet"
        assert rows[1][2] == "'" + FORMULA
        assert rows[1][11] == "'@SUM(1+1)"
