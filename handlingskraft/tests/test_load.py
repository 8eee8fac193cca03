"""Load test (issue 10), shortened: a few users read pages and save reports at
once through gunicorn. Every request succeeds, and every saved report is in
the database exactly once. The full run (50 users, 2 minutes) is
bench/load.py; its last results are in docs/performance.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from handlingskraft.tests.test_worker_kill import database_for_gunicorn

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "bench" / "load.py"

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def test_users_reading_and_saving_at_once_get_no_errors_and_lose_no_report(tmp_path: Path):
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
    assert result["errors"] == result["lost"] == result["duplicated"] == result["unknown"] == 0
    assert result["saves_ok"] > 0
    assert all(result["kinds"][kind]["count"] > 0 for kind in ("public", "api", "round", "goal"))
