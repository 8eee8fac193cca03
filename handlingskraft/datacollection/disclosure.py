"""Disclosure control: the one function every table of counts passes through
before it leaves the people allowed to see raw values (the reporting actor and
the coordinator). Other actors' pages, exports, the API and public pages all
call `protect`; nothing else decides what may be shown.

In a small municipality a count of 1 or 2 can point out a family, so:

* Primary suppression: a count from 1 to threshold − 1 is shown as "<5" (with
  the organisation's threshold). Zero is shown: it points out nobody.
* Totals are summed from the exact values first, then treated like any other
  count (a small total is suppressed too).
* Secondary suppression: further cells are hidden (shown as "..") until no
  hidden cell can be worked out exactly from what is published. The reader is
  assumed to know everything the table says: the shown cells and totals, that
  every count is a whole number, that a "<5" cell lies between 1 and 4, and how
  this module works, so that a ".." cell is 5 or more (zeros and small counts
  are never hidden as "..").
* Where the rows are respondents (one actor each, whose members may read the
  table), the check is repeated as each of them: knowing one's own row must
  not give away another actor's hidden value.
* If no choice of hidden cells protects the table, the whole table is withheld.

The check is exact. Hiding cells turns the table into a system of equations
(each row and column sums to its total) over the hidden cells with bounds from
their labels. A hidden cell can take another value exactly when some cycle of
hidden cells, alternately raised and lowered by one, stays within all bounds;
those cycles are found as paths in a small graph (rows and columns as nodes,
hidden cells as edges), which is what `_can_change` does.

Suppression patterns depend only on the table and the threshold, so every
viewer and every output gets the same pattern for the same table: publish
each table in one shape only (the statistics pages and exports build their
tables with one function for that reason), since two differently shaped tables
over the same counts can give away through each other what each hides.

Shares and rates built on a hidden count are hidden too: `protect_share`."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

MINIMUM_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
HIDDEN_TEXT = ".."

Position = tuple[int, int]


class Status(StrEnum):
    SHOWN = "shown"
    SMALL = "small"
    """A count from 1 to threshold − 1 (primary suppression)."""
    PROTECTING = "protecting"
    """Hidden so that a small count cannot be worked out (secondary suppression)."""
    WITHHELD = "withheld"
    """The whole table is withheld."""


@dataclass(frozen=True)
class Cell:
    """One published number: the value only when it may be shown."""

    status: Status
    value: int | None
    text: str
    description: str = ""
    """What a screen reader should say instead of `text`, for hidden cells."""

    @property
    def shown(self) -> bool:
        return self.status == Status.SHOWN


@dataclass(frozen=True)
class CountTable:
    """Exact counts, rows × columns. Totals are computed, never given."""

    values: tuple[tuple[int, ...], ...]
    respondent_rows: bool = False
    """Each row is one respondent (an actor) who knows its own row."""

    def __post_init__(self) -> None:
        widths = {len(row) for row in self.values}
        if not self.values or len(widths) != 1 or 0 in widths:
            raise ValueError("A table needs at least one row and column, all rows equally long.")
        if any(value < 0 for row in self.values for value in row):
            raise ValueError("Counts cannot be negative.")

    @classmethod
    def of(cls, values: Iterable[Iterable[int]], *, respondent_rows: bool = False) -> CountTable:
        return cls(tuple(tuple(row) for row in values), respondent_rows=respondent_rows)

    @property
    def row_count(self) -> int:
        return len(self.values)

    @property
    def column_count(self) -> int:
        return len(self.values[0])

    def extended(self) -> list[list[int]]:
        """The table with a totals column on the right and a totals row below."""
        grid = [[*row, sum(row)] for row in self.values]
        grid.append([sum(column) for column in zip(*grid, strict=True)])
        return grid


@dataclass(frozen=True)
class ProtectedTable:
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell
    threshold: int
    withheld: bool = False

    @property
    def rows(self) -> list[tuple[tuple[Cell, ...], Cell]]:
        """Each row's cells with its total, for templates."""
        return list(zip(self.cells, self.row_totals, strict=True))

    @property
    def has_hidden(self) -> bool:
        return any(not cell.shown for cell in self._all())

    def _all(self) -> Iterable[Cell]:
        for row in self.cells:
            yield from row
        yield from self.row_totals
        yield from self.column_totals
        yield self.total


# --- cells -------------------------------------------------------------------------


def small_text(threshold: int) -> str:
    return f"<{threshold}"


def _cell(value: int, status: Status, threshold: int) -> Cell:
    if status == Status.SHOWN:
        return Cell(status, value, str(value))
    if status == Status.SMALL:
        description = _("färre än %(threshold)s") % {"threshold": threshold}
        return Cell(status, None, small_text(threshold), description)
    if status == Status.PROTECTING:
        return Cell(status, None, HIDDEN_TEXT, _("dolt för att skydda andra värden"))
    return Cell(status, None, HIDDEN_TEXT, _("dolt"))


