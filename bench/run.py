"""`make bench`: the key pages, API lists, reports and round opening, timed on
the server side and counted in SQL queries, on PostgreSQL with generated data
at national scale.

One run:
1. creates a throwaway database (PostgreSQL on 127.0.0.1, or SQLite with
   --sqlite) and generates scale 0.1 (29 municipalities);
2. measures every page there, for the query counts at the small scale;
3. generates the rest up to scale 1 (290 municipalities) and measures again:
   median and p95 of the server-side time (Django's handler, no network), the
   query count, and the ratio to the framework floor, a minimal authenticated
   page (the password form) measured in the same run;
4. measures the reports (DOCX, PDF, XLSX) of a plan with 500 activities and
   10 approved rounds, and opening a round on it.
The table goes to the terminal and to bench/results/ (results.md, results.json)."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.faults.common import DEFAULT_POSTGRES, setup_django, temporary_database  # noqa: E402

FLOOR_TARGET = 3.0
"""Every page within this many times the framework floor."""


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    who: str
    """"coordinator", "reporter", "anonymous" or "token"."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sqlite", action="store_true", help="SQLite i stället för PostgreSQL")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", DEFAULT_POSTGRES))
    parser.add_argument("--scale", type=float, default=1.0, help="den stora skalan (standard 1)")
    parser.add_argument("--small-scale", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=20, help="upprepningar per sida")
    parser.add_argument("--no-reports", action="store_true", help="hoppa över rapporterna")
    args = parser.parse_args()
    # The API's rate limits are for people, not for a benchmark.
    os.environ["API_RATE_TOKEN"] = "1000000/min"
    os.environ["API_RATE_ANONYMOUS"] = "1000000/min"
    os.environ.setdefault("DEBUG", "0")
    # As deployed (deploy/miljo.exempel): each worker keeps its connection.
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    with temporary_database(None if args.sqlite else args.postgres) as url:
        setup_django(url)
        return run(args)


