from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handlingskraft.transfer import fileformat
from handlingskraft.transfer.errors import TransferError
from handlingskraft.transfer.importing import import_organization


class Command(BaseCommand):
    help = (
        "Läser in en organisation som export_organization har exporterat. Allt läses in "
        "i en transaktion: vid minsta fel skrivs ingenting. Användare matchas på "
        "användarnamn och e-postadress. Se docs/deploy.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="filen från export_organization")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="gör hela inläsningen och ångra den sedan: visar om filen går att läsa in",
        )

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        try:
            result = import_organization(fileformat.read(file), dry_run=dry_run)
        except TransferError as error:
            raise CommandError(str(error)) from error
        rows = sum(result.counts.values())
        verb = "Skulle läsa in" if dry_run else "Läste in"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.organization}: {rows} rader, "
                f"{len(result.created_users)} nya och {len(result.reused_users)} befintliga "
                "användare."
            )
        )
        if result.reused_users:
            self.stdout.write(
                "Befintliga användare (samma användarnamn och e-post): "
                + ", ".join(result.reused_users)
            )
        for note in result.notes:
            self.stdout.write(f"Obs! Migreringarna skiljer sig: {note}")
        if dry_run:
            self.stdout.write("Ingenting sparades (--dry-run).")
