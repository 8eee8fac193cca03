"""A small timing harness: repeat an operation, report median and p95 in
milliseconds and the number of SQL queries of one run."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


@dataclass
class Measurement:
    name: str
    median_ms: float
    p95_ms: float
    queries: int
    runs: int
    target_ms: float | None = None

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return "–"
        return "inom målet" if self.p95_ms <= self.target_ms else "ÖVER MÅLET"


def measure(
    name: str,
    operation: Callable[[], object],
    *,
    runs: int = 20,
    target_ms: float | None = None,
    setup: Callable[[], object] | None = None,
) -> Measurement:
    """Time `operation` `runs` times (after one warm-up run), with `setup` before
    each run outside the timing."""
    if setup:
        setup()
    # The query log is bounded; start it empty so the count is not cut off.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        operation()
    # Read now: every later request clears the query log the capture points into.
    query_count = len(queries)
    timings = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        operation()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return Measurement(
        name, round(statistics.median(timings), 1), round(p95, 1), query_count, runs, target_ms
    )


def write_report(measurements: list[Measurement], directory: Path, title: str) -> str:
    """Write results.md and results.json to `directory`; return the markdown."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# {title}",
        "",
        "| mätning | median (ms) | p95 (ms) | frågor | körningar | mål (ms) | utfall |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in measurements:
        target = "" if m.target_ms is None else f"{m.target_ms:g}"
        lines.append(
            f"| {m.name} | {m.median_ms} | {m.p95_ms} | {m.queries} | {m.runs} | {target} "
            f"| {m.verdict} |"
        )
    markdown = "\n".join(lines) + "\n"
    (directory / "results.md").write_text(markdown, encoding="utf-8")
    data = [asdict(m) | {"verdict": m.verdict} for m in measurements]
    (directory / "results.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return markdown