def is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def protect_count(value: int, threshold: int) -> Cell:
    """A count that stands alone (not part of a table with totals)."""
    _check_threshold(threshold)
    return _cell(value, Status.SMALL if is_small(value, threshold) else Status.SHOWN, threshold)


def protect_share(part: Cell, whole: Cell, *, per: int = 100, decimals: int = 0) -> Cell:
    """`part` as a share of `whole` (a percentage by default, or per 10 000 …),
    hidden whenever either count is hidden or `whole` is zero. The cell has
    only a text: a share is shown, never summed."""
    if not (part.shown and whole.shown) or not whole.value:
        return Cell(Status.PROTECTING, None, HIDDEN_TEXT, _("dolt för att skydda små tal"))
    assert part.value is not None
    share = round(part.value * per / whole.value, decimals)
    text = f"{share:.{decimals}f}".replace(".", ",")
    return Cell(Status.SHOWN, None, f"{text} %" if per == 100 else text)


def _check_threshold(threshold: int) -> None:
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"The threshold must be at least {MINIMUM_THRESHOLD}.")


# --- the table ---------------------------------------------------------------------


def protect(table: CountTable, threshold: int) -> ProtectedTable:
    """The table as it may be published: see the module docstring."""
    _check_threshold(threshold)
    grid = table.extended()
    statuses = _suppression(grid, threshold, table.respondent_rows)
    if statuses is None:
        everything = _positions(grid)
        return _published(grid, dict.fromkeys(everything, Status.WITHHELD), threshold)
    return _published(grid, statuses, threshold)


def unprotected(table: CountTable, threshold: int) -> ProtectedTable:
    """The table with every value shown, in the same shape as `protect` gives:
    only for those allowed to see raw values (the coordinator, the reporter)."""
    return _published(table.extended(), {}, threshold)


def _positions(grid: list[list[int]]) -> list[Position]:
    return [(r, c) for r in range(len(grid)) for c in range(len(grid[0]))]


def _published(
    grid: list[list[int]], statuses: dict[Position, Status], threshold: int
) -> ProtectedTable:
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1

    def cell(r: int, c: int) -> Cell:
        return _cell(grid[r][c], statuses.get((r, c), Status.SHOWN), threshold)

    return ProtectedTable(
        cells=tuple(tuple(cell(r, c) for c in range(last_column)) for r in range(last_row)),
        row_totals=tuple(cell(r, last_column) for r in range(last_row)),
        column_totals=tuple(cell(last_row, c) for c in range(last_column)),
        total=cell(last_row, last_column),
        threshold=threshold,
        withheld=Status.WITHHELD in statuses.values(),
    )


def _suppression(
    grid: list[list[int]], threshold: int, respondent_rows: bool
) -> dict[Position, Status] | None:
    """The hidden cells of the extended table and why, or None if no pattern
    protects it. While some reader can work out a hidden cell, the cheapest
    set of shown cells that puts it on a cycle is hidden too."""
    hidden = {(r, c): Status.SMALL for r, c in _positions(grid) if is_small(grid[r][c], threshold)}
    audit = _Audit(grid, threshold, respondent_rows)
    while (exposed := audit.first_exposed(hidden)) is not None:
        position, insider = exposed
        to_hide = audit.cycle(hidden, position, insider, hiding_allowed=True)
        if not to_hide:
            # Not even hiding every other count would do (hiding is monotone:
            # a hidden cell only widens what the others could be).
            return None
        hidden.update(dict.fromkeys(to_hide, Status.PROTECTING))
    return hidden


Node = tuple[str, int]
"""("r", row) or ("c", column) of the extended table."""
Arc = tuple[Node, int, Position]
"""The node an arc leads to, its cost (what hiding the cell costs) and the cell."""


