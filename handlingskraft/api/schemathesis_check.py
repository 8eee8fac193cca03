"""Check the REST API against its own OpenAPI document with schemathesis:
no server errors, and every answer as the document describes it.

    python -m handlingskraft.api.schemathesis_check   (make api-check; run by .ci/run)

On a throwaway SQLite database it loads the demo data, publishes Botkyrka's
plan and Haninge's plan with its approved round, opens a round for Botkyrka
(so that reports can be written), creates an API token for Botkyrka's
coordinator, starts the app on a free local port, and runs schemathesis twice:
the open API without a token, and /api/internal/ with the token. Bounded by
examples per operation and a time limit per run; the server is stopped and the
database removed afterwards."""

from __future__ import annotations

import argparse
import datetime
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKS = "not_a_server_error,response_schema_conformance"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="handlingskraft.settings",
        DEBUG="0",
        HANDLINGSKRAFT_DEMO="0",
        # schemathesis sends many requests; the limits have their own tests.
        API_RATE_TOKEN="1000000/min",
        API_RATE_ANONYMOUS="1000000/min",
        LOG_LEVEL="ERROR",
    )
    return env


def prepare() -> str:
    """Run inside the throwaway database's environment: the demo data, the
    publications, an open round; prints the token."""
    import django

    django.setup()
    from django.core.management import call_command

    from handlingskraft.accounts.models import User
    from handlingskraft.api.tokens import TokenInput, token_create
    from handlingskraft.followup.models import FollowUpRound
    from handlingskraft.followup.services import RoundInput, round_open, round_publish
    from handlingskraft.plans.models import Plan
    from handlingskraft.plans.publishing import plan_publish

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    botkyrka_coordinator = User.objects.get(username="botkyrka-samordnare")
    haninge_coordinator = User.objects.get(username="haninge-samordnare")
    botkyrka = Plan.objects.get(organization__slug="botkyrka")
    plan_publish(plan=botkyrka, user=botkyrka_coordinator)
    haninge = FollowUpRound.objects.get(organization__slug="haninge")
    plan_publish(plan=haninge.plan, user=haninge_coordinator)
    round_publish(round=haninge, user=haninge_coordinator)
    today = datetime.date.today()
    round_open(
        plan=botkyrka,
        user=botkyrka_coordinator,
        data=RoundInput(
            kind="annual",
            name="Årsuppföljning (kontroll)",
            period_start=datetime.date(today.year - 1, 1, 1),
            period_end=datetime.date(today.year - 1, 12, 31),
            opens_on=today,
            deadline=today + datetime.timedelta(days=30),
        ),
    )
    _token, secret = token_create(
        user=botkyrka_coordinator,
        data=TokenInput(name="schemathesis", organization=botkyrka.organization),
    )
    return secret


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Servern svarade inte på {url}.")


def _schemathesis(schema: str, extra: list[str], args: argparse.Namespace, cwd: str) -> int:
    """Run schemathesis in `cwd` (the throwaway directory: it keeps a cache there)."""
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        schema,
        "--checks",
        CHECKS,
        "--max-examples",
        str(args.examples),
        "--workers",
        "1",
        "--phases",
        "examples,coverage,fuzzing",
        "--seed",
        str(args.seed),
        "--request-timeout",
        "20",
        "--suppress-health-check",
        "all",
        *extra,
    ]
    shown = ["Authorization: Bearer …" if "Bearer" in part else part for part in command]
    print("$", " ".join(shown), flush=True)
    try:
        return subprocess.run(command, cwd=cwd, timeout=args.seconds, check=False).returncode
    except subprocess.TimeoutExpired:
        print(f"schemathesis tog mer än {args.seconds} s.")
        return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=20, help="exempel per operation")
    parser.add_argument("--seconds", type=int, default=240, help="tidsgräns per körning")
    # A fixed seed makes CI repeatable; another seed explores other cases.
    parser.add_argument("--seed", type=int, default=1, help="slumpfrö för schemathesis")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(prepare())
        return 0
    with tempfile.TemporaryDirectory(prefix="handlingskraft-api-") as directory:
        env = _environment(Path(directory) / "db.sqlite3")
        prepared = subprocess.run(
            [sys.executable, "-m", "handlingskraft.api.schemathesis_check", "--prepare"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        token = prepared.stdout.strip().splitlines()[-1]
        port = _free_port()
        log_path = Path(directory) / "server.log"
        log = log_path.open("w")
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            schema = f"http://127.0.0.1:{port}/api/openapi.json"
            _wait_for(schema, 60)
            public = _schemathesis(
                schema,
                ["--exclude-path-regex", "^/api/internal/"],
                args,
                directory,
            )
            internal = _schemathesis(
                schema,
                ["--include-path-regex", "^/api/internal/", "-H", f"Authorization: Bearer {token}"],
                args,
                directory,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        if public or internal:
            # The server's own log shows the tracebacks of any server errors.
            print("Serverns logg (slutet):")
            print("\n".join(log_path.read_text().splitlines()[-200:]))
            print("schemathesis hittade fel i API:t (se ovan).")
            return 1
    print("schemathesis: inga serverfel, alla svar enligt OpenAPI-beskrivningen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
