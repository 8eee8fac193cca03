"""Assembling the follow-up report of a round from the domain, in a fixed
number of queries however many activities, reports and rounds of history
there are (the statistics add one query per data set with periods in the
round, the training section what its app needs)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handlingskraft.exports.charts import Bar, BarChart
from handlingskraft.followup.models import (
    Assessment,
    FollowUpRound,
    ReportingTask,
    RoundEvent,
    StatusReport,
    TaskState,
)
from handlingskraft.followup.services import current_consolidations
from handlingskraft.indicators.assessment import Verdict
from handlingskraft.plans.models import Goal, MeasureTarget, Plan

from .activities import (
    activity_entries,
    activity_table,
    grouped,
    plan_activities,
    round_results,
    status_counts,
    status_label,
    status_table,
)
from .measures import measure_section, values_by_lineage
from .model import (
    ActivityEntry,
    Figure,
    FollowUpReport,
    GoalSection,
    MeasureSection,
    Summary,
    Table,
)
from .statistics import statistics_sections
from .training import training_section


def plan_with_structure(plan_id: int) -> Plan:
    """The plan with everything a report shows prefetched (targets too)."""
    targets = Prefetch("targets", queryset=MeasureTarget.objects.order_by("year", "tertial"))
    return (
        Plan.objects.with_structure()
        .prefetch_related(
            Prefetch("goals__measures__targets", queryset=targets.queryset),
            Prefetch("measures__targets", queryset=targets.queryset),
        )
        .get(pk=plan_id)
    )


def build_followup_report(round: FollowUpRound) -> FollowUpReport:
    """The report of `round` (an approved round, or an open one, marked preliminary)."""
    plan = plan_with_structure(round.plan_id)
    organization = plan.organization
    activities = plan_activities(plan)
    leads = {
        a.pk: next((x.actor_id for x in a.assignments.all() if x.is_lead), None) for a in activities
    }
    tasks = list(
        ReportingTask.objects.filter(round=round)
        .select_related("actor", "responsibility")
        .order_by("actor__name", "pk")
    )
    reports = _current_reports(round)
    results = round_results(round, tasks, reports, current_consolidations(round), leads)
    entries = activity_entries(plan, activities, results)
    assessments = list(Assessment.objects.filter(round=round).select_related("option"))
    values = values_by_lineage(plan, up_to_year=round.period_end.year)
    date = _report_date(round)
    by_goal = _entries_by_goal(entries, plan)
    measures = {m.pk: m for goal in plan.goals.all() for m in goal.measures.all()}
    measures.update({m.pk: m for m in plan.measures.all()})
    sections = {
        pk: measure_section(m, values.get(m.lineage, []), _assessment(assessments, measure=pk))
        for pk, m in measures.items()
    }
    goals = [
        _goal_section(plan, goal, by_goal.get(goal.number, []), sections, assessments)
        for goal in plan.goals.all()
    ]
    plan_wide = _plan_wide(plan, by_goal.get(None, []), sections)
    return FollowUpReport(
        language=translation.get_language() or "sv",
        title=_("Uppföljning av %(plan)s") % {"plan": plan.title},
        subtitle=f"{round.name}, {organization.name}",
        organization=organization.name,
        municipality_code=organization.municipality_code,
        plan_title=plan.title,
        round_name=round.name,
        facts=_facts(round, plan, date),
        preliminary=not round.is_locked,
        preliminary_note=_(
            "Preliminär: omgången är inte godkänd, så uppgifterna kan ändras. Rapporten "
            "visar inskickade och godkända rapporter."
        ),
        date=date,
        summary=_summary(entries, list(sections.values()), plan),
        goals=goals,
        plan_wide=plan_wide,
        statistics=statistics_sections(organization, round.period_start, round.period_end),
        training=training_section(organization, round.period_start, round.period_end),
        activity_table=activity_table(
            entries,
            _("Samtliga %(label)s med status") % {"label": plan.activity_label_plural},
            with_status=True,
        ),
        missing=_missing(tasks, entries, round),
        missing_note=_missing_note(round, tasks),
        activities=entries,
        file_stem=slugify(f"{organization.slug}-{plan.slug}-{round.name}"),
    )


def _current_reports(round: FollowUpRound) -> dict[int, StatusReport]:
    """The current report of each of the round's tasks, by task id, in one query."""
    rows = (
        StatusReport.objects.filter(task__round=round, is_conflict=False)
        .select_related("status")
        .order_by("task_id", "-number")
    )
    latest: dict[int, StatusReport] = {}
    for report in rows:
        latest.setdefault(report.task_id, report)
    return latest


def _report_date(round: FollowUpRound) -> datetime.date:
    """The day the round was approved, for an approved round; today otherwise."""
    if round.is_locked:
        event = (
            RoundEvent.objects.filter(round=round, action=RoundEvent.Action.LOCKED)
            .order_by("-at", "-pk")
            .first()
        )
        if event is not None:
            return timezone.localdate(event.at)
    return timezone.localdate()


def _facts(round: FollowUpRound, plan: Plan, date: datetime.date) -> list[tuple[str, str]]:
    organization = plan.organization
    facts = [
        (
            _("Organisation"),
            _("%(name)s (kommunkod %(code)s)")
            % {"name": organization.name, "code": organization.municipality_code},
        ),
        (
            _("Plan"),
            _("%(title)s, version %(version)s") % {"title": plan.title, "version": plan.version},
        ),
        (_("Uppföljning"), f"{round.name} ({round.get_kind_display().lower()})"),
        (_("Period"), f"{round.period_start:%Y-%m-%d} – {round.period_end:%Y-%m-%d}"),
    ]
    if round.is_locked:
        facts.append((_("Godkänd"), f"{date:%Y-%m-%d}"))
    else:
        facts.append((_("Läge"), _("Preliminär, per %(date)s") % {"date": f"{date:%Y-%m-%d}"}))
    if plan.diarienummer:
        facts.append((_("Diarienummer"), plan.diarienummer))
    return facts


