"""Disclosure control: plain examples, and properties over random tables
checked by an independent method (linear programming with scipy): no hidden
count can be worked out exactly from what is published, no published count
lies between 1 and the threshold − 1, and shown cells are exact."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from handlingskraft.datacollection.disclosure import (
    HIDDEN_TEXT,
    Cell,
    CountTable,
    ProtectedTable,
    Status,
    protect,
    protect_count,
    protect_share,
    recoverable_cells,
    unprotected,
)

Position = tuple[int, int]


def texts(protected: ProtectedTable) -> list[list[str]]:
    """The table as printed: rows with their totals, then the totals row."""
    rows = [[cell.text for cell in cells] + [total.text] for cells, total in protected.rows]
    return [*rows, [cell.text for cell in protected.column_totals] + [protected.total.text]]


def published(protected: ProtectedTable) -> dict[Position, Cell]:
    lines = [*protected.rows, (protected.column_totals, protected.total)]
    return {
        (r, c): cell
        for r, (cells, total) in enumerate(lines)
        for c, cell in enumerate([*cells, total])
    }


# --- plain examples ------------------------------------------------------------------


def test_a_lone_count_under_the_threshold_is_shown_with_the_threshold():
    assert protect_count(3, 5).text == "<5"
    assert protect_count(3, 5).value is None
    assert protect_count(2, 3).text == "<3"
    assert protect_count(0, 5).text == "0"
    assert protect_count(5, 5).text == "5"


def test_the_threshold_cannot_be_lower_than_three():
    with pytest.raises(ValueError):
        protect_count(1, 2)
    with pytest.raises(ValueError):
        protect(CountTable.of([[1]]), 2)


def test_a_table_without_small_counts_is_shown_as_it_is():
    protected = protect(CountTable.of([[0, 12], [7, 9]]), 5)
    assert texts(protected) == [["0", "12", "12"], ["7", "9", "16"], ["7", "21", "28"]]
    assert not protected.has_hidden


def test_one_small_count_hides_three_more_so_that_the_totals_give_nothing_away():
    protected = protect(CountTable.of([[3, 10], [8, 12]]), 5)
    assert texts(protected) == [["<5", "..", "13"], ["..", "..", "20"], ["11", "22", "33"]]
    hidden = protected.cells[0][1]
    assert hidden.status == Status.PROTECTING
    assert hidden.value is None
    assert hidden.description == "dolt för att skydda andra värden"


def test_totals_are_summed_from_the_exact_counts_and_a_small_total_is_hidden():
    protected = protect(CountTable.of([[2, 2, 2]]), 5)
    assert texts(protected) == [["<5", "<5", "<5", "6"], ["<5", "<5", "<5", "6"]]
    small_total = protect(CountTable.of([[1, 0], [2, 0]]), 5)
    assert small_total.total.text == "<5"


def test_zeros_are_shown_and_never_hidden_to_protect_others():
    protected = protect(CountTable.of([[3, 0], [0, 20]]), 5)
    for cell in [protected.cells[0][1], protected.cells[1][0]]:
        assert cell.text == "0"


def test_an_actor_cannot_work_out_another_actors_small_count_from_its_own_and_the_total():
    table = CountTable.of([[4], [7]], respondent_rows=True)
    protected = protect(table, 5)
    # Socialnämnden knows its 7: with the total 11 published, 4 would follow.
    assert not protected.total.shown
    assert not protected.column_totals[0].shown
    outside = protect(CountTable.of([[4], [7]]), 5)
    assert outside.total.text == "11"


def test_a_table_that_cannot_be_protected_is_withheld_whole():
    # Threshold 3: "<3" is 1 or 2, and two of them summing to a "<3" total are both 1.
    protected = protect(CountTable.of([[1, 1], [0, 0]]), 3)
    assert protected.withheld
    assert {cell.text for cell in published(protected).values()} == {HIDDEN_TEXT}
    assert all(cell.value is None for cell in published(protected).values())


def test_the_raw_table_for_the_coordinator_has_the_same_shape_with_every_value():
    raw = unprotected(CountTable.of([[3, 10], [8, 12]]), 5)
    assert texts(raw) == [["3", "10", "13"], ["8", "12", "20"], ["11", "22", "33"]]


def test_a_share_of_a_hidden_count_is_hidden_too():
    shown, small = protect_count(5, 5), protect_count(3, 5)
    whole = protect_count(20, 5)
    assert protect_share(shown, whole).text == "25 %"
    assert protect_share(small, whole).text == HIDDEN_TEXT
    assert protect_share(shown, small).text == HIDDEN_TEXT
    assert protect_share(protect_count(0, 5), protect_count(0, 5)).text == HIDDEN_TEXT
    assert protect_share(shown, whole, per=10_000).text == "2500"
    assert protect_share(protect_count(7, 5), protect_count(9, 5), decimals=1).text == "77,8 %"


# --- an independent check: the range of each hidden cell, by linear programming ---------


def _bounds(cell: Cell, threshold: int) -> tuple[float, float | None]:
    """What a reader knows about a hidden cell from its label."""
    if cell.status == Status.SMALL:
        return 1, threshold - 1
    if cell.status == Status.PROTECTING:
        return threshold, None
    return 0, None  # withheld: nothing


def feasible_range(
    table: CountTable, protected: ProtectedTable, target: Position, insider: int | None
) -> tuple[float, float]:
    """The least and greatest value of `target` over all tables that agree
    with what the reader knows: every published cell, every line summing to
    its total, the labels' bounds and, for an insider, its own row."""
    grid = table.extended()
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    cells = published(protected)
    unknown = [
        position for position, cell in cells.items() if not cell.shown and position[0] != insider
    ]
    index = {position: i for i, position in enumerate(unknown)}
    lines = [[(r, c) for c in range(last_column + 1)] for r in range(last_row + 1)]
    lines += [[(r, c) for r in range(last_row + 1)] for c in range(last_column + 1)]
    equations, constants = [], []
    for line in lines:
        row = [0.0] * len(unknown)
        constant = 0.0
        for position in line:
            # Inner cells add up to the total, the line's last cell.
            sign = -1.0 if position == line[-1] else 1.0
            if position in index:
                row[index[position]] += sign
            else:
                constant -= sign * grid[position[0]][position[1]]
        equations.append(row)
        constants.append(constant)
    bounds = [_bounds(cells[position], protected.threshold) for position in unknown]
    objective = [0.0] * len(unknown)
    objective[index[target]] = 1.0
    low = linprog(objective, A_eq=equations, b_eq=constants, bounds=bounds, method="highs")
    high = linprog(
        [-x for x in objective], A_eq=equations, b_eq=constants, bounds=bounds, method="highs"
    )
    assert low.status == 0, "the true table must be feasible"
    unbounded = high.status == 3
    assert high.status == 0 or unbounded
    return low.fun, float("inf") if unbounded else -high.fun


