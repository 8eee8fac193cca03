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

from bench.harness import measure, write_report  # noqa: E402
from bench.scenarios import big_plan, coordinator_of  # noqa: E402
from handlingskraft.followup.models import FollowUpRound  # noqa: E402
from handlingskraft.followup.services import RoundInput, round_open  # noqa: E402


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
    engine = django.db.connection.vendor
    print(
        write_report(results, ROOT / "bench" / "results", f"Handlingskraft – mätningar ({engine})")
    )


if __name__ == "__main__":
    main()
