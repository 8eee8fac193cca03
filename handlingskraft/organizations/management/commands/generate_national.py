import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bench.national import generate, organizations_at


class Command(BaseCommand):
    help = (
        "Skapar genererade kommuner för mätningar i nationell skala: skala 1 är 290 "
        "kommuner med planer, tio års uppföljningar, måttvärden, statistik och utbildningar. "
        "Kommuner som redan finns hoppas över, så en större skala bygger vidare på en mindre. "
        "Bara för test- och mätdatabaser. Se docs/performance.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="andel av 290 kommuner (standard 1)"
        )

    def handle(self, *args: Any, scale: float, **options: Any) -> None:
        if not 0 < scale <= 10:
            raise CommandError("Skalan ska vara större än 0 och högst 10.")
        wanted = organizations_at(scale)
        self.stdout.write(f"Skapar upp till {wanted} genererade kommuner …")
        started = time.monotonic()
        made, sizes = generate(scale, report=self.stdout.write)
        seconds = time.monotonic() - started
        for name, count in sizes.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"{made} nya kommuner på {seconds:.0f} s ({wanted} begärda).")
        )
