"""Fault test: a gunicorn worker is killed (SIGKILL) while it serves requests.

Starts gunicorn (deploy/gunicorn.conf.py) with several workers against a
throwaway database, lets a number of reporters read pages and save reports
at the same time, kills a worker now and then, and afterwards counts the
reports in the database against the answers the clients got:

- every save answered with a redirect is in the database exactly once;
- no save is there twice, and nothing is there that no client sent;
- a save whose connection died with the worker is there once or not at all
  (the transaction either committed before the kill or was rolled back);
- every other request succeeded.

    .venv/bin/python bench/faults/kill_worker.py                 # PostgreSQL, demo data
    .venv/bin/python bench/faults/kill_worker.py --quick         # ~15 s (the test suite's)
    .venv/bin/python bench/faults/kill_worker.py --database-url sqlite:///…  # an existing DB

Prints a summary (markdown) and, with --json FILE, writes the figures.
Exit status 1 if a check fails."""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.faults.common import (
    DEFAULT_POSTGRES,
    Client,
    Gunicorn,
    Scenario,
    finish,
    form_fields,
    open_round_with_reporters,
    prepare,
    setup_django,
    temporary_database,
)

INTERRUPTED = 0  # the status recorded when the connection died


@dataclass
class Outcome:
    kind: str  # "read" or "save"
    status: int
    marker: str = ""
    error: str = ""
    seconds: float = 0.0


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    kills: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def client_loop(
    port: int, scenario: Scenario, index: int, run_id: str, until: float, run: Run
) -> None:
    """One reporter: reads a page or saves one of its own reports, alternately."""
    reporter = scenario.reporters[index % len(scenario.reporters)]
    client = Client(port, reporter.session)
    rng = random.Random(index)
    n = 0
    while time.monotonic() < until:
        n += 1
        if rng.random() < 0.5:
            _read(client, rng.choice(scenario.read_urls), run)
        else:
            marker = f"[{run_id}:{index}:{n}]"
            _save(client, rng.choice(reporter.task_urls), marker, run)


def _read(client: Client, url: str, run: Run) -> None:
    started = time.monotonic()
    try:
        status = client.get(url).status
        run.add(Outcome("read", status, seconds=time.monotonic() - started))
    except OSError as error:
        run.add(Outcome("read", INTERRUPTED, error=type(error).__name__))
    except Exception as error:  # http.client's RemoteDisconnected and friends
        run.add(Outcome("read", INTERRUPTED, error=type(error).__name__))


def _save(client: Client, url: str, marker: str, run: Run) -> None:
    try:
        page = client.get(url)
    except Exception as error:
        run.add(Outcome("read", INTERRUPTED, error=type(error).__name__))
        return
    if page.status != 200 or "based_on" not in page.body:
        run.add(Outcome("read", page.status))
        return
    form = form_fields(page.body)
    form.update(done=f"Lägesrapport {marker}", next_steps="", obstacles="", evidence_links="")
    form["action"] = "draft"
    started = time.monotonic()
    try:
        status = client.post(url, form).status
        run.add(Outcome("save", status, marker, seconds=time.monotonic() - started))
    except Exception as error:
        run.add(Outcome("save", INTERRUPTED, marker, error=type(error).__name__))


def killer(server: Gunicorn, times: list[float], run: Run) -> None:
    started = time.monotonic()
    for at in times:
        time.sleep(max(0.0, started + at - time.monotonic()))
        workers = server.workers()
        if not workers:
            continue
        victim = random.choice(workers)
        os.kill(victim, signal.SIGKILL)
        run.kills.append({"at_s": round(time.monotonic() - started, 1), "pid": victim})


def check(run: Run, scenario: Scenario, run_id: str) -> dict[str, Any]:
    """Count the reports in the database against the answers."""
    from django.db.models import Count

    from handlingskraft.followup.models import StatusReport

    rows = (
        StatusReport.objects.filter(task__round_id=scenario.round_id, done__contains=run_id)
        .values("done", "is_conflict")
        .annotate(n=Count("pk"))
    )
    in_db: dict[str, list[tuple[bool, int]]] = {}
    for row in rows:
        marker = row["done"].removeprefix("Lägesrapport ")
        in_db.setdefault(marker, []).append((row["is_conflict"], row["n"]))
    saves = [o for o in run.outcomes if o.kind == "save"]
    sent = {o.marker for o in saves}
    copies = {marker: sum(n for _, n in found) for marker, found in in_db.items()}
    saved = [o for o in saves if o.status == 302]
    conflicts = [o for o in saves if o.status == 409]
    interrupted = [o for o in saves if o.status == INTERRUPTED]
    reads = [o for o in run.outcomes if o.kind == "read"]
    failed = [o for o in run.outcomes if o.status not in {INTERRUPTED, 200, 302, 409}]
    result = {
        "requests": len(run.outcomes),
        "reads_ok": sum(o.status == 200 for o in reads),
        "reads_interrupted": sum(o.status == INTERRUPTED for o in reads),
        "saves_ok": len(saved),
        "saves_conflict": len(conflicts),
        "saves_interrupted": len(interrupted),
        "interrupted_saved": sum(copies.get(o.marker, 0) == 1 for o in interrupted),
        "interrupted_not_saved": sum(copies.get(o.marker, 0) == 0 for o in interrupted),
        "failed_other": len(failed),
        "failed_statuses": sorted({o.status for o in failed}),
        "lost": sum(copies.get(o.marker, 0) == 0 for o in saved + conflicts),
        "duplicated": sum(n > 1 for n in copies.values()),
        "unexpected": len(set(copies) - sent),
        "reports_in_db": sum(copies.values()),
        "kills": run.kills,
        "read_median_ms": _median_ms(o.seconds for o in reads if o.status == 200),
        "save_median_ms": _median_ms(o.seconds for o in saved),
    }
    result["passed"] = bool(
        run.kills
        and result["lost"] == 0
        and result["duplicated"] == 0
        and result["unexpected"] == 0
        and result["failed_other"] == 0
        and result["saves_ok"] > 0
        and result["reads_ok"] > 0
    )
    return result


