"""Load test (issue 10): many users read pages and save reports at the same time.

Starts gunicorn (deploy/gunicorn.conf.py) against a throwaway database with
the demo data, opens a follow-up round on Botkyrka's plan (and publishes the
plan, for the public pages) and gives every simulated user a reporter account
of its own (a logged-in session, a read-only API token) and tasks of its own.
Until the time or the request budget is up, each user, without pausing,
either reads a page or saves a report: fetches the form and sends it with a
unique marker in the text. Afterwards the reports in the database are counted
per marker against the answers the users got:

- every save answered 302 is in the database exactly once, every save
  answered 409 (a conflict, when two users write the same task) exactly once
  as a conflict row;
- no marker is there twice, none that no user sent;
- every read answered 200, every save 302 or 409; nothing else.

    .venv/bin/python bench/load.py                   # 50 users, 120 s, PostgreSQL
    .venv/bin/python bench/load.py --quick           # 8 users, 5 s (the test suite's)
    .venv/bin/python bench/load.py --sqlite --users 20 --seconds 30

Prints markdown tables (median, p95 and max response time per kind of page)
and, with --json FILE, writes the figures. Exit status 1 if a check fails.
Only 127.0.0.1 is contacted."""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.faults.common import (
    DEFAULT_POSTGRES,
    Answer,
    Client,
    Gunicorn,
    finish,
    form_fields,
    open_round_with_reporters,
    prepare,
    session_for,
    setup_django,
    temporary_database,
)

FAILED = 0  # the status recorded when no answer came (refused, reset, timeout)
KINDS = {
    "start": "organisationens startsida",
    "plan": "planöversikten",
    "goal": "en målbild",
    "activities": "aktivitetslistan",
    "todo": "Att rapportera",
    "round": "omgångens framsteg (samordnare)",
    "public": "offentliga sidor (utan inloggning)",
    "api": "API: uppgiftslistan (nyckel)",
    "form": "rapportformuläret (GET)",
    "save": "spara rapport (POST)",
}


# --- the scenario: pages to read, users with tasks of their own ----------------------


@dataclass
class LoadUser:
    index: int
    session: str
    coordinator_session: str
    token: str
    task_urls: list[str]


@dataclass
class Site:
    round_id: int
    pages: dict[str, list[str]]  # read kind -> the addresses of that kind
    users: list[LoadUser]


def prepare_site(org_slug: str | None, user_count: int) -> Site:
    """An open round with a reporter account for each of `user_count` users."""
    from handlingskraft.followup.models import FollowUpRound
    from handlingskraft.plans.publishing import plan_publish

    scenario = open_round_with_reporters(org_slug)
    round = FollowUpRound.objects.select_related("plan", "organization", "created_by").get(
        pk=scenario.round_id
    )
    if round.plan.published_at is None:
        plan_publish(plan=round.plan, user=round.created_by)
    return Site(round.pk, read_pages(round), load_users(round, user_count))


def read_pages(round: Any) -> dict[str, list[str]]:
    from django.urls import reverse

    slug, plan_slug = round.organization.slug, round.plan.slug
    goals = round.plan.goals.order_by("number").values_list("number", flat=True)
    return {
        "start": [reverse("plans:organization_home", args=[slug])],
        "plan": [reverse("plans:plan_detail", args=[slug, plan_slug])],
        "goal": [reverse("plans:goal_detail", args=[slug, plan_slug, n]) for n in goals],
        "activities": [reverse("plans:activity_list", args=[slug, plan_slug])],
        "todo": [reverse("followup:todo", args=[slug])],
        "round": [reverse("followup:round_detail", args=[slug, round.pk])],
        "public": [
            reverse("public:organization", args=[slug]),
            reverse("public:plan", args=[slug, plan_slug]),
        ],
        "api": [reverse("api:internal_task_list") + f"?round={round.pk}"],
    }


def actors_for_users(count: int, task_counts: dict[int, int]) -> list[int]:
    """The actor each user reports for: one user for every actor first (the
    one with most tasks first), then each next user to the actor with the most
    tasks per user. Users share an actor but not a task as long as there are
    as many tasks as users."""
    order = sorted(task_counts, key=lambda actor: -task_counts[actor])
    users = dict.fromkeys(order, 0)
    chosen = []
    for index in range(count):
        if index < len(order):
            actor = order[index]
        else:
            actor = max(order, key=lambda a: task_counts[a] / (users[a] + 1))
        users[actor] += 1
        chosen.append(actor)
    return chosen


