"""Fault test: the database connection really drops in the middle of a write.

Against a throwaway PostgreSQL database with the demo data, the server ends
this process's connection (pg_terminate_backend) just before the Nth
statement of

- saving a status report (report_save), at every statement and at COMMIT;
- importing a plan file (plan_import), at a spread of statements and at COMMIT;
- importing an exported organisation (import_organization), likewise;
- posting the report form (the page), at a statement inside the save;

and checks each time that nothing was half-written (every table has the
rows it had), that the user is told so in Swedish, and that doing it again
works. The test suite does the same with a simulated drop on either database
(handlingskraft/*/tests/test_*faults.py).

    .venv/bin/python bench/faults/db_drop.py [--postgres postgres://postgres@127.0.0.1:5432]

Exit status 1 if a check fails."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.faults.common import (
    DEFAULT_POSTGRES,
    form_fields,
    open_round_with_reporters,
    prepare,
    setup_django,
    temporary_database,
)

AT_COMMIT = -1
BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "SET CONSTRAINTS")


class Dropper:
    """Ends this process's database connection from the server side."""

    def __init__(self, database_url: str) -> None:
        import psycopg

        self.admin = psycopg.connect(database_url, autocommit=True)

    def drop(self) -> None:
        from django.db import connection

        pid = connection.connection.info.backend_pid
        self.admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        # Wait until the server has really ended it.
        for _ in range(100):
            row = self.admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid]
            ).fetchone()
            if row is not None and row[0] == 0:
                return
            time.sleep(0.01)

    @contextmanager
    def at(self, statement: int) -> Iterator[list[str]]:
        """Drop the connection just before the `statement`th statement (or
        just before COMMIT with AT_COMMIT); 0 counts without dropping."""
        from django.db import connection

        seen: list[str] = []

        def wrapper(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
            if not sql.lstrip().upper().startswith(BOOKKEEPING):
                seen.append(sql)
                if len(seen) == statement:
                    self.drop()
            return execute(sql, *args)

        real_commit = connection._commit

        def commit() -> None:
            if statement == AT_COMMIT:
                self.drop()
            real_commit()

        connection._commit = commit  # type: ignore[method-assign]
        try:
            with connection.execute_wrapper(wrapper):
                yield seen
        finally:
            connection._commit = real_commit  # type: ignore[method-assign]


def row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models(include_auto_created=True)
    }


def after_drop() -> None:
    """What Django does at the end of a request: give up the broken connection."""
    from django.db import connection

    connection.close()


def spread(total: int, points: int = 40) -> list[int]:
    """Every statement of a short write, a spread of a long one; and COMMIT."""
    step = 1 if total <= 60 else total // points
    return sorted({1, 2, *range(step, total, step), total, AT_COMMIT})


def count_statements(action: Callable[[], Any], dropper: Dropper) -> int:
    from django.db import transaction

    with transaction.atomic(), dropper.at(0) as seen:
        action()
        transaction.set_rollback(True)
    return len(seen)


def trial(
    name: str,
    action: Callable[[], Any],
    points: list[int],
    dropper: Dropper,
    expected: tuple[type[BaseException], ...],
    message: str | None = None,
) -> dict[str, Any]:
    """Drop the connection at each point; afterwards every table must be as before."""
    half_written, wrong_message, not_failed = [], [], []
    for point in points:
        before = row_counts()
        try:
            with dropper.at(point):
                action()
        except expected as error:
            if message is not None and message not in str(error):
                wrong_message.append(point)
        else:
            not_failed.append(point)
        after_drop()
        if row_counts() != before:
            half_written.append(point)
    retry_ok = True
    try:
        action()
    except Exception as error:
        retry_ok = False
        print(f"{name}: att göra om misslyckades: {error}", file=sys.stderr)
    return {
        "name": name,
        "points": len(points),
        "half_written": half_written,
        "wrong_message": wrong_message,
        "not_failed": not_failed,
        "retry_ok": retry_ok,
        "passed": not (half_written or wrong_message or not_failed) and retry_ok,
    }


def report_trial(dropper: Dropper) -> dict[str, Any]:
    from django.db import InterfaceError, OperationalError

    from handlingskraft.accounts.models import User
    from handlingskraft.followup.defaults import status_options
    from handlingskraft.followup.models import ReportingTask
    from handlingskraft.followup.services import ReportInput, report_save

    scenario = open_round_with_reporters("botkyrka")
    task = ReportingTask.objects.filter(round_id=scenario.round_id).order_by("pk").first()
    assert task is not None
    user = User.objects.get(username=scenario.reporters[0].username)
    status = status_options(task.round.organization)[1]

    def save() -> Any:
        fresh = ReportingTask.objects.get(pk=task.pk)
        data = ReportInput(status, done="Sparas när databasen svarar.")
        return report_save(task=fresh, user=user, data=data, based_on=0, submit=True)

    total = count_statements(save, dropper)
    points = [*range(1, total + 1), AT_COMMIT]
    result = trial(
        "Spara en statusrapport", save, points, dropper, (OperationalError, InterfaceError)
    )
    result["statements"] = total
    return result


