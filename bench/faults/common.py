"""What the fault scripts share: a throwaway database, Django set up against
it, gunicorn started and stopped, a small HTTP client with cookies and CSRF,
and a follow-up round with one reporter (and a logged-in session) per actor.

Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"
sys.path.insert(0, str(ROOT))


# --- the database -----------------------------------------------------------------


@contextlib.contextmanager
def temporary_database(server: str | None) -> Iterator[str]:
    """A new, empty database for one run, dropped afterwards: on the
    PostgreSQL server `server` (postgres://user@host:port), or without one a
    SQLite file."""
    if not server:
        directory = tempfile.mkdtemp(prefix="hk-fel-")
        # Several gunicorn workers write at once: each transaction takes the
        # write lock when it starts and waits for it, instead of failing.
        yield f"sqlite:///{directory}/fel.sqlite3?transaction_mode=IMMEDIATE&timeout=20"
        return
    import psycopg

    name = f"hk_fel_{os.getpid()}_{secrets.token_hex(3)}"
    admin = f"{server.rstrip('/')}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rstrip('/')}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(database_url: str) -> None:
    """Point Django at `database_url` (before anything imports the settings)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handlingskraft.settings")
    import django

    django.setup()


def prepare(*, migrate: bool, demo: bool) -> None:
    from django.core.management import call_command

    if migrate:
        call_command("migrate", verbosity=0)
    if demo:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


# --- the scenario: an open round, a reporter per actor ------------------------------


@dataclass
class Reporter:
    username: str
    session: str
    task_urls: list[str]


@dataclass
class Scenario:
    organization: str
    round_id: int
    reporters: list[Reporter]
    reading_session: str
    read_urls: list[str]


def open_round_with_reporters(org_slug: str | None = None) -> Scenario:
    """An open round on the organisation's adopted plan (Botkyrka's seed plan
    is imported first when no organisation is given) and a reporter with a
    session for every actor that has tasks in it."""
    import datetime

    from django.urls import reverse

    from handlingskraft.accounts.models import Membership, Role, User
    from handlingskraft.followup.services import RoundInput, round_open
    from handlingskraft.organizations.models import Organization
    from handlingskraft.plans.models import Plan, PlanStatus
    from handlingskraft.plans.planfile import plan_import
    from handlingskraft.plans.seeds import SEED_PLAN_DIR

    if org_slug is None:
        plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    else:
        organization = Organization.objects.get(slug=org_slug)
        found = Plan.objects.filter(organization=organization, status=PlanStatus.ADOPTED).first()
        assert found is not None, f"{org_slug} har ingen antagen plan"
        plan = found
    organization = plan.organization
    Organization.objects.filter(pk=organization.pk).update(require_two_factor=False)
    coordinator, _ = User.objects.get_or_create(username=f"fel-samordnare-{organization.slug}")
    Membership.objects.get_or_create(
        user=coordinator, organization=organization, defaults={"role": Role.COORDINATOR}
    )
    today = datetime.date.today()
    round = round_open(
        plan=plan,
        user=coordinator,
        data=RoundInput(
            kind="other",
            name=f"Feltest {secrets.token_hex(3)}",
            period_start=today.replace(month=1, day=1),
            period_end=today,
            opens_on=today,
            deadline=today + datetime.timedelta(days=30),
        ),
    )
    reporters = []
    by_actor: dict[int, list[Any]] = {}
    for task in round.tasks.order_by("pk"):
        by_actor.setdefault(task.actor_id, []).append(task)
    for actor_id, tasks in sorted(by_actor.items()):
        user, _ = User.objects.get_or_create(username=f"fel-rapportor-{actor_id}")
        Membership.objects.update_or_create(
            user=user,
            organization=organization,
            defaults={"role": Role.REPORTER, "actor_id": actor_id},
        )
        urls = [
            reverse("followup:task_report", args=[organization.slug, round.pk, task.pk])
            for task in tasks
        ]
        reporters.append(Reporter(user.get_username(), session_for(user), urls))
    slug = organization.slug
    read_urls = [
        reverse("plans:organization_home", args=[slug]),
        reverse("plans:plan_detail", args=[slug, plan.slug]),
        reverse("plans:activity_list", args=[slug, plan.slug]),
        reverse("followup:todo", args=[slug]),
    ]
    return Scenario(slug, round.pk, reporters, session_for(coordinator), read_urls)


def session_for(user: Any) -> str:
    """A logged-in session for `user`, as the login form would leave it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


# --- gunicorn ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Gunicorn:
    """gunicorn with the deployment's settings file, on 127.0.0.1."""

    def __init__(self, database_url: str, *, workers: int, threads: int, log: Path) -> None:
        self.port = free_port()
        self.log = log
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
            "DJANGO_SETTINGS_MODULE": "handlingskraft.settings",
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                *("-c", "deploy/gunicorn.conf.py", "--no-control-socket"),
                "handlingskraft.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn avslutades; se {self.log}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if Client(self.port).get("/healthz/").status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn svarade inte inom {timeout} s; se {self.log}")

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- HTTP ------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


class Client:
    """One browser: cookies (session, CSRF) and one connection per request, so
    that a killed worker shows up as a failed request and nothing else."""

    def __init__(self, port: int, session: str | None = None, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        if session:
            self.cookies["sessionid"] = session

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, Any] | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        headers.update(extra_headers or {})
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return Answer(response.status, text, dict(response.getheaders()))
        finally:
            connection.close()

    def get(self, path: str, extra_headers: dict[str, str] | None = None) -> Answer:
        return self.request("GET", path, extra_headers=extra_headers)

    def post(self, path: str, form: dict[str, Any]) -> Answer:
        return self.request("POST", path, form)


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields and the first status option of the report form."""
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    }
    status = re.search(r'<select name="status"[^>]*>.*?<option value="(\d+)"', page, re.S)
    if status:
        fields["status"] = status.group(1)
    return fields


# --- the end of a run ------------------------------------------------------------------


def finish(
    table: str, result: dict[str, Any], settings: dict[str, Any], json_path: Path | None, log: Path
) -> int:
    """Print the run's table, write its JSON if asked, point at gunicorn's log
    when a check failed; the exit status."""
    print(table)
    if json_path:
        json_path.write_text(json.dumps({**settings, **result}, indent=2, ensure_ascii=False))
    if not result["passed"]:
        print(f"gunicorns logg: {log}", file=sys.stderr)
    return 0 if result["passed"] else 1