def _entries_by_goal(
    entries: Sequence[ActivityEntry], plan: Plan
) -> dict[int | None, list[ActivityEntry]]:
    by_goal: dict[int | None, list[ActivityEntry]] = {}
    for entry in entries:
        number = int(entry.number.split(".")[0]) if "." in entry.number else None
        by_goal.setdefault(number, []).append(entry)
    return by_goal


def _assessment(
    assessments: Sequence[Assessment], *, goal: int | None = None, measure: int | None = None
) -> Assessment | None:
    for assessment in assessments:
        if (goal is not None and assessment.goal_id == goal) or (
            measure is not None and assessment.measure_id == measure
        ):
            return assessment
    return None


def _goal_section(
    plan: Plan,
    goal: Goal,
    entries: list[ActivityEntry],
    sections: Mapping[int, MeasureSection],
    assessments: Sequence[Assessment],
) -> GoalSection:
    assessment = _assessment(assessments, goal=goal.pk)
    heading = f"{plan.section_label.capitalize()} {goal.number}: {goal.title}"
    return GoalSection(
        anchor=f"{slugify(plan.section_label)}-{goal.number}",
        heading=heading,
        description=goal.description,
        prerequisites=[p.text for p in goal.prerequisites.all()],
        assessment=assessment.option.label if assessment and assessment.option else "",
        analysis=assessment.analysis if assessment else "",
        measures=[sections[m.pk] for m in goal.measures.all()],
        groups=grouped(entries),
        status_table=status_table(
            entries,
            _("Status för %(label)s under %(section)s %(number)s")
            % {
                "label": plan.activity_label_plural,
                "section": plan.section_label,
                "number": goal.number,
            },
        ),
    )


def _plan_wide(
    plan: Plan, entries: list[ActivityEntry], sections: Mapping[int, MeasureSection]
) -> GoalSection | None:
    measures = [sections[m.pk] for m in plan.measures.all()]
    if not entries and not measures:
        return None
    return GoalSection(
        anchor="hela-planen",
        heading=_("Hela planen") if plan.goals.all() else plan.activity_label_plural.capitalize(),
        description="",
        prerequisites=[],
        assessment="",
        analysis="",
        measures=measures,
        groups=grouped(entries),
        status_table=status_table(
            entries, _("Status för %(label)s") % {"label": plan.activity_label_plural}
        ),
    )


def _summary(
    entries: Sequence[ActivityEntry], measures: Sequence[MeasureSection], plan: Plan
) -> Summary:
    caption = _("Antal %(label)s per status") % {"label": plan.activity_label_plural}
    chart = BarChart(
        title=caption,
        bars=[Bar(status_label(status), count, status) for status, count in status_counts(entries)],
        label_heading=_("Status"),
        value_heading=_("Antal"),
    )
    counted = [m.against_previous for m in measures if m.against_previous is not None]
    tally = {verdict: counted.count(verdict) for verdict in Verdict}
    measure_table = None
    if counted:
        measure_table = Table(
            caption=_("Måtten jämfört med föregående mätning"),
            header=[_("Utveckling"), _("Antal mått")],
            rows=[[verdict.label, str(tally[verdict])] for verdict in Verdict],
            footer=[[_("Totalt"), str(len(counted))]],
        )
    sentence = (
        _(
            "%(improved)s av %(total)s mått har förbättrats och %(worsened)s har försämrats "
            "jämfört med föregående mätning."
        )
        % {
            "improved": tally[Verdict.IMPROVED],
            "worsened": tally[Verdict.WORSENED],
            "total": len(counted),
        }
        if counted
        else _("Inget mått har värden att jämföra ännu.")
    )
    table = status_table(entries, caption)
    return Summary(
        status_table=table,
        figure=Figure(chart, "status-diagram", data_table=table),
        measure_sentence=sentence,
        measure_table=measure_table,
    )


def _missing(
    tasks: Sequence[ReportingTask], entries: Sequence[ActivityEntry], round: FollowUpRound
) -> Table | None:
    numbers = {entry.activity_id: entry for entry in entries}
    rows = []
    for task in tasks:
        if task.state == TaskState.APPROVED:
            continue
        rows.append([task.actor.name, _subject(task, numbers), str(TaskState(task.state).label)])
    if not rows:
        return None
    return Table(
        caption=_("Rapporter som inte är godkända"),
        header=[_("Aktör"), _("Avser"), _("Läge")],
        rows=rows,
        numeric=False,
    )


def _subject(task: ReportingTask, numbers: Mapping[int, ActivityEntry]) -> str:
    if task.responsibility is not None:
        return _("Ansvar: %(title)s") % {
            "title": task.responsibility.title or task.responsibility.text[:80]
        }
    entry = numbers.get(task.activity_id or 0)
    if entry is None:
        return ""
    return f"{entry.number} {entry.description[:120]}"


def _missing_note(round: FollowUpRound, tasks: Sequence[ReportingTask]) -> str:
    if all(task.state == TaskState.APPROVED for task in tasks):
        return _("Alla rapporter i omgången är godkända.")
    if round.is_locked:
        return _("Omgången godkändes med rapporter som saknas eller inte är godkända:")
    return _("Rapporter som ännu inte är godkända:")