def plan_trial(dropper: Dropper) -> dict[str, Any]:
    from django.db import InterfaceError, OperationalError

    from handlingskraft.plans.planfile import plan_import
    from handlingskraft.plans.seeds import SEED_PLAN_DIR

    text = (SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8")
    text = text.replace('municipality_code: "0127"', 'municipality_code: "9990"')
    text = text.replace("slug: botkyrka\n", "slug: felkommun\n")
    text = text.replace("name: Botkyrka kommun", "name: Felkommun")

    def load() -> Any:
        return plan_import(text=text)

    total = count_statements(load, dropper)
    result = trial(
        "Läsa in en planfil", load, spread(total), dropper, (OperationalError, InterfaceError)
    )
    result["statements"] = total
    return result


def organization_trial(dropper: Dropper) -> dict[str, Any]:
    from handlingskraft.organizations.models import Organization
    from handlingskraft.transfer.errors import TransferError
    from handlingskraft.transfer.exporting import export_organization
    from handlingskraft.transfer.importing import import_organization

    document = export_organization(Organization.objects.get(slug="orebro"))
    Organization.objects.filter(slug="orebro").update(
        slug="orebro-gammal", name="Gamla Örebro", municipality_code="9991"
    )

    def load() -> Any:
        return import_organization(document)

    total = count_statements(load, dropper)
    result = trial(
        "Läsa in en exporterad organisation",
        load,
        spread(total),
        dropper,
        (TransferError,),
        message="Databasen gick inte att nå",
    )
    result["statements"] = total
    return result


def page_trial(dropper: Dropper) -> dict[str, Any]:
    """The report form, posted while the connection drops inside the save."""
    from django.test import Client

    from handlingskraft.accounts.models import User
    from handlingskraft.followup.views import reporting

    scenario = open_round_with_reporters("haninge")
    reporter = scenario.reporters[0]
    url = reporter.task_urls[0]
    client = Client()
    client.force_login(User.objects.get(username=reporter.username))
    form = form_fields(client.get(url).content.decode())
    form.update(done="Klart.", action="submit")
    real_save = reporting.report_save
    points = [1, 2, 3, 4, 5, AT_COMMIT]
    answers, half_written = [], []
    for point in points:
        before = row_counts()

        def dropping_save(point: int = point, **kwargs: Any) -> Any:
            with dropper.at(point):
                return real_save(**kwargs)

        reporting.report_save = dropping_save  # type: ignore[assignment]
        try:
            response = client.post(url, form)
        finally:
            reporting.report_save = real_save
        body = response.content.decode()
        answers.append((response.status_code, "Ingenting sparades" in body))
        if row_counts() != before:
            half_written.append(point)
    retry = client.post(url, form)
    return {
        "name": "Skicka rapportformuläret (sidan)",
        "points": len(points),
        "statements": len(points) - 1,
        "half_written": half_written,
        "wrong_message": [p for p, a in zip(points, answers, strict=True) if a != (503, True)],
        "not_failed": [],
        "retry_ok": retry.status_code == 302,
        "passed": not half_written
        and all(a == (503, True) for a in answers)
        and retry.status_code == 302,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args()
    # The app logs every lost connection with its traceback; here they are expected.
    os.environ.setdefault("LOG_LEVEL", "CRITICAL")
    with temporary_database(args.postgres) as url:
        setup_django(url)
        from django.utils import timezone

        # The 503 answers are expected here; Django would log each one.
        logging.getLogger("django.request").setLevel(logging.CRITICAL)

        prepare(migrate=True, demo=True)
        dropper = Dropper(url)
        results = [
            report_trial(dropper),
            page_trial(dropper),
            plan_trial(dropper),
            organization_trial(dropper),
        ]
        dropper.admin.close()
        after_drop()
    print(f"Körning {timezone.localtime():%Y-%m-%d %H:%M}, PostgreSQL (pg_terminate_backend).\n")
    print("| vad | avbrott provade | halvskrivet | rätt meddelande | gick att göra om |")
    print("|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['name']} | {r['points']} (av {r['statements']} satser + COMMIT) | "
            f"{'nej' if not r['half_written'] else 'JA: ' + str(r['half_written'])} | "
            f"{'ja' if not r['wrong_message'] and not r['not_failed'] else 'NEJ'} | "
            f"{'ja' if r['retry_ok'] else 'NEJ'} |"
        )
    passed = all(r["passed"] for r in results)
    print("\nResultat: " + ("godkänt" if passed else "**underkänt**"))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
