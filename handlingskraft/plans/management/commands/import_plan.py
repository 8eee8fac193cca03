from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handlingskraft.database_unavailable import UNAVAILABLE
from handlingskraft.plans.planfile import PlanFileError, plan_import


class Command(BaseCommand):
    help = "Läser in en handlingsplan från en planfil (YAML). Inget skrivs om filen har fel."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="planfilen som ska läsas in")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Kunde inte läsa {file}: {error}") from error
        try:
            plan = plan_import(text=text)
        except UNAVAILABLE as error:
            raise CommandError(
                f"{file} lästes inte in: databasen gick inte att nå ({error}). Ingenting "
                "sparades; kör kommandot igen när databasen svarar."
            ) from error
        except PlanFileError as error:
            lines = "\n".join(f"  - {line}" for line in error.errors)
            raise CommandError(
                f"{file} lästes inte in ({len(error.errors)} fel):\n{lines}"
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Läste in ”{plan}” ({plan.organization})."))
