"""The transfer file: one JSON document, gzip-compressed when its name ends in
.gz (reading recognises compression by content, whatever the name).

    {
      "format": "handlingskraft-organisation",
      "format_version": 1,
      "created_at": "2026-11-22T10:15:00+00:00",
      "source": {"site_url": …, "database": "postgresql",
                 "organization": {"name": …, "slug": …, "municipality_code": …},
                 "migrations": {"plans": "0012_…", …}},
      "users": [{"username": …, "email": …, "password": "<hash>", …}],
      "shared": [{"model": "public.sharedindicator", "key": ["code"],
                  "fields": [...], "rows": [[...]]}],
      "models": [{"model": "plans.goal", "fields": ["plan", "number", …],
                  "identities": 12, "rows": [[1, 1, 1, "…"], …]}, …]
    }

`models` comes in the order rows are written. Each row starts with the
object's number in the file; `identities` counts the numbers the model uses,
deleted objects that still have history included. See docs/deploy.md."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from .errors import TransferError

FORMAT = "handlingskraft-organisation"
FORMAT_VERSION = 1
GZIP_MAGIC = b"\x1f\x8b"


def write(document: dict[str, Any], path: Path) -> None:
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def read(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
        if data.startswith(GZIP_MAGIC):
            data = gzip.decompress(data)
        document = json.loads(data.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TransferError(f"Kunde inte läsa {path}: {error}") from error
    check(document)
    return document


def check(document: Any) -> None:
    """Refuse what is not a transfer file this version can read."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferError("Filen är inte en exporterad organisation från Handlingskraft.")
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise TransferError(
            f"Filen har formatversion {version}; den här versionen av Handlingskraft "
            f"läser version {FORMAT_VERSION}."
        )
    for key in ("users", "shared", "models"):
        if not isinstance(document.get(key), list):
            raise TransferError(f"Filen saknar avsnittet ”{key}”.")
