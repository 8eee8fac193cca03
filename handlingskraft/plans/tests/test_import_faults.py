"""Fault test for the plan import (issue 10, item 4): the database connection
drops in the middle of importing a plan file. The import is one transaction,
so nothing is half-written wherever it drops; the command says so in Swedish,
and running it again imports the plan."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from handlingskraft.plans.models import Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR
from handlingskraft.tests.faults import connection_lost_at, row_counts, statements_in

pytestmark = pytest.mark.django_db

BOTKYRKA = SEED_PLAN_DIR / "botkyrka.yaml"


def test_a_connection_lost_anywhere_in_a_plan_import_leaves_nothing():
    text = BOTKYRKA.read_text(encoding="utf-8")
    total = statements_in(lambda: plan_import(text=text))
    assert total > 100
    before = row_counts()
    # The first and last statements and a spread between them.
    for statement in sorted({1, 2, *range(5, total, max(1, total // 12)), total}):
        with connection_lost_at(statement), pytest.raises(OperationalError):
            plan_import(text=text)
        assert row_counts() == before, f"statement {statement} of {total}"
    plan_import(text=text)
    assert Plan.objects.filter(organization__slug="botkyrka").count() == 1


def test_the_import_command_says_in_swedish_that_nothing_was_saved(tmp_path: Path):
    before = row_counts()
    with connection_lost_at(40), pytest.raises(CommandError) as failed:
        call_command("import_plan", str(BOTKYRKA), stdout=StringIO())
    assert "databasen gick inte att nå" in str(failed.value)
    assert "Ingenting sparades" in str(failed.value)
    assert row_counts() == before
    call_command("import_plan", str(BOTKYRKA), stdout=StringIO())
    assert Plan.objects.filter(organization__slug="botkyrka").exists()
