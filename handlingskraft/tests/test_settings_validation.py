"""Settings read from the environment stop the start with a clear message when
a value is wrongly written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check_with(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_number_written_in_words_names_the_variable() -> None:
    result = check_with(SESSION_COOKIE_AGE="en halvtimme")
    assert result.returncode != 0
    assert "SESSION_COOKIE_AGE ska vara ett heltal, inte 'en halvtimme'." in result.stderr


def test_a_correct_number_is_accepted() -> None:
    assert check_with(SESSION_COOKIE_AGE="900").returncode == 0
