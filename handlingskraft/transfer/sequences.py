"""New primary keys taken from the database's own counters, so that rows
inserted later by the application never get a key the import has used, and
the history of a deleted object never shares its key with a new object."""

from __future__ import annotations

from typing import Any

from django.db import connection, models

from .errors import TransferError


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` unused primary keys of `model`, ascending."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    if connection.vendor == "postgresql":
        return _postgresql(table, column, count)
    if connection.vendor == "sqlite":
        return _sqlite(table, column, count)
    raise TransferError("Flytt av organisationer stöds bara med PostgreSQL och SQLite.")


def _postgresql(table: str, column: str, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _sqlite(table: str, column: str, count: int) -> list[int]:
    # Django's SQLite tables are AUTOINCREMENT: sqlite_sequence holds the
    # highest key ever handed out, and new rows get keys above it.
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row: Any = cursor.fetchone()
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}")
        highest = max(row[0] if row else 0, cursor.fetchone()[0] or 0)
        if row:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [highest + count, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, highest + count]
            )
    return list(range(highest + 1, highest + count + 1))