def load_users(round: Any, count: int) -> list[LoadUser]:
    from django.urls import reverse

    from handlingskraft.accounts.models import Membership, Role, User
    from handlingskraft.api.tokens import TokenInput, token_create

    organization = round.organization
    by_actor: dict[int, list[str]] = {}
    for task in round.tasks.order_by("pk"):
        url = reverse("followup:task_report", args=[organization.slug, round.pk, task.pk])
        by_actor.setdefault(task.actor_id, []).append(url)
    actors = actors_for_users(count, {actor: len(urls) for actor, urls in by_actor.items()})
    sharing = Counter(actors)
    seen: Counter[int] = Counter()
    users = []
    for index, actor_id in enumerate(actors):
        tasks, position = by_actor[actor_id], seen[actor_id]
        seen[actor_id] += 1
        mine = tasks[position :: sharing[actor_id]] or [tasks[position % len(tasks)]]
        user, _ = User.objects.get_or_create(username=f"last-rapportor-{round.pk}-{index}")
        Membership.objects.update_or_create(
            user=user,
            organization=organization,
            defaults={"role": Role.REPORTER, "actor_id": actor_id},
        )
        _token, secret = token_create(
            user=user, data=TokenInput(name="Lasttest", organization=organization, read_only=True)
        )
        coordinator = session_for(round.created_by)
        users.append(LoadUser(index, session_for(user), coordinator, secret, mine))
    return users


# --- the run ---------------------------------------------------------------------------


class TimeUp(Exception):
    """The run's time or request budget is spent."""


@dataclass
class Outcome:
    kind: str
    status: int
    seconds: float
    marker: str = ""
    error: str = ""

    @property
    def failed(self) -> bool:
        expected = {302, 409} if self.kind == "save" else {200}
        return bool(self.error) or self.status not in expected


@dataclass
class Run:
    """The outcomes of all users, and the time and requests they share."""

    until: float
    max_requests: int
    outcomes: list[Outcome] = field(default_factory=list)
    started: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> None:
        with self.lock:
            if self.started >= self.max_requests or time.monotonic() >= self.until:
                raise TimeUp
            self.started += 1

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def timed(
    run: Run, kind: str, call: Callable[[], Answer], marker: str = "", expect: str = ""
) -> Answer | None:
    """One request, timed and recorded; None if no answer came."""
    run.take()
    started = time.perf_counter()
    try:
        answer = call()
    except Exception as error:  # refused, reset, timed out, a broken status line
        run.add(Outcome(kind, FAILED, time.perf_counter() - started, marker, type(error).__name__))
        return None
    missing = f"svaret saknar {expect!r}" if expect and expect not in answer.body else ""
    run.add(Outcome(kind, answer.status, time.perf_counter() - started, marker, missing))
    return answer


def save_report(run: Run, client: Client, url: str, marker: str) -> None:
    page = timed(run, "form", partial(client.get, url), expect="based_on")
    if page is None or page.status != 200 or "based_on" not in page.body:
        return
    form = form_fields(page.body)
    form.update(done=f"Lägesrapport {marker}", next_steps="", obstacles="", evidence_links="")
    form["action"] = "draft"
    timed(run, "save", partial(client.post, url, form), marker)


def user_loop(
    port: int, site: Site, user: LoadUser, run_id: str, run: Run, options: argparse.Namespace
) -> None:
    """One user: saves a report (a share of the time) or reads a page, until time is up."""
    rng = random.Random(user.index)
    reporter = Client(port, user.session)
    clients = {"round": Client(port, user.coordinator_session), "public": Client(port)}
    bearer = {"Authorization": f"Bearer {user.token}"}
    read_kinds = list(site.pages)
    saves = 0
    try:
        while True:
            if rng.random() < options.save_share:
                saves += 1
                marker = f"[{run_id}:{user.index}:{saves}]"
                save_report(run, reporter, rng.choice(user.task_urls), marker)
            else:
                kind = rng.choice(read_kinds)
                client, url = clients.get(kind, reporter), rng.choice(site.pages[kind])
                headers = bearer if kind == "api" else None
                timed(run, kind, partial(client.get, url, headers))
            if options.think:
                time.sleep(rng.uniform(0, 2 * options.think))
    except TimeUp:
        return


# --- checking and reporting ----------------------------------------------------------------


