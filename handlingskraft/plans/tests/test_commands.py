"""The import_plan and export_plan management commands."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from handlingskraft.plans.models import Plan

from .test_planfile import VALID, as_text

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_plan_reads_a_valid_file(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_plan", str(write(tmp_path, as_text(VALID))), stdout=out)
    assert Plan.objects.get().title == "Handlingsplan mot våld"
    assert "Läste in ”Handlingsplan mot våld” (Testkommun)." in out.getvalue()


def test_import_plan_lists_every_error_and_writes_nothing(tmp_path: Path) -> None:
    text = as_text(VALID).replace("lead: Socialnämnden", "lead: Skolan")
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(write(tmp_path, text)))
    assert "(1 fel)" in str(caught.value)
    assert "goals[1].activities[1].lead: ”Skolan” är inte en av de ansvariga" in str(caught.value)
    assert not Plan.objects.exists()


def test_import_plan_explains_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Kunde inte läsa"):
        call_command("import_plan", str(tmp_path / "saknas.yaml"))


def test_export_plan_writes_the_plan_to_a_file(tmp_path: Path) -> None:
    call_command("import_plan", str(write(tmp_path, as_text(VALID))))
    target = tmp_path / "export.yaml"
    call_command("export_plan", "testkommun", "handlingsplan", output=target, stderr=StringIO())
    exported = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert exported["title"] == VALID["title"]
    assert exported["goals"][0]["activities"][0]["lead"] == "Socialnämnden"


def test_export_plan_prints_to_standard_output(tmp_path: Path) -> None:
    call_command("import_plan", str(write(tmp_path, as_text(VALID))))
    out = StringIO()
    call_command("export_plan", "testkommun", "handlingsplan", stdout=out)
    assert out.getvalue().startswith("format: handlingskraft-plan/1\n")


def test_export_plan_names_an_unknown_plan() -> None:
    with pytest.raises(CommandError, match="Det finns ingen plan ”saknas” hos"):
        call_command("export_plan", "testkommun", "saknas")
