"""The one error of a transfer: its message is Swedish and says what to do."""

from __future__ import annotations


class TransferError(Exception):
    """An export or import that cannot be done; nothing has been written.
    `problems` lists every problem found, when there are several."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        lines = [super().__str__(), *(f"  - {problem}" for problem in self.problems)]
        return "\n".join(lines)
