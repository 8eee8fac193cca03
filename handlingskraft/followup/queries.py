"""Read-only helpers for the follow-up pages: each returns plain rows in a fixed
number of queries, however many tasks a round has."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Activity, ActivityActor

from .models import (
    Consolidation,
    FollowUpRound,
    ReportingTask,
    RoundState,
    StatusReport,
    TaskState,
)
from .reminders import WAITING_FOR_REPORTER
from .services import current_consolidations, current_reports


def tasks_with_subjects(tasks: QuerySet[ReportingTask]) -> QuerySet[ReportingTask]:
    """`tasks` with what a list needs to show them: round, actor and subject."""
    return tasks.select_related(
        "round", "actor", "activity", "activity__goal", "responsibility"
    ).order_by("round__deadline", "round_id", "actor__name", "activity__position", "pk")


@dataclass
class ActorProgress:
    """How far one actor has come in a round: its tasks counted by state."""

    actor_id: int
    actor_name: str
    counts: dict[str, int]
    overdue: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def waiting(self) -> int:
        return sum(self.counts[state] for state in WAITING_FOR_REPORTER)

    @property
    def state_counts(self) -> list[int]:
        """The counts in the order of TaskState (the table's columns)."""
        return [self.counts[state] for state in TaskState.values]


def round_progress(round: FollowUpRound, today: datetime.date) -> list[ActorProgress]:
    """Per actor, its tasks in `round` counted by state, in one query. An actor
    is overdue when the deadline has passed and tasks still wait for its report."""
    aggregates = {state: Count("pk", filter=Q(state=state)) for state in TaskState.values}
    rows = (
        round.tasks.values("actor_id", "actor__name")
        .annotate(**aggregates)
        .order_by("actor__name", "actor_id")
    )
    progress = [
        ActorProgress(
            actor_id=row["actor_id"],
            actor_name=row["actor__name"],
            counts={state: row[state] for state in TaskState.values},
        )
        for row in rows
    ]
    deadline_passed = round.state == RoundState.OPEN and today > round.deadline
    for actor in progress:
        actor.overdue = deadline_passed and actor.waiting > 0
    return progress


@dataclass
class SharedActivity:
    """An activity several actors report on, whose statuses are consolidated."""

    activity: Activity
    reporters: int
    lead: Actor | None
    consolidation: Consolidation | None


def shared_activities(round: FollowUpRound) -> list[SharedActivity]:
    """The round's activities with more than one responsible actor, with their
    current consolidated status (None where none is written yet)."""
    counts = dict(
        round.tasks.filter(activity__isnull=False)
        .values("activity_id")
        .annotate(reporters=Count("pk"))
        .filter(reporters__gt=1)
        .values_list("activity_id", "reporters")
    )
    if not counts:
        return []
    # Only the lead of each activity is shown: read those, not every assignment
    # (prefetching all of them cost more than the rest of the page's queries).
    leads: dict[int, Actor] = {}
    lead_assignments = ActivityActor.objects.filter(activity__in=counts, is_lead=True)
    for assignment in lead_assignments.select_related("actor").order_by("position", "pk"):
        leads.setdefault(assignment.activity_id, assignment.actor)
    activities = Activity.objects.filter(pk__in=counts)
    consolidated = {row.activity_id: row for row in current_consolidations(round)}
    return [
        SharedActivity(
            activity=activity,
            reporters=counts[activity.pk],
            lead=leads.get(activity.pk),
            consolidation=consolidated.get(activity.pk),
        )
        for activity in activities.order_by("goal__number", "position", "pk")
    ]


def consolidation_links(tasks: list[ReportingTask], any_actor: bool) -> set[tuple[int, int]]:
    """The (round id, activity id) pairs among `tasks` whose consolidated status
    the user may write from the todo list: activities several actors report on,
    where the task's actor leads (or any such activity, for coordinators)."""
    pairs = {(t.round_id, t.activity_id) for t in tasks if t.activity_id is not None}
    if not pairs:
        return set()
    rounds = {round_id for round_id, _ in pairs}
    activities = {activity_id for _, activity_id in pairs}
    shared = set(
        ReportingTask.objects.filter(round_id__in=rounds, activity_id__in=activities)
        .values("round_id", "activity_id")
        .annotate(reporters=Count("pk"))
        .filter(reporters__gt=1)
        .values_list("round_id", "activity_id")
    )
    if any_actor:
        return shared & pairs
    leads = set(
        ActivityActor.objects.filter(activity_id__in=activities, is_lead=True).values_list(
            "activity_id", "actor_id"
        )
    )
    return {
        (t.round_id, t.activity_id)  # type: ignore[misc]
        for t in tasks
        if (t.round_id, t.activity_id) in shared and (t.activity_id, t.actor_id) in leads
    }


def previous_report(task: ReportingTask) -> StatusReport | None:
    """The current report of the same actor on the same activity (or
    responsibility) in the organisation's latest earlier round. Plan versions
    copy their items, so the item is matched by its lineage."""
    round = task.round
    if task.activity is not None:
        same_item = Q(activity__lineage=task.activity.lineage)
    elif task.responsibility is not None:
        same_item = Q(responsibility__lineage=task.responsibility.lineage)
    else:
        return None
    earlier = (
        ReportingTask.objects.filter(
            same_item,
            actor_id=task.actor_id,
            round__organization_id=round.organization_id,
            round__period_end__lt=round.period_end,
            reports__is_conflict=False,
        )
        .select_related("round")
        .order_by("-round__period_end", "-round_id")
        .first()
    )
    if earlier is None:
        return None
    report = (
        earlier.reports.filter(is_conflict=False)
        .select_related("status", "task__round")
        .order_by("-number")
        .first()
    )
    return report


def report_versions(task: ReportingTask) -> list[StatusReport]:
    """Every saved version of the task's report, conflicts included, oldest first."""
    return list(
        task.reports.select_related("status", "author").order_by("created_at", "number", "pk")
    )


@dataclass
class RoundResult:
    """An activity's status in one round: the consolidated status where one is
    written, else each actor's current report."""

    round: FollowUpRound
    consolidation: Consolidation | None
    reports: list[tuple[ReportingTask, StatusReport | None]] = field(default_factory=list)


def activity_results(
    organization: Organization, activity: Activity, *, include_open: bool
) -> list[RoundResult]:
    """The activity's status across the organisation's rounds, oldest first.
    Versions of a plan copy their activities; the lineage ties them together."""
    rounds = FollowUpRound.objects.filter(
        organization=organization, tasks__activity__lineage=activity.lineage
    ).distinct()
    if not include_open:
        rounds = rounds.filter(state=RoundState.LOCKED)
    results = {
        round.pk: RoundResult(round=round, consolidation=None)
        for round in rounds.order_by("period_end", "pk")
    }
    tasks = ReportingTask.objects.filter(
        round_id__in=results, activity__lineage=activity.lineage
    ).select_related("actor")
    reports = {report.task_id: report for report in current_reports(tasks)}
    for task in tasks.order_by("actor__name", "pk"):
        results[task.round_id].reports.append((task, reports.get(task.pk)))
    consolidations = (
        Consolidation.objects.filter(
            round_id__in=results, activity__lineage=activity.lineage, is_conflict=False
        )
        .select_related("status")
        .order_by("round_id", "-number")
    )
    for row in consolidations:
        if results[row.round_id].consolidation is None:
            results[row.round_id].consolidation = row
    return list(results.values())
