"""`make bench`: speed targets measured on a throwaway database.

Runs against DATABASE_URL if set (use PostgreSQL for figures that mean
something), otherwise a temporary SQLite file. Results: bench/results/."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handlingskraft.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.harness import Measurement, measure, write_report  # noqa: E402
from bench.scenarios import big_plan, coordinator_of, rounds_of_history  # noqa: E402
from handlingskraft.accounts.models import User  # noqa: E402
from handlingskraft.followup.models import FollowUpRound  # noqa: E402
from handlingskraft.followup.services import RoundInput, round_open  # noqa: E402
from handlingskraft.plans.models import Plan  # noqa: E402


def report_measurements(plan: Plan, coordinator: User, client: Client) -> list[Measurement]:
    """The follow-up report of the latest of 10 approved rounds of the big plan."""
    latest = rounds_of_history(plan, coordinator, rounds=10)
    base = f"/{latest.organization.slug}/uppfoljning/{latest.pk}/"
    for url in (base + "rapport.docx", base + "rapport.pdf"):
        status = client.get(url).status_code
        if status != 200:
            sys.exit(f"{url} svarade {status}; mätningen avbryts.")
    return [
        measure(
            "Rapporten som DOCX: 500 aktiviteter, 10 omgångar",
            lambda: client.get(base + "rapport.docx"),
            runs=5,
            target_ms=2000,
        ),
        measure(
            "Rapporten som PDF: 500 aktiviteter, 10 omgångar",
            lambda: client.get(base + "rapport.pdf"),
            runs=3,
            target_ms=5000,
        ),
        measure(
            "Aktivitetslistan som XLSX, 500 aktiviteter",
            lambda: client.get(base + "aktiviteter.xlsx"),
            runs=5,
        ),
    ]


def main() -> None:
    call_command("migrate", verbosity=0)
    plan = big_plan(activities=500, actors_per_activity=3)
    coordinator = coordinator_of(plan)
    client = Client()
    client.force_login(coordinator)
    plan_url = f"/{plan.organization.slug}/planer/{plan.slug}/"
    for url in (plan_url, plan_url + "aktiviteter/"):
        status = client.get(url).status_code
        if status != 200:
            sys.exit(f"{url} svarade {status}; mätningen avbryts.")
    data = RoundInput(
        kind="annual",
        name="Bänkmätning",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        opens_on=datetime.date(2026, 1, 1),
        deadline=datetime.date(2026, 2, 1),
    )
    results = [
        measure(
            "Öppna en omgång: 500 aktiviteter × 3 aktörer",
            lambda: round_open(plan=plan, user=coordinator, data=data),
            setup=lambda: FollowUpRound.objects.filter(plan=plan).delete(),
            runs=5,
            target_ms=2000,
        ),
        measure("Planens översikt, 500 aktiviteter", lambda: client.get(plan_url)),
        measure(
            "Aktivitetslistan, 500 aktiviteter",
            lambda: client.get(plan_url + "aktiviteter/"),
            target_ms=300,
        ),
    ]
    results += report_measurements(plan, coordinator, client)
    engine = django.db.connection.vendor
    print(
        write_report(results, ROOT / "bench" / "results", f"Handlingskraft – mätningar ({engine})")
    )


if __name__ == "__main__":
    main()
