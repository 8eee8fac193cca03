from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handlingskraft.organizations.models import Organization
from handlingskraft.transfer import fileformat
from handlingskraft.transfer.errors import TransferError
from handlingskraft.transfer.exporting import export_organization


class Command(BaseCommand):
    help = (
        "Exporterar en organisations alla uppgifter (planer, uppföljningar, värden, "
        "utbildningar, historik, användare) till en fil som import_organization läser in "
        "på en annan instans. Filen innehåller lösenordshashar: hantera den som en "
        "säkerhetskopia. Se docs/deploy.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug", help="organisationens kortnamn, till exempel botkyrka")
        parser.add_argument(
            "--output", type=Path, required=True, help="filen att skriva (.json eller .json.gz)"
        )

    def handle(self, *args: Any, slug: str, output: Path, **options: Any) -> None:
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise CommandError(f"Det finns ingen organisation med kortnamnet ”{slug}”.")
        try:
            document = export_organization(organization)
            fileformat.write(document, output)
        except TransferError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error}") from error
        rows = sum(len(section["rows"]) for section in document["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exporterade {organization}: {rows} rader i {len(document['models'])} "
                f"tabeller och {len(document['users'])} användare till {output}."
            )
        )
        if options["verbosity"] > 1:
            for section in document["models"]:
                if section["rows"]:
                    self.stdout.write(f"  {section['model']:45} {len(section['rows']):>8}")