def readers(table: CountTable) -> list[int | None]:
    """Any reader, and each respondent (who knows its own row) if rows are respondents."""
    rows = table.row_count
    return [None, *range(rows)] if table.respondent_rows and rows > 1 else [None]


def concerns(position: Position, insider: int | None, table: CountTable) -> bool:
    return insider is None or position[0] not in (insider, table.row_count)


counts = st.one_of(
    st.just(0), st.integers(min_value=1, max_value=4), st.integers(min_value=5, max_value=40)
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[CountTable, int]:
    rows = draw(st.integers(min_value=1, max_value=4))
    columns = draw(st.integers(min_value=1, max_value=4))
    values = draw(
        st.lists(st.lists(counts, min_size=columns, max_size=columns), min_size=rows, max_size=rows)
    )
    threshold = draw(st.integers(min_value=3, max_value=6))
    return CountTable.of(values, respondent_rows=draw(st.booleans())), threshold


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(tables())
def test_no_hidden_count_can_be_worked_out_from_what_is_published(case):
    table, threshold = case
    protected = protect(table, threshold)
    for insider in readers(table):
        for position, cell in published(protected).items():
            if cell.shown or not concerns(position, insider, table):
                continue
            low, high = feasible_range(table, protected, position, insider)
            assert high - low >= 1 - 1e-6, (position, insider, texts(protected))


@PROPERTY_SETTINGS
@given(tables())
def test_published_counts_are_exact_and_never_small(case):
    table, threshold = case
    protected = protect(table, threshold)
    grid = table.extended()
    for (r, c), cell in published(protected).items():
        exact = grid[r][c]
        if cell.shown:
            assert cell.value == exact and cell.text == str(exact)
            assert not 0 < exact < threshold
        else:
            assert cell.value is None
            assert cell.text in {f"<{threshold}", HIDDEN_TEXT}
        if cell.status == Status.SMALL:
            assert 0 < exact < threshold
        if cell.status == Status.PROTECTING:  # what the reader may assume of ".."
            assert exact >= threshold


@PROPERTY_SETTINGS
@given(tables())
def test_a_table_is_withheld_only_when_hiding_every_other_count_would_not_do(case):
    table, threshold = case
    protected = protect(table, threshold)
    assert recoverable_cells(protected, table) == [] or protected.withheld
    if not protected.withheld:
        return
    # The most that could be hidden: every non-zero count. Some reader still
    # works out a hidden cell exactly, so no pattern would have protected it.
    grid = table.extended()

    def most_hidden(value: int) -> Cell:
        if value == 0:
            return Cell(Status.SHOWN, 0, "0")
        status = Status.SMALL if value < threshold else Status.PROTECTING
        return Cell(status, None, "")

    rows = len(grid) - 1
    everything = ProtectedTable(
        cells=tuple(tuple(most_hidden(v) for v in row[:-1]) for row in grid[:-1]),
        row_totals=tuple(most_hidden(row[-1]) for row in grid[:-1]),
        column_totals=tuple(most_hidden(v) for v in grid[rows][:-1]),
        total=most_hidden(grid[rows][-1]),
        threshold=threshold,
    )
    exposed = [
        (position, insider)
        for insider in readers(table)
        for position, cell in published(everything).items()
        if not cell.shown and concerns(position, insider, table)
        if (lambda r: r[1] - r[0] < 1 - 1e-6)(feasible_range(table, everything, position, insider))
    ]
    assert exposed
