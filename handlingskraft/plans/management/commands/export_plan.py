from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handlingskraft.plans.models import Plan
from handlingskraft.plans.planfile import plan_export


class Command(BaseCommand):
    help = "Skriver ut en handlingsplan i planfilsformatet (YAML)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("organization", help="organisationens kortnamn, t.ex. botkyrka")
        parser.add_argument("plan", help="planens kortnamn")
        parser.add_argument("--output", "-o", type=Path, help="fil att skriva till")

    def handle(
        self, *args: Any, organization: str, plan: str, output: Path | None, **options: Any
    ) -> None:
        found = Plan.objects.filter(organization__slug=organization, slug=plan).first()
        if found is None:
            raise CommandError(
                f"Det finns ingen plan ”{plan}” hos organisationen ”{organization}”."
            )
        text = plan_export(plan=found)
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Skrev {output}.")
