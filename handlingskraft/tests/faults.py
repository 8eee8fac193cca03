"""Simulating a database connection that drops in the middle of something:
the Nth statement sent to the database fails as a dropped connection fails
(OperationalError). Savepoints and rollbacks are not counted, so that the
transaction machinery itself still works and the test can check what was
left behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import OperationalError, connection, transaction

BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "SET CONSTRAINTS")
DROPPED = "server closed the connection unexpectedly"


def counts(sql: str, kind: str) -> bool:
    text = sql.lstrip().upper()
    if text.startswith(BOOKKEEPING):
        return False
    return not kind or text.startswith(kind)


@contextmanager
def connection_lost_at(statement: int, *, kind: str = "") -> Iterator[list[str]]:
    """Within the block, the `statement`th statement (of `kind`, e.g. "INSERT";
    every statement when empty) raises OperationalError instead of running.
    0 fails none. Yields the statements seen, for counting."""
    seen: list[str] = []

    def wrapper(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if counts(sql, kind):
            seen.append(sql)
            if len(seen) == statement:
                raise OperationalError(DROPPED)
        return execute(sql, *args)

    with connection.execute_wrapper(wrapper):
        yield seen


def statements_in(action: Callable[[], Any], *, kind: str = "") -> int:
    """How many statements `action` sends; what it writes is rolled back."""
    with transaction.atomic():
        with connection_lost_at(0, kind=kind) as seen:
            action()
        transaction.set_rollback(True)
    return len(seen)


def row_counts() -> dict[str, int]:
    """The number of rows in every table of every installed model."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }
