"""The one shape participation counts are published in: per training and
year, a row per participating actor (its units added up), a column per
professional group, and totals. Everyone but the coordinator sees these
tables after disclosure control (datacollection.disclosure), and every other
figure they are shown (a training's total over the years, coverage) is added
up from the cells of these tables: a figure built on a hidden cell is hidden
too, so no other shape can give away what a table hides."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from handlingskraft.datacollection.disclosure import (
    HIDDEN_TEXT,
    Cell,
    CountTable,
    ProtectedTable,
    Status,
    protect,
    unprotected,
)
from handlingskraft.plans.activity_filters import swedish_key

from .coverage import Counts


@dataclass(frozen=True)
class Fact:
    """Participants of one actor's professional group in a training and year,
    its units added up."""

    training_id: int
    year: int
    actor_id: int
    actor_name: str
    group_id: int
    group_name: str
    group_position: int
    participants: int


@dataclass(frozen=True)
class ParticipationTable:
    training_id: int
    year: int
    actor_ids: list[int]
    row_labels: list[str]
    group_ids: list[int]
    column_labels: list[str]
    table: ProtectedTable

    @property
    def rows(self) -> list[tuple[str, tuple[tuple[Cell, ...], Cell]]]:
        return list(zip(self.row_labels, self.table.rows, strict=True))

    @property
    def has_several_rows(self) -> bool:
        return len(self.row_labels) > 1


def participation_table(facts: list[Fact], *, threshold: int, raw: bool) -> ParticipationTable:
    """The table of one training and year (`facts` all of that training and
    year, at least one), after disclosure control unless `raw`."""
    first = facts[0]
    actors = {fact.actor_id: fact.actor_name for fact in facts}
    groups = {fact.group_id: (fact.group_position, fact.group_name) for fact in facts}
    actor_ids = sorted(actors, key=lambda pk: (swedish_key(actors[pk]), pk))
    group_ids = sorted(groups, key=lambda pk: (*groups[pk], pk))
    values = {(fact.actor_id, fact.group_id): fact.participants for fact in facts}
    counts = CountTable.of(
        ([values.get((actor, group), 0) for group in group_ids] for actor in actor_ids),
        respondent_rows=True,
    )
    return ParticipationTable(
        training_id=first.training_id,
        year=first.year,
        actor_ids=actor_ids,
        row_labels=[actors[pk] for pk in actor_ids],
        group_ids=group_ids,
        column_labels=[groups[pk][1] for pk in group_ids],
        table=unprotected(counts, threshold) if raw else protect(counts, threshold),
    )


def participation_tables(
    facts: Iterable[Fact], *, threshold: int, raw: bool
) -> dict[tuple[int, int], ParticipationTable]:
    """A table per (training, year) that has participation."""
    grouped: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    for fact in facts:
        grouped[(fact.training_id, fact.year)].append(fact)
    return {
        key: participation_table(items, threshold=threshold, raw=raw)
        for key, items in sorted(grouped.items())
    }


def published_counts(tables: Iterable[ParticipationTable]) -> Counts:
    """Every cell of the tables by (training, year, actor, group): its value,
    or None where it is hidden."""
    counts: dict[tuple[int, int, int, int], int | None] = {}
    for table in tables:
        for actor, cells in zip(table.actor_ids, table.table.cells, strict=True):
            for group, cell in zip(table.group_ids, cells, strict=True):
                counts[(table.training_id, table.year, actor, group)] = (
                    cell.value if cell.shown else None
                )
    return counts


def sum_of(cells: Iterable[Cell]) -> Cell:
    """Published cells added up: shown only when every one of them is."""
    result = 0
    for cell in cells:
        if not cell.shown or cell.value is None:
            return Cell(Status.PROTECTING, None, HIDDEN_TEXT, _hidden_description())
        result += cell.value
    return Cell(Status.SHOWN, result, str(result))


def training_totals(
    tables: Mapping[tuple[int, int], ParticipationTable],
) -> dict[int, Cell]:
    """Each training's participants over all years: the tables' totals added up."""
    by_training: dict[int, list[Cell]] = defaultdict(list)
    for (training, _year), table in tables.items():
        by_training[training].append(table.table.total)
    return {training: sum_of(cells) for training, cells in by_training.items()}


def known(value: int | None) -> Cell:
    """A figure built from published cells (None: built on a hidden one)."""
    if value is None:
        return Cell(Status.PROTECTING, None, HIDDEN_TEXT, _hidden_description())
    return Cell(Status.SHOWN, value, str(value))


def _hidden_description() -> str:
    return _("dolt för att skydda små tal")
