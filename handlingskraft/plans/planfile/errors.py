from __future__ import annotations

from collections.abc import Iterable, Sequence


class PlanFileError(Exception):
    """A plan file was refused. `errors` lists every problem, each naming its place."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def format_path(parts: Iterable[str | int]) -> str:
    """Render a path such as ("goals", 1, "activities", 2, "lead") as
    ``goals[2].activities[3].lead``; list positions are counted from 1."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text