class _Audit:
    """Whether, and how, hidden cells of one extended table can be worked out.

    In every line of the extended table the inner cells sum to the total.
    Flip the sign of the row and column totals (not the grand total) and every
    line sums to zero instead: any other table agreeing with what is published
    differs by a circulation between row nodes and column nodes, made of
    cycles. So a hidden cell can take another value exactly when it lies on a
    cycle of hidden cells, each raised or lowered by one within its bounds:
    a path in a graph with a node per row and per column and an arc per cell
    and direction it may move in."""

    def __init__(self, grid: list[list[int]], threshold: int, respondent_rows: bool) -> None:
        self.grid = grid
        self.threshold = threshold
        self.last_row = len(grid) - 1
        self.last_column = len(grid[0]) - 1
        # Whoever reads the table, and (for respondent rows) each respondent,
        # who knows its own row. A single respondent knows the whole table.
        self.insiders: list[int | None] = [None]
        if respondent_rows and self.last_row > 1:
            self.insiders += list(range(self.last_row))

    def value(self, position: Position) -> int:
        return self.grid[position[0]][position[1]]

    def first_exposed(self, hidden: dict[Position, Status]) -> tuple[Position, int | None] | None:
        """A hidden cell someone can work out exactly, with who (None: any reader)."""
        for insider in self.insiders:
            for position in sorted(hidden):
                if self.concerns(position, insider) and not self.can_change(
                    hidden, position, insider
                ):
                    return position, insider
        return None

    def concerns(self, position: Position, insider: int | None) -> bool:
        """Which hidden cells must stay hidden from this reader: every one from
        an outside reader; from a respondent, the other respondents' rows."""
        if insider is None:
            return True
        return position[0] != insider and position[0] != self.last_row

    def can_change(
        self, hidden: dict[Position, Status], target: Position, insider: int | None
    ) -> bool:
        """Whether `target` can be one more or one less in some table that
        agrees with everything the reader knows."""
        return self.cycle(hidden, target, insider, hiding_allowed=False) is not None

    def cycle(
        self,
        hidden: dict[Position, Status],
        target: Position,
        insider: int | None,
        *,
        hiding_allowed: bool,
    ) -> list[Position] | None:
        """The cheapest cycle through `target`: the shown cells on it, which
        must be hidden for it to exist (none if it exists already), or None if
        there is none (with `hiding_allowed`, using any shown count but zeros)."""
        forward, backward = self._directions(target, hidden[target])
        graph = self._graph(hidden, insider, target, hiding_allowed)
        row, column = ("r", target[0]), ("c", target[1])
        paths = []
        if forward:  # target takes the arc row → column; the path leads back
            paths.append(_cheapest_path(graph, column, row))
        if backward:
            paths.append(_cheapest_path(graph, row, column))
        found = [path for path in paths if path is not None]
        if not found:
            return None
        _cost, cells = min(found)
        return [cell for cell in cells if cell not in hidden]

    def _directions(self, position: Position, status: Status) -> tuple[bool, bool]:
        """Whether the cell may take the arc row→column and column→row. Inner
        cells and the grand total rise along row→column; row and column
        totals, whose sign is flipped, fall along it."""
        value = self.value(position)
        if status == Status.SMALL:
            low, high = 1, self.threshold - 1
        else:
            # Hidden as "..": zeros and small counts never are, so it is at
            # least the threshold, with no upper bound (a step of one is all
            # that is ever asked).
            low, high = self.threshold, value + 1
        can_rise, can_fall = value + 1 <= high, value - 1 >= low
        r, c = position
        if (r < self.last_row) == (c < self.last_column):
            return can_rise, can_fall
        return can_fall, can_rise

    def _cost(self, position: Position) -> int:
        # Hide small counts before large ones, and inner cells before totals.
        r, c = position
        is_total = r == self.last_row or c == self.last_column
        return (self.value(position) + 1) * (2 if is_total else 1)

    def _graph(
        self,
        hidden: dict[Position, Status],
        insider: int | None,
        skip: Position,
        hiding_allowed: bool,
    ) -> dict[Node, list[Arc]]:
        """Arcs of the cells the reader does not know; with `hiding_allowed`
        also of the shown counts but zeros, at the cost of hiding them."""
        graph: dict[Node, list[Arc]] = {}
        for position in _positions(self.grid):
            r, c = position
            if position == skip or r == insider:
                continue
            status = hidden.get(position)
            cost = 0
            if status is None:
                if not hiding_allowed or self.value(position) == 0:
                    continue
                status, cost = Status.PROTECTING, self._cost(position)
            forward, backward = self._directions(position, status)
            if forward:
                graph.setdefault(("r", r), []).append((("c", c), cost, position))
            if backward:
                graph.setdefault(("c", c), []).append((("r", r), cost, position))
        return graph


def _cheapest_path(
    graph: dict[Node, list[Arc]], start: Node, goal: Node
) -> tuple[int, list[Position]] | None:
    """Dijkstra: the cost and cells of the cheapest path, or None."""
    queue: list[tuple[int, Node, tuple[Position, ...]]] = [(0, start, ())]
    done: set[Node] = set()
    while queue:
        cost, node, cells = heapq.heappop(queue)
        if node == goal:
            return cost, list(cells)
        if node in done:
            continue
        done.add(node)
        for following, arc_cost, cell in graph.get(node, ()):
            if following not in done:
                heapq.heappush(queue, (cost + arc_cost, following, (*cells, cell)))
    return None


def recoverable_cells(protected: ProtectedTable, table: CountTable) -> list[Position]:
    """Hidden cells some reader could work out exactly (for checks and tests):
    an empty list for every table `protect` returns, unless it was withheld."""
    grid = table.extended()
    published = [*protected.rows, (protected.column_totals, protected.total)]
    statuses = {
        (r, c): cell.status
        for r, (cells, total) in enumerate(published)
        for c, cell in enumerate([*cells, total])
        if not cell.shown
    }
    audit = _Audit(grid, protected.threshold, table.respondent_rows)
    return [
        position
        for insider in audit.insiders
        for position in sorted(statuses)
        if audit.concerns(position, insider) and not audit.can_change(statuses, position, insider)
    ]
