import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from handlingskraft.followup.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Skickar påminnelser till rapportörer med rapporter kvar: några dagar före sista dag "
        "och när den passerat. Körs dagligen (cron eller systemd-timer); samma påminnelse "
        "skickas aldrig två gånger."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days-before", type=int, default=3, help="antal dagar före sista dag (3)"
        )
        parser.add_argument("--today", help="dagens datum ÅÅÅÅ-MM-DD (för test och omkörning)")

    def handle(self, *args: Any, days_before: int, today: str | None, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ogiltigt datum: {today}") from error
        sent = reminders_send(today=day, days_before=days_before)
        self.stdout.write(f"Skickade {sent} påminnelser.")
