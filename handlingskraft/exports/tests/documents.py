"""Real readers for the generated files: LibreOffice (headless) and poppler.
Without them the document tests are skipped, except where the run demands
them (HANDLINGSKRAFT_REQUIRE_DOCUMENT_TOOLS=1, set by .ci/run): there a
missing tool fails the test instead of hiding it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = ("soffice", "pdftoppm", "pdftotext")
REQUIRED = os.environ.get("HANDLINGSKRAFT_REQUIRE_DOCUMENT_TOOLS") == "1"


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = (
        f"Saknar {', '.join(missing)}: installera libreoffice-writer-nogui, "
        "libreoffice-calc-nogui och poppler-utils (make system-deps)."
    )
    if REQUIRED:
        pytest.fail(message)
    pytest.skip(message)


def pdf_text(pdf: bytes, directory: Path) -> str:
    path = directory / "dokument.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8")


def render_pages(pdf: Path, directory: Path) -> list[Path]:
    """Every page of the PDF as a PNG (pdftoppm fails on a broken file)."""
    prefix = directory / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(prefix)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return sorted(directory.glob(f"{pdf.stem}*.png"))


def convert_to_pdf(document: Path, directory: Path) -> Path:
    """The document converted to PDF by headless LibreOffice, with its own profile."""
    profile = directory / "lo-profil"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(directory),
            str(document),
        ],
        capture_output=True,
        timeout=180,
    )
    converted = directory / f"{document.stem}.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr.decode(errors="replace")
    return converted
