"""Activities as the reports and the activity list show them: numbered in the
plan's order, with their responsible actors (the lead first) and a status,
either the activity's own (the plan) or its result in a follow-up round."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from handlingskraft.followup.models import (
    Consolidation,
    FollowUpRound,
    ReportingTask,
    StatusReport,
    TaskState,
)
from handlingskraft.plans.activity_filters import ActivityRow, numbered
from handlingskraft.plans.models import Activity, ActivityStatus, Plan, PreventionLevel

from .model import ActivityEntry, ActivityGroup, Table

# The order the report groups activities in: done first, as Haninge's
# report-back did (genomförda, pågående, ej påbörjade …), then what needs
# attention, then those nobody has reported on.
GROUP_ORDER = [
    ActivityStatus.COMPLETED,
    ActivityStatus.ONGOING,
    ActivityStatus.NOT_STARTED,
    ActivityStatus.DELAYED,
    ActivityStatus.CANCELLED,
    "",
]


def group_heading(status: str) -> str:
    headings: dict[str, str] = {
        ActivityStatus.COMPLETED: _("Genomförda"),
        ActivityStatus.ONGOING: _("Pågående"),
        ActivityStatus.NOT_STARTED: _("Ej påbörjade"),
        ActivityStatus.DELAYED: _("Försenade"),
        ActivityStatus.CANCELLED: _("Avbrutna"),
    }
    return headings.get(status, _("Utan rapporterad status"))


def status_label(status: str) -> str:
    return str(ActivityStatus(status).label) if status else _("Ingen status angiven")


@dataclass(frozen=True)
class Result:
    """An activity's status and text: in a round, or as recorded on the plan."""

    status: str
    label: str
    text: str


def plan_activities(plan: Plan) -> list[Activity]:
    """Every activity of a plan fetched with `Plan.objects.with_structure()`,
    without further queries."""
    activities = [a for goal in plan.goals.all() for a in goal.activities.all()]
    return activities + list(plan.activities.all())


def recorded_results(activities: Sequence[Activity]) -> dict[int, Result]:
    """Each activity's status as recorded on the plan (the last approved round's)."""
    return {
        a.pk: Result(a.status, status_label(a.status), a.status_note)
        for a in activities
        if a.status
    }


def round_results(
    round: FollowUpRound,
    tasks: Sequence[ReportingTask],
    reports: Mapping[int, StatusReport],
    consolidations: Sequence[Consolidation],
    leads: Mapping[int, int | None],
) -> dict[int, Result]:
    """Each activity's result in the round: its consolidated status where one is
    written, else its reports. An approved round counts approved reports only;
    an open one (a preliminary report) submitted ones too. With several
    reports and no consolidated status, the lead actor's status is shown with
    every actor's text."""
    counted = {TaskState.APPROVED} if round.is_locked else {TaskState.APPROVED, TaskState.SUBMITTED}
    by_activity: dict[int, list[tuple[ReportingTask, StatusReport]]] = {}
    for task in tasks:
        report = reports.get(task.pk)
        if task.activity_id is None or task.state not in counted or report is None:
            continue
        if report.status is not None:
            by_activity.setdefault(task.activity_id, []).append((task, report))
    results: dict[int, Result] = {}
    for activity_id, items in by_activity.items():
        items.sort(key=lambda item: item[0].actor_id != leads.get(activity_id))
        status = items[0][1].status
        assert status is not None
        if len(items) == 1:
            text = items[0][1].done
        else:
            text = "\n\n".join(f"{task.actor.name}: {report.done}" for task, report in items)
        results[activity_id] = Result(status.category, status.label, text)
    for row in consolidations:
        results[row.activity_id] = Result(row.status.category, row.status.label, row.text)
    return results


def activity_entries(
    plan: Plan, activities: Sequence[Activity], results: Mapping[int, Result]
) -> list[ActivityEntry]:
    """The activities in the plan's order, numbered, with their results."""
    goals = {goal.pk: goal for goal in plan.goals.all()}
    entries = []
    for row in numbered(ActivityRow.of(activity) for activity in activities):
        activity = row.activity
        assignments = sorted(activity.assignments.all(), key=lambda a: (not a.is_lead, a.position))
        lead = next((a.actor.name for a in assignments if a.is_lead), "")
        result = results.get(activity.pk, Result("", status_label(""), ""))
        goal = goals.get(activity.goal_id) if activity.goal_id else None
        entries.append(
            ActivityEntry(
                activity_id=activity.pk,
                number=row.number,
                description=activity.description,
                goal=f"{plan.section_label.capitalize()} {goal.number}: {goal.title}"
                if goal
                else "",
                actors=[a.actor.name for a in assignments],
                lead=lead,
                status=result.status,
                status_label=result.label,
                text=result.text,
                prevention_level=str(PreventionLevel(activity.prevention_level).label)
                if activity.prevention_level
                else "",
                partner_note=activity.partner_note,
                starts_on=activity.starts_on,
                due_on=activity.due_on,
                recurrence=activity.recurrence,
            )
        )
    return entries


def grouped(entries: Sequence[ActivityEntry]) -> list[ActivityGroup]:
    """The entries by status, in GROUP_ORDER; empty groups left out."""
    groups = []
    for status in GROUP_ORDER:
        members = [entry for entry in entries if entry.status == status]
        if members:
            groups.append(ActivityGroup(status, group_heading(status), members))
    return groups


def status_counts(entries: Sequence[ActivityEntry]) -> list[tuple[str, int]]:
    """(status, count) for every status in the report's order (GROUP_ORDER),
    "no status" last; zeros included."""
    return [
        (status, sum(1 for entry in entries if entry.status == status)) for status in GROUP_ORDER
    ]


def status_table(entries: Sequence[ActivityEntry], caption: str) -> Table:
    counts = status_counts(entries)
    return Table(
        caption=caption,
        header=[_("Status"), _("Antal")],
        rows=[[status_label(status), str(count)] for status, count in counts],
        footer=[[_("Totalt"), str(len(entries))]],
    )


def activity_table(entries: Sequence[ActivityEntry], caption: str, *, with_status: bool) -> Table:
    """The activities as one table: number, description, actors (and status)."""
    header = [_("Nr"), _("Aktivitet"), _("Ansvariga aktörer")]
    if with_status:
        header.append(_("Status"))
    rows = []
    for entry in entries:
        row = [entry.number, entry.description, actor_text(entry)]
        if with_status:
            row.append(entry.status_label)
        rows.append(row)
    return Table(caption=caption, header=header, rows=rows, numeric=False)


def actor_text(entry: ActivityEntry) -> str:
    """The responsible actors in one cell, the lead marked."""
    return ", ".join(
        _("%(actor)s (leder)") % {"actor": name} if name == entry.lead else name
        for name in entry.actors
    )
