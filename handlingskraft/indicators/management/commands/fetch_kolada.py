"""Fetch one KPI for one municipality from Kolada's API and import it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from handlingskraft.indicators.kolada import API, KoladaFileError, kolada_import, kolada_url

TIMEOUT_SECONDS = 30
MAX_PAGES = 50


def fetch_json(url: str) -> Any:
    """One page from Kolada's API (the only network access in the app)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        return json.load(response)


def fetch_all(url: str) -> dict[str, Any]:
    """Every page of an answer, following `next_url` (only within Kolada's
    API), merged into one."""
    values: list[Any] = []
    for _page in range(MAX_PAGES):
        data = fetch_json(url)
        values += data.get("values", [])
        url = data.get("next_url") or ""
        if not url.startswith(f"{API}/"):
            break
    return {"count": len(values), "values": values, "next_url": None}


class Command(BaseCommand):
    help = "Hämtar ett nyckeltal för en kommun från Koladas API och importerar värdena."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kpi", required=True, help="nyckeltalets id, till exempel N00945")
        parser.add_argument("--municipality", required=True, help="kommunkoden, till exempel 0127")
        parser.add_argument(
            "--year", type=int, action="append", help="bara det här året (kan upprepas)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        url = kolada_url(options["kpi"], options["municipality"], options["year"])
        self.stdout.write(f"Hämtar {url}")
        try:
            data = fetch_all(url)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise CommandError(
                f"Kunde inte hämta från Kolada ({error}). Kontrollera nätverket, eller hämta "
                "filen på annat sätt och importera den med import_kolada."
            ) from error
        except json.JSONDecodeError as error:
            raise CommandError(f"Kolada svarade inte med JSON: {error.msg}.") from error
        try:
            report = kolada_import(text=json.dumps(data), user=None)
        except KoladaFileError as error:
            raise CommandError("Inget importerades.\n" + "\n".join(error.errors)) from error
        for line in report.messages():
            self.stdout.write(line)
