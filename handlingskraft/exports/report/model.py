"""The report model: plain data, assembled once from the domain, that every
renderer (HTML page, PDF, DOCX, spreadsheets) reads. Nothing here touches the
database; texts are already in the reader's language and numbers already
formatted, so every format says exactly the same."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from handlingskraft.exports.charts import (
    BarChart,
    LineChart,
    chart_png,
    chart_svg,
    chart_table,
    text_alternative,
)
from handlingskraft.indicators.assessment import Verdict


@dataclass(frozen=True)
class Table:
    """A table as every renderer draws it: a caption, one header row, body rows
    whose first cell is the row's heading, and optional footer rows (totals)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    footer: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numeric: bool = True
    """Whether the cells after the first are numbers (right-aligned)."""


@dataclass(frozen=True)
class Figure:
    """A chart with its id on the page; SVG, PNG, alt text and table all come
    from the same chart."""

    chart: LineChart | BarChart
    chart_id: str
    data_table: Table | None = None
    """The table shown with the chart, if not the one made from the chart's data."""

    @property
    def title(self) -> str:
        return self.chart.title

    @property
    def svg(self) -> str:
        return chart_svg(self.chart, chart_id=self.chart_id)

    @property
    def png(self) -> bytes:
        return chart_png(self.chart)

    @property
    def alt(self) -> str:
        return text_alternative(self.chart)

    @property
    def table(self) -> Table:
        if self.data_table is not None:
            return self.data_table
        data = chart_table(self.chart)
        return Table(caption=data.caption, header=data.header, rows=data.rows, notes=data.notes)


@dataclass(frozen=True)
class ActivityEntry:
    """One activity as the report and the activity list show it."""

    activity_id: int
    number: str
    description: str
    goal: str
    """"Målbild 2: …", or empty for an activity of the whole plan."""
    actors: list[str]
    """The responsible actors, the lead first."""
    lead: str
    status: str
    """An ActivityStatus value, or "" when no status is reported."""
    status_label: str
    """The status in the organisation's own words."""
    text: str
    """The consolidated text (or the one report's text) for the round."""
    prevention_level: str
    partner_note: str
    starts_on: datetime.date | None
    due_on: datetime.date | None
    recurrence: str


@dataclass(frozen=True)
class ActivityGroup:
    status: str
    heading: str
    activities: list[ActivityEntry]


@dataclass(frozen=True)
class MeasureSection:
    statement: str
    facts: list[tuple[str, str]]
    """(term, value): direction, unit of analysis, baseline, target, source."""
    verdicts: list[tuple[str, str, str]]
    """(what, symbol, verdict): the latest value against the baseline and the previous one."""
    figure: Figure | None
    assessment: str
    analysis: str
    against_previous: Verdict | None
    """The latest value against the previous one; None without a value."""


@dataclass(frozen=True)
class GoalSection:
    anchor: str
    heading: str
    description: str
    prerequisites: list[str]
    assessment: str
    analysis: str
    measures: list[MeasureSection]
    groups: list[ActivityGroup]
    status_table: Table


@dataclass(frozen=True)
class StatisticsSection:
    heading: str
    description: str
    tables: list[Table]


@dataclass(frozen=True)
class TrainingSection:
    heading: str
    text: str
    tables: list[Table]


@dataclass(frozen=True)
class Summary:
    status_table: Table
    figure: Figure
    measure_sentence: str
    measure_table: Table | None


@dataclass(frozen=True)
class FollowUpReport:
    """The follow-up report of one round: what goes to the board and the public."""

    language: str
    title: str
    subtitle: str
    organization: str
    municipality_code: str
    plan_title: str
    round_name: str
    facts: list[tuple[str, str]]
    """The title page's facts (organisation, plan, round, period, date, diarienummer)."""
    preliminary: bool
    preliminary_note: str
    date: datetime.date
    summary: Summary
    goals: list[GoalSection]
    plan_wide: GoalSection | None
    """Activities and measures of the whole plan (outside any goal)."""
    statistics: list[StatisticsSection]
    training: TrainingSection | None
    activity_table: Table
    missing: Table | None
    missing_note: str
    activities: list[ActivityEntry]
    """Every activity, in the plan's order (the appendix and the spreadsheets)."""
    file_stem: str


@dataclass(frozen=True)
class ResponsibilityEntry:
    heading: str
    actor: str
    text: str
    followed_up_by: str


@dataclass(frozen=True)
class PlanGoal:
    anchor: str
    heading: str
    description: str
    prerequisites: list[str]
    measures: list[MeasureSection]
    activity_table: Table


@dataclass(frozen=True)
class PlanDocument:
    """The plan itself, as adopted: what the plan document in PDF and DOCX shows."""

    language: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    vision: str
    purpose: str
    goals: list[PlanGoal]
    plan_wide: PlanGoal | None
    responsibilities: list[ResponsibilityEntry]
    activities: list[ActivityEntry]
    file_stem: str
    date: datetime.date