def _median_ms(values: Any) -> int:
    ordered = sorted(values)
    return round(1000 * ordered[len(ordered) // 2]) if ordered else 0


def markdown(result: dict[str, Any], settings: dict[str, Any]) -> str:
    lines = [
        f"Körning {settings['started']}, {settings['database']}, {settings['workers']} arbetare, "
        f"{settings['clients']} klienter i {settings['seconds']} s, "
        f"{len(result['kills'])} arbetare dödade (SIGKILL) vid "
        + ", ".join(f"{k['at_s']} s" for k in result["kills"])
        + ".",
        "",
        "| mått | antal |",
        "|---|---|",
        f"| förfrågningar | {result['requests']} |",
        f"| läsningar som lyckades | {result['reads_ok']} |",
        f"| läsningar avbrutna av en dödad arbetare | {result['reads_interrupted']} |",
        f"| sparade rapporter (svar 302) | {result['saves_ok']} |",
        f"| sparningar som blev konflikt (409) | {result['saves_conflict']} |",
        f"| sparningar avbrutna av en dödad arbetare | {result['saves_interrupted']} |",
        f"| – av dem sparade (hann bekräftas) | {result['interrupted_saved']} |",
        f"| – av dem inte sparade (rullades tillbaka) | {result['interrupted_not_saved']} |",
        f"| andra fel (5xx m.m.) | {result['failed_other']} |",
        f"| förlorade rapporter | {result['lost']} |",
        f"| dubblerade rapporter | {result['duplicated']} |",
        f"| rapporter i databasen | {result['reports_in_db']} |",
        f"| mediantid läsning / sparning (ms) | {result['read_median_ms']} / "
        f"{result['save_median_ms']} |",
        "",
        "Resultat: " + ("godkänt" if result["passed"] else "**underkänt**"),
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="kort körning (testsviten)")
    parser.add_argument("--database-url", help="en befintlig databas med tabellerna på plats")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server för en tillfällig DB")
    parser.add_argument("--sqlite", action="store_true", help="tillfällig SQLite i stället")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.workers, args.clients, args.seconds, args.kills = 2, 4, 8, 2
    if args.database_url:
        return run_against(args.database_url, args, migrate=False, demo=False)
    with temporary_database(None if args.sqlite else args.postgres) as url:
        return run_against(url, args, migrate=True, demo=not args.quick)


def run_against(database_url: str, args: argparse.Namespace, *, migrate: bool, demo: bool) -> int:
    setup_django(database_url)
    from django.db import connection
    from django.utils import timezone

    prepare(migrate=migrate, demo=demo)
    scenario = open_round_with_reporters("botkyrka" if demo else None)
    connection.close()  # the workers are the ones talking to the database now
    run_id = f"fel{os.getpid()}"
    log = Path(tempfile.mkdtemp(prefix="hk-gunicorn-")) / "gunicorn.log"
    server = Gunicorn(database_url, workers=args.workers, threads=1, log=log)
    run = Run()
    try:
        until = time.monotonic() + args.seconds
        times = [args.seconds * (k + 1) / (args.kills + 1) for k in range(args.kills)]
        threads = [
            threading.Thread(
                target=client_loop, args=(server.port, scenario, i, run_id, until, run)
            )
            for i in range(args.clients)
        ]
        threads.append(threading.Thread(target=killer, args=(server, times, run)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    result = check(run, scenario, run_id)
    settings = {
        "started": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "database": connection.vendor,
        "workers": args.workers,
        "clients": args.clients,
        "seconds": args.seconds,
    }
    return finish(markdown(result, settings), result, settings, args.json, log)


if __name__ == "__main__":
    sys.exit(main())
