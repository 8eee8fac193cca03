"""Import measure values from a file in Kolada's data format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from handlingskraft.indicators.kolada import KoladaFileError, kolada_import


class Command(BaseCommand):
    help = (
        "Importerar värden från en fil i Koladas dataformat (API v3). Raderna kopplas till "
        "organisationen med samma kommunkod och till mått med samma nyckeltals-id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON-filen från Kolada")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Filen {path} kunde inte läsas: {error.strerror}.") from error
        try:
            report = kolada_import(text=text, user=None)
        except KoladaFileError as error:
            raise CommandError("Inget importerades.\n" + "\n".join(error.errors)) from error
        for line in report.messages():
            self.stdout.write(line)
