"""The one shape every table of an element's values has: for one period, a row
per reporting actor with an approved report, a column per breakdown category
(one "Antal" column when there is none), and totals. The statistics pages and
the exports all build their tables here, so a table is published in one shape
only and its suppression pattern is the same wherever it appears."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from handlingskraft.organizations.models import Actor
from handlingskraft.plans.periods import Period

from .categories import TOTAL, categories
from .disclosure import Cell, CountTable, ProtectedTable, protect, unprotected
from .models import DataElement
from .queries import ApprovedValues


@dataclass(frozen=True)
class ElementTable:
    element: DataElement
    period: Period
    row_labels: list[str]
    column_labels: list[str]
    table: ProtectedTable | None
    """None when no reporting actor has an approved report for the period."""
    missing: list[Actor]
    """Actors who report the element but have no approved report for the period."""

    @property
    def has_breakdown(self) -> bool:
        return len(self.column_labels) > 1

    @property
    def rows(self) -> list[tuple[str, tuple[tuple[Cell, ...], Cell]]]:
        if self.table is None:
            return []
        return list(zip(self.row_labels, self.table.rows, strict=True))


def column_labels(element: DataElement) -> list[str]:
    return [category.label for category in categories(element.breakdown)] or [_("Antal")]


def count_table(
    element: DataElement, actors: Iterable[Actor], approved: ApprovedValues, period: Period
) -> tuple[list[Actor], CountTable | None]:
    """The exact counts of the element for the period: the actors with a row
    and the table (None if no actor has one)."""
    codes = [category.code for category in categories(element.breakdown)] or [TOTAL]
    reporting, rows = [], []
    for actor in actors:
        values = approved.get((actor.pk, period), {}).get(element.pk)
        if values is None:
            continue
        reporting.append(actor)
        rows.append([values.get(code, 0) for code in codes])
    if not rows:
        return [], None
    return reporting, CountTable.of(rows, respondent_rows=True)


def element_table(
    element: DataElement,
    approved: ApprovedValues,
    period: Period,
    *,
    threshold: int,
    raw: bool,
) -> ElementTable:
    """The element's table for the period, after disclosure control unless
    `raw` (only for those allowed to see raw values). The element's actors
    must be prefetched."""
    actors = sorted(element.actors.all(), key=lambda actor: actor.name)
    reporting, counts = count_table(element, actors, approved, period)
    table = None
    if counts is not None:
        table = unprotected(counts, threshold) if raw else protect(counts, threshold)
    return ElementTable(
        element=element,
        period=period,
        row_labels=[actor.name for actor in reporting],
        column_labels=column_labels(element),
        table=table,
        missing=[actor for actor in actors if actor not in reporting],
    )