def check(run: Run, round_id: int, run_id: str) -> dict[str, Any]:
    """Count the reports in the database against the answers."""
    from handlingskraft.followup.models import StatusReport

    rows = StatusReport.objects.filter(task__round_id=round_id, done__contains=run_id)
    copies: Counter[str] = Counter()
    conflict_rows = 0
    for done, is_conflict in rows.values_list("done", "is_conflict"):
        copies[done.removeprefix("Lägesrapport ")] += 1
        conflict_rows += is_conflict
    saves = [o for o in run.outcomes if o.kind == "save"]
    answered = [o for o in saves if o.status in {302, 409}]
    result: dict[str, Any] = {
        "requests": len(run.outcomes),
        "saves_ok": sum(o.status == 302 for o in saves),
        "saves_conflict": sum(o.status == 409 for o in saves),
        "errors": sum(o.failed for o in run.outcomes),
        "error_kinds": sorted(
            {f"{o.kind} {o.status} {o.error}".strip() for o in run.outcomes if o.failed}
        ),
        "lost": sum(copies[o.marker] == 0 for o in answered),
        "duplicated": sum(n > 1 for n in copies.values()),
        "unknown": len(set(copies) - {o.marker for o in saves}),
        "reports_in_db": sum(copies.values()),
        "conflict_rows_in_db": conflict_rows,
        "kinds": {kind: timings(o for o in run.outcomes if o.kind == kind) for kind in KINDS},
        "all": timings(run.outcomes),
    }
    result["passed"] = bool(
        result["errors"] == result["lost"] == result["duplicated"] == result["unknown"] == 0
        and result["conflict_rows_in_db"] == result["saves_conflict"]
        and result["saves_ok"] > 0
    )
    return result


def timings(outcomes: Any) -> dict[str, int]:
    """Count, failures and median/p95/max response time (ms, nearest rank)."""
    chosen = list(outcomes)
    ordered = sorted(o.seconds for o in chosen)

    def rank(share: float) -> int:
        if not ordered:
            return 0
        return round(1000 * ordered[max(0, math.ceil(len(ordered) * share) - 1)])

    return {
        "count": len(chosen),
        "errors": sum(o.failed for o in chosen),
        "median_ms": rank(0.5),
        "p95_ms": rank(0.95),
        "max_ms": round(1000 * ordered[-1]) if ordered else 0,
    }


