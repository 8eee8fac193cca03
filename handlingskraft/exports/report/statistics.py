"""The report's statistics: every approved table of the organisation's data
sets for the periods of the round, after disclosure control. A report leaves
the circle allowed to see raw values whoever asks for it, so it always
passes through `protect` (via `element_table`), like the statistics exports."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from handlingskraft.datacollection.disclosure import small_text
from handlingskraft.datacollection.models import DataElement, DataSet, Frequency, StatisticsSettings
from handlingskraft.datacollection.queries import approved_values
from handlingskraft.datacollection.tables import ElementTable, element_table
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period

from .model import StatisticsSection, Table

TERTIAL_MONTHS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}


def periods_within(data_set: DataSet, start: datetime.date, end: datetime.date) -> list[Period]:
    """The data set's periods that overlap the round's period, oldest first."""
    periods = []
    for year in range(start.year, end.year + 1):
        if data_set.frequency != Frequency.TERTIAL:
            periods.append(Period(year))
            continue
        for tertial, (first, last) in TERTIAL_MONTHS.items():
            if (year, first) <= (end.year, end.month) and (year, last) >= (
                start.year,
                start.month,
            ):
                periods.append(Period(year, tertial))
    return [period for period in periods if data_set.has_period(period)]


def statistics_sections(
    organization: Organization, start: datetime.date, end: datetime.date
) -> list[StatisticsSection]:
    """One section per data set with approved values in the period: three
    queries, and one more per data set that has periods in it."""
    elements = DataElement.objects.order_by("position", "pk").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.order_by("name"))
    )
    data_sets = DataSet.objects.filter(organization=organization).prefetch_related(
        Prefetch("elements", queryset=elements)
    )
    threshold = StatisticsSettings.threshold_for(organization)
    sections = []
    for data_set in data_sets.order_by("name"):
        periods = periods_within(data_set, start, end)
        if not periods:
            continue
        approved = approved_values(data_set)
        tables = [
            element_table(element, approved, period, threshold=threshold, raw=False)
            for period in periods
            for element in data_set.elements.all()
        ]
        shown = [_table(table, threshold) for table in tables if table.table is not None]
        if shown:
            sections.append(StatisticsSection(data_set.name, data_set.description, shown))
    return sections


def _table(element_table: ElementTable, threshold: int) -> Table:
    protected = element_table.table
    assert protected is not None
    breakdown = element_table.has_breakdown
    header = [_("Aktör"), *element_table.column_labels] + ([_("Totalt")] if breakdown else [])
    rows = [
        [label, *(cell.text for cell in cells)] + ([total.text] if breakdown else [])
        for label, (cells, total) in element_table.rows
    ]
    footer = []
    if len(rows) > 1:
        totals = [cell.text for cell in protected.column_totals]
        footer.append([_("Samtliga"), *totals] + ([protected.total.text] if breakdown else []))
    notes = []
    if protected.withheld:
        notes.append(_("Tabellen visas inte: de små talen i den går inte att skydda."))
    elif protected.has_hidden:
        notes.append(
            _(
                "Antal från 1 till %(below)s visas som ”%(small)s”; ”..” är dolt för att "
                "skydda andra värden."
            )
            % {"below": threshold - 1, "small": small_text(threshold)}
        )
    if element_table.missing:
        names = ", ".join(actor.name for actor in element_table.missing)
        notes.append(_("Saknar godkänd rapport: %(actors)s.") % {"actors": names})
    element = element_table.element
    return Table(
        caption=f"{element.name} ({element.code}), {element_table.period.label}",
        header=header,
        rows=rows,
        footer=footer,
        notes=notes,
    )
