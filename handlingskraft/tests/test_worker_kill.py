"""Fault test (issue 10, item 4), shortened: a gunicorn worker is killed with
SIGKILL while reporters read pages and save reports. The other requests
succeed, and every saved report is in the database exactly once. The full
run is bench/faults/kill_worker.py; its last results are in docs/performance.md."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "bench" / "faults" / "kill_worker.py"

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def database_for_gunicorn(directory: Path) -> str:
    """A database the gunicorn workers can open, with the tables in place: the
    test database itself on PostgreSQL, a copy of it in a file on SQLite."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = settings["HOST"] or "127.0.0.1"
        return (
            f"postgres://{settings['USER']}{password}@{host}:{settings['PORT'] or 5432}"
            f"/{settings['NAME']}"
        )
    path = directory / "fel.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    # Several workers write at once: take the write lock at the start of each
    # transaction and wait for it, instead of failing on a busy database.
    return f"sqlite:///{path}?transaction_mode=IMMEDIATE&timeout=20"


def test_killing_a_gunicorn_worker_loses_and_duplicates_no_report(tmp_path: Path):
    results = tmp_path / "resultat.json"
    command = [
        sys.executable,
        str(SCRIPT),
        "--quick",
        *("--database-url", database_for_gunicorn(tmp_path)),
        *("--json", str(results)),
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(results.read_text())
    assert len(result["kills"]) == 2
    assert result["lost"] == result["duplicated"] == result["unexpected"] == 0
    assert result["failed_other"] == 0
    assert result["saves_ok"] > 0 and result["reads_ok"] > 0