@dataclass
class CpuClock:
    """The machine's busy CPU time (/proc/stat) and this process's (the users')."""

    machine_busy: float = 0.0
    machine_total: float = 0.0
    own: float = 0.0

    @classmethod
    def now(cls) -> CpuClock:
        fields = [float(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle, iowait
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return cls(sum(fields) - idle, sum(fields), usage.ru_utime + usage.ru_stime)


def children_cpu() -> float:
    """CPU seconds of this process's ended children (gunicorn, once stopped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_shares(before: CpuClock, after: CpuClock, seconds: float) -> dict[str, int]:
    """How busy the machine's cores were during the run, and how much of it
    was the users' client threads (percent of all cores)."""
    total = after.machine_total - before.machine_total or 1
    cores = os.cpu_count() or 1
    return {
        "machine_busy_pct": round(100 * (after.machine_busy - before.machine_busy) / total),
        "client_pct": round(100 * (after.own - before.own) / (seconds * cores)),
    }


def markdown(result: dict[str, Any], settings: dict[str, Any]) -> str:
    total = result["all"]
    lines = [
        f"Körning {settings['started']}, {settings['database']}, gunicorn med "
        f"{settings['workers']} arbetare × {settings['threads']} trådar, "
        f"{settings['users']} användare i {settings['seconds']} s (paus "
        f"{settings['think']} s, andel sparningar {settings['save_share']}), "
        f"{settings['cores']} kärnor, belastning före start {settings['load_before']}.",
        "",
        "| mått | värde |",
        "|---|---|",
        f"| förfrågningar | {result['requests']} |",
        f"| genomströmning | {settings['throughput']} förfrågningar/s |",
        f"| sparade rapporter (svar 302) | {result['saves_ok']} |",
        f"| sparningar som blev konflikt (409) | {result['saves_conflict']} |",
        f"| fel (andra svar, inget svar) | {result['errors']} |",
        f"| förlorade rapporter | {result['lost']} |",
        f"| dubblerade rapporter | {result['duplicated']} |",
        f"| okända rapporter | {result['unknown']} |",
        f"| rapporter i databasen | {result['reports_in_db']} "
        f"(varav {result['conflict_rows_in_db']} konfliktrader) |",
        f"| svarstid median / p95 / max | {total['median_ms']} / {total['p95_ms']} / "
        f"{total['max_ms']} ms |",
        f"| CPU (av alla kärnor): hela maskinen / gunicorn / klienterna | "
        f"{settings['machine_busy_pct']} % / {settings['server_pct']} % / "
        f"{settings['client_pct']} % |",
        "| gunicorns CPU-tid per förfrågan (med uppstarten) | "
        f"{settings['server_ms_per_request']} ms |",
        "",
        "| slag | förfrågningar | fel | median (ms) | p95 (ms) | max (ms) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, label in KINDS.items():
        row = result["kinds"][kind]
        lines.append(
            f"| {label} | {row['count']} | {row['errors']} | {row['median_ms']} | "
            f"{row['p95_ms']} | {row['max_ms']} |"
        )
    lines += ["", "Resultat: " + ("godkänt" if result["passed"] else "**underkänt**")]
    if result["error_kinds"]:
        lines.append("Fel: " + "; ".join(result["error_kinds"]))
    return "\n".join(lines)


def main() -> int:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="kort körning (testsviten)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--max-requests", type=int, default=200_000, help="tak för antalet")
    parser.add_argument("--workers", type=int, default=2 * cores + 1)
    parser.add_argument("--threads", type=int, default=2, help="per arbetare")
    parser.add_argument("--save-share", type=float, default=0.3, help="andel sparningar")
    parser.add_argument("--think", type=float, default=0.0, help="medelpaus mellan steg (s)")
    parser.add_argument("--database-url", help="en befintlig databas med tabellerna på plats")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server för en tillfällig DB")
    parser.add_argument("--sqlite", action="store_true", help="tillfällig SQLite i stället")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.users, args.seconds, args.workers = 8, 5, 2
    # As deploy/miljo.exempel: each worker keeps its database connection.
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    if args.database_url:
        return run_against(args.database_url, args, migrate=False, demo=False)
    with temporary_database(None if args.sqlite else args.postgres) as url:
        return run_against(url, args, migrate=True, demo=True)


def run_against(database_url: str, args: argparse.Namespace, *, migrate: bool, demo: bool) -> int:
    setup_django(database_url)
    from django.db import connection
    from django.utils import timezone

    prepare(migrate=migrate, demo=demo)
    site = prepare_site("botkyrka" if demo else None, args.users)
    connection.close()  # the workers are the ones talking to the database now
    run_id = f"last{os.getpid()}"
    log = Path(tempfile.mkdtemp(prefix="hk-gunicorn-")) / "gunicorn.log"
    started, load_before = timezone.localtime(), os.getloadavg()
    server_cpu = children_cpu()
    server = Gunicorn(database_url, workers=args.workers, threads=args.threads, log=log)
    try:
        run, seconds, cpu = drive(server.port, site, run_id, args)
    finally:
        server.stop()
    server_cpu = children_cpu() - server_cpu  # the workers, reaped by their master
    result = check(run, site.round_id, run_id)
    settings = {
        "started": started.strftime("%Y-%m-%d %H:%M"),
        "database": connection.vendor,
        "workers": args.workers,
        "threads": args.threads,
        "users": args.users,
        "seconds": args.seconds,
        "think": args.think,
        "save_share": args.save_share,
        "cores": os.cpu_count(),
        "load_before": ", ".join(f"{n:.2f}" for n in load_before),
        "throughput": round(result["requests"] / seconds, 1),
        "server_pct": round(100 * server_cpu / (seconds * (os.cpu_count() or 1))),
        "server_ms_per_request": round(1000 * server_cpu / max(1, result["requests"])),
        **cpu,
    }
    return finish(markdown(result, settings), result, settings, args.json, log)


def drive(
    port: int, site: Site, run_id: str, args: argparse.Namespace
) -> tuple[Run, float, dict[str, int]]:
    """All users at once until the time or the request budget is up."""
    started, before = time.monotonic(), CpuClock.now()
    run = Run(until=started + args.seconds, max_requests=args.max_requests)
    threads = [
        threading.Thread(target=user_loop, args=(port, site, user, run_id, run, args))
        for user in site.users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    return run, seconds, cpu_shares(before, CpuClock.now(), seconds)


if __name__ == "__main__":
    sys.exit(main())