def run(args: argparse.Namespace) -> int:
    import django
    from django.core.management import call_command

    from bench.harness import write_report

    call_command("migrate", verbosity=0)
    engine = django.db.connection.vendor
    print(f"Genererar skala {args.small_scale} …", flush=True)
    call_command("generate_national", scale=args.small_scale)
    analyze()
    pages, clients = scenario()
    small = {m.name: m.queries for m in measure_pages(pages, clients, runs=max(3, args.runs // 4))}
    print(f"Genererar skala {args.scale} …", flush=True)
    call_command("generate_national", scale=args.scale)
    analyze()
    large = measure_pages(pages, clients, runs=args.runs)
    floor = large[0]
    for measurement in large:
        measurement.queries_small = small[measurement.name]
        if measurement is not floor:
            measurement.floor_ratio = round(measurement.median_ms / floor.median_ms, 1)
            measurement.ratio_target = FLOOR_TARGET
    results = list(large)
    if not args.no_reports:
        results += report_and_round_measurements()
    title = (
        f"Handlingskraft – mätningar ({engine}, skala {args.scale:g} mot {args.small_scale:g}, "
        f"{datetime.date.today().isoformat()})"
    )
    print(write_report(results, ROOT / "bench" / "results", title, sizes=sizes()))
    return 0 if all(m.within_targets for m in results) else 1


def analyze() -> None:
    """Fresh planner statistics after the bulk load, as a live database has."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- the pages ---------------------------------------------------------------------------


def scenario() -> tuple[list[Page], dict[str, Any]]:
    """The pages of the largest generated municipality (by activities) among the
    small scale's, and a logged-in client per kind of visitor."""
    from django.db.models import Count
    from django.test import Client

    from handlingskraft.accounts.models import Membership, Role
    from handlingskraft.api.tokens import TokenInput, token_create
    from handlingskraft.followup.models import FollowUpRound, ReportingTask, RoundState
    from handlingskraft.plans.models import Plan
    from handlingskraft.public.models import SharedIndicator

    plan = (
        Plan.objects.filter(organization__slug__startswith="gen-")
        .annotate(size=Count("activities"))
        .order_by("-size", "pk")
        .select_related("organization")
        .first()
    )
    assert plan is not None
    org = plan.organization
    slug = org.slug
    open_round = FollowUpRound.objects.get(plan=plan, state=RoundState.OPEN)
    task = ReportingTask.objects.filter(round=open_round, activity__isnull=False).order_by("pk")[0]
    coordinator = Membership.objects.get(organization=org, role=Role.COORDINATOR).user
    reporter = Membership.objects.get(organization=org, role=Role.REPORTER, actor=task.actor).user
    measure = plan.measures.order_by("pk")[0]
    indicator = SharedIndicator.objects.filter(code__startswith="gen-").order_by("code")[0]
    _token, secret = token_create(
        user=coordinator, data=TokenInput(name="Mätning", organization=org, read_only=True)
    )
    clients: dict[str, Any] = {"anonymous": Client(), "coordinator": Client(), "reporter": Client()}
    clients["coordinator"].force_login(coordinator)
    clients["reporter"].force_login(reporter)
    clients["token"] = Client(headers={"Authorization": f"Bearer {secret}"})
    base = f"/{slug}/"
    plan_url = f"{base}planer/{plan.slug}/"
    round_url = f"{base}uppfoljning/{open_round.pk}/"
    pages = [
        Page("Ramverkets golv: lösenordsformuläret (inloggad)", "/konto/losenord/", "coordinator"),
        Page("Organisationens startsida", base, "coordinator"),
        Page("Planens översikt", plan_url, "coordinator"),
        Page("Aktivitetslistan", plan_url + "aktiviteter/", "coordinator"),
        Page("Omgångens framsteg", round_url, "coordinator"),
        Page("Att rapportera (rapportör)", f"{base}att-rapportera/", "reporter"),
        Page("Rapportsidan för en uppgift", f"{round_url}uppgift/{task.pk}/", "reporter"),
        Page("Måttets sida", f"{base}matt/{measure.pk}/", "coordinator"),
        Page("Offentlig plansida", f"/offentligt/{slug}/planer/{plan.slug}/", "anonymous"),
        Page(
            "Jämförelsesidan (alla kommuner)",
            f"/offentligt/jamforelse/{indicator.code}/",
            "anonymous",
        ),
        Page("API: publicerade planer", "/api/plans", "anonymous"),
        Page("API: publicerade uppföljningar", "/api/rounds", "anonymous"),
        Page("API: omgångar (nyckel)", "/api/internal/rounds", "token"),
        Page(
            "API: uppgifter i öppen omgång (nyckel)",
            f"/api/internal/tasks?round={open_round.pk}",
            "token",
        ),
    ]
    return pages, clients


def measure_pages(pages: list[Page], clients: dict[str, Any], *, runs: int) -> Any:
    from bench.harness import measure

    results = []
    for page in pages:
        client = clients[page.who]
        status = client.get(page.url).status_code
        if status != 200:
            sys.exit(f"{page.url} svarade {status}; mätningen avbryts.")
        results.append(measure(page.name, _getter(client, page.url), runs=runs))
    return results


def _getter(client: Any, url: str) -> Callable[[], object]:
    return lambda: client.get(url)


def sizes() -> dict[str, int]:
    """How many rows the measured database holds of the biggest kinds."""
    from handlingskraft.datacollection.models import DataValue
    from handlingskraft.followup.models import FollowUpRound, ReportingTask, StatusReport
    from handlingskraft.indicators.models import MeasureValue
    from handlingskraft.organizations.models import Organization
    from handlingskraft.plans.models import Activity
    from handlingskraft.training.models import Participation

    return {
        "organisationer": Organization.objects.count(),
        "aktiviteter": Activity.objects.count(),
        "uppföljningsomgångar": FollowUpRound.objects.count(),
        "rapporteringsuppgifter": ReportingTask.objects.count(),
        "statusrapporter": StatusReport.objects.count(),
        "måttvärden": MeasureValue.objects.count(),
        "statistikvärden": DataValue.objects.count(),
        "utbildningsdeltaganden": Participation.objects.count(),
    }


# --- the reports and round opening --------------------------------------------------------


def report_and_round_measurements() -> list[Any]:
    """The Reports issue's targets: a plan with 500 activities (3 actors each)
    and 10 approved rounds; and opening a round on that plan."""
    from django.test import Client

    from bench.harness import measure
    from bench.scenarios import big_plan, coordinator_of, rounds_of_history
    from handlingskraft.followup.models import FollowUpRound
    from handlingskraft.followup.services import RoundInput, round_open

    plan = big_plan(activities=500, actors_per_activity=3)
    coordinator = coordinator_of(plan)
    data = RoundInput(
        kind="annual",
        name="Bänkmätning",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        opens_on=datetime.date(2026, 1, 1),
        deadline=datetime.date(2026, 2, 1),
    )
    opening = measure(
        "Öppna en omgång: 500 aktiviteter × 3 aktörer",
        lambda: round_open(plan=plan, user=coordinator, data=data),
        setup=lambda: FollowUpRound.objects.filter(plan=plan, name="Bänkmätning").delete(),
        runs=5,
        target_ms=2000,
    )
    FollowUpRound.objects.filter(plan=plan, name="Bänkmätning").delete()
    latest = rounds_of_history(plan, coordinator, rounds=10)
    client = Client()
    client.force_login(coordinator)
    base = f"/{latest.organization.slug}/uppfoljning/{latest.pk}/"
    for url in (base + "rapport.docx", base + "rapport.pdf", base + "aktiviteter.xlsx"):
        status = client.get(url).status_code
        if status != 200:
            sys.exit(f"{url} svarade {status}; mätningen avbryts.")
    return [
        opening,
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
            "Aktivitetslistan som XLSX: 500 aktiviteter",
            lambda: client.get(base + "aktiviteter.xlsx"),
            runs=5,
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
