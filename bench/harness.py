"""A small timing harness: repeat an operation, report median and p95 in
milliseconds and the number of SQL queries of one run; compare with the
framework floor and with the query count at a smaller scale."""

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
    queries_small: int | None = None
    """The query count of the same operation at the smaller scale."""
    floor_ratio: float | None = None
    """The median divided by the framework floor's median."""
    ratio_target: float | None = None

    @property
    def failures(self) -> list[str]:
        found = []
        if self.target_ms is not None and self.p95_ms > self.target_ms:
            found.append("över tidsmålet")
        if self.ratio_target is not None and (self.floor_ratio or 0) > self.ratio_target:
            found.append(f"över {self.ratio_target:g} × golvet")
        if self.queries_small is not None and self.queries_small != self.queries:
            found.append("frågorna växer med datamängden")
        return found

    @property
    def within_targets(self) -> bool:
        return not self.failures

    @property
    def verdict(self) -> str:
        if self.failures:
            return "NEJ: " + ", ".join(self.failures)
        has_target = self.target_ms is not None or self.ratio_target is not None
        return "ja" if has_target or self.queries_small is not None else "–"


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


def write_report(
    measurements: list[Measurement],
    directory: Path,
    title: str,
    *,
    sizes: dict[str, int] | None = None,
) -> str:
    """Write results.md and results.json to `directory`; return the markdown."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# {title}",
        "",
        "| mätning | median (ms) | p95 (ms) | × golvet | frågor | frågor, liten skala "
        "| körningar | mål (ms) | inom målen |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for m in measurements:
        target = "" if m.target_ms is None else f"{m.target_ms:g}"
        ratio = "" if m.floor_ratio is None else f"{m.floor_ratio:g}"
        small = "" if m.queries_small is None else str(m.queries_small)
        lines.append(
            f"| {m.name} | {m.median_ms} | {m.p95_ms} | {ratio} | {m.queries} | {small} "
            f"| {m.runs} | {target} | {m.verdict} |"
        )
    if sizes:
        lines += ["", "| rader i databasen | antal |", "|---|---:|"]
        lines += [f"| {name} | {count} |" for name, count in sizes.items()]
    markdown = "\n".join(lines) + "\n"
    (directory / "results.md").write_text(markdown, encoding="utf-8")
    data = {
        "title": title,
        "measurements": [
            asdict(m) | {"within_targets": m.within_targets, "verdict": m.verdict}
            for m in measurements
        ],
        "sizes": sizes or {},
    }
    (directory / "results.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return markdown
