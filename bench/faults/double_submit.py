"""Fault test: the same report form sent twice at the same moment (a double
click, a nervous reporter with two tabs), against gunicorn and PostgreSQL.

For each of a number of tasks, two clients load the form once and post it
at the same instant through separate workers. Exactly one of the two may
become the report's next version; the other must come back as a conflict
(409, both texts kept and shown) — or, for a submission that arrives after
the first one committed, as "already submitted" — and never as a second
version.

    .venv/bin/python bench/faults/double_submit.py [--pairs 40] [--sqlite]

Exit status 1 if a check fails."""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.faults.common import (
    DEFAULT_POSTGRES,
    Client,
    Gunicorn,
    form_fields,
    open_round_with_reporters,
    prepare,
    setup_django,
    temporary_database,
)


def post_pair(port: int, session: str, url: str, action: str, marker: str) -> list[int]:
    first = Client(port, session)
    form = form_fields(first.get(url).body)
    form.update(done=f"Dubbelklick {marker}", action=action)
    second = Client(port, session)
    second.cookies = dict(first.cookies)
    start = threading.Barrier(2)
    answers: list[int] = []

    def send(client: Client) -> None:
        start.wait()
        answers.append(client.post(url, form).status)

    threads = [threading.Thread(target=send, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(answers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--pairs", type=int, default=40)
    args = parser.parse_args()
    with temporary_database(None if args.sqlite else args.postgres) as url:
        return run(url, args.pairs)


def run(url: str, pairs: int) -> int:
    setup_django(url)
    from django.db import connection
    from django.utils import timezone

    from handlingskraft.followup.models import ReportingTask, StatusReport

    prepare(migrate=True, demo=True)
    scenario = open_round_with_reporters("botkyrka")
    connection.close()
    log = Path(tempfile.mkdtemp(prefix="hk-gunicorn-")) / "gunicorn.log"
    server = Gunicorn(url, workers=4, threads=1, log=log)
    outcomes: list[dict[str, Any]] = []
    try:
        n = 0
        for reporter in scenario.reporters:
            for task_url in reporter.task_urls:
                if n >= pairs:
                    break
                # Half the pairs save a draft twice, half submit twice.
                action = "draft" if n % 2 == 0 else "submit"
                answers = post_pair(server.port, reporter.session, task_url, action, str(n))
                task_id = int(task_url.rstrip("/").rsplit("/", 1)[1])
                outcomes.append({"task": task_id, "action": action, "answers": answers})
                n += 1
    finally:
        server.stop()
    failures = []
    for outcome in outcomes:
        reports = StatusReport.objects.filter(task_id=outcome["task"])
        versions = reports.filter(is_conflict=False).count()
        conflicts = reports.filter(is_conflict=True).count()
        allowed = [[302, 409]] if outcome["action"] == "draft" else [[302, 409], [302, 302]]
        expected_conflicts = 1 if outcome["answers"] == [302, 409] else 0
        if outcome["answers"] not in allowed or (versions, conflicts) != (1, expected_conflicts):
            failures.append({**outcome, "versions": versions, "conflicts": conflicts})
    tasks = ReportingTask.objects.filter(pk__in=[o["task"] for o in outcomes]).count()
    drafts = [o for o in outcomes if o["action"] == "draft"]
    submits = [o for o in outcomes if o["action"] == "submit"]
    print(
        f"Körning {timezone.localtime():%Y-%m-%d %H:%M}, {connection.vendor}, 4 arbetare, "
        f"{len(outcomes)} par samtidiga identiska formulär ({tasks} uppgifter).\n"
    )
    print(
        "| vad | par | en version + en konflikt (409) | andra avvisad som redan inskickad | fel |"
    )
    print("|---|---|---|---|---|")
    for name, group in (("spara utkast två gånger", drafts), ("skicka in två gånger", submits)):
        print(
            f"| {name} | {len(group)} | {sum(o['answers'] == [302, 409] for o in group)} | "
            f"{sum(o['answers'] == [302, 302] for o in group)} | "
            f"{sum(o in failures for o in group)} |"
        )
    print("\nResultat: " + ("godkänt" if not failures else f"**underkänt**: {failures}"))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
