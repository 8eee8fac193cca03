"""A completed demo follow-up of Botkyrka's plan, so the report has something
to show: every actor reports (one report left unapproved, so the report lists
a missing one), shared activities get a consolidated status, the coordinator
assesses each goal, the measures get values for three years, the pilot
survey gets approved statistics (with small counts, shown as "<5"), and the
round is approved and its report frozen.

Demo data only: `load_demo` calls it, and the document tests use it. The
statuses and texts are invented, chosen by each activity's place in the plan
so the same data gives the same report every time."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from handlingskraft.accounts.models import User
from handlingskraft.datacollection.categories import TOTAL, categories
from handlingskraft.datacollection.models import DataSet
from handlingskraft.datacollection.rules import ElementEntry
from handlingskraft.datacollection.seeds import seed_pilot_survey
from handlingskraft.datacollection.services import values_review, values_save
from handlingskraft.followup.defaults import assessment_options, status_options
from handlingskraft.followup.models import FollowUpRound, ReportingTask
from handlingskraft.followup.services import (
    ReportInput,
    RoundInput,
    assessment_save,
    consolidation_save,
    report_review,
    report_save,
    round_lock,
    round_open,
)
from handlingskraft.indicators.services import ValueInput, value_record
from handlingskraft.plans.models import ActivityStatus, Plan
from handlingskraft.plans.periods import Period

from .services import report_freeze

BOTKYRKA = "0127"
PLAN_SLUG = "hrv-handlingsplan"
DEMO_ROUND = "Årsuppföljning 2025"
YEAR = 2025
DATES = RoundInput(
    kind="annual",
    name=DEMO_ROUND,
    period_start=datetime.date(YEAR, 1, 1),
    period_end=datetime.date(YEAR, 12, 31),
    opens_on=datetime.date(YEAR + 1, 1, 12),
    deadline=datetime.date(YEAR + 1, 2, 13),
)
# Activity by activity, in the plan's order.
STATUS_CYCLE = [
    ActivityStatus.COMPLETED,
    ActivityStatus.ONGOING,
    ActivityStatus.ONGOING,
    ActivityStatus.COMPLETED,
    ActivityStatus.NOT_STARTED,
    ActivityStatus.ONGOING,
    ActivityStatus.DELAYED,
    ActivityStatus.COMPLETED,
    ActivityStatus.CANCELLED,
]
DONE_TEXT: dict[str, str] = {
    ActivityStatus.COMPLETED: "Genomfört under året enligt planen.",
    ActivityStatus.ONGOING: "Arbetet pågår; en första del är klar och resten planeras till hösten.",
    ActivityStatus.NOT_STARTED: "Inte påbörjat: resurser saknades under året.",
    ActivityStatus.DELAYED: "Försenat: arbetet kunde inte starta som planerat och flyttas fram.",
    ActivityStatus.CANCELLED: "Avbrutet: ersatt av en gemensam insats i regionen.",
}


def demo_plan() -> Plan | None:
    return (
        Plan.objects.filter(organization__municipality_code=BOTKYRKA, slug=PLAN_SLUG)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def seed_demo_report_round(*, user: User) -> FollowUpRound | None:
    """Botkyrka's approved annual round of 2025 with its frozen report, made by
    `user` (a coordinator). Does nothing if the round exists or Botkyrka's plan
    is not loaded."""
    plan = demo_plan()
    if plan is None:
        return None
    existing = FollowUpRound.objects.filter(plan=plan, name=DEMO_ROUND).first()
    if existing is not None:
        return existing
    round = round_open(plan=plan, user=user, data=DATES)
    _report(round, plan, user)
    _assess(round, plan, user)
    _measure_values(plan, user)
    _statistics(plan, user)
    round = round_lock(round=round, user=user, allow_missing=True)
    report_freeze(round=round, user=user)
    return round


def _status_of(plan: Plan) -> dict[int, str]:
    activities = plan.activities.order_by("goal__number", "position", "pk")
    return {a.pk: STATUS_CYCLE[i % len(STATUS_CYCLE)] for i, a in enumerate(activities)}


def _report(round: FollowUpRound, plan: Plan, user: User) -> None:
    options = {option.category: option for option in status_options(plan.organization)}
    statuses = _status_of(plan)
    tasks = list(ReportingTask.objects.filter(round=round).order_by("pk"))
    # The last task stays unreported: the report lists it as missing.
    for task in tasks[:-1]:
        status = statuses.get(task.activity_id or 0, ActivityStatus.ONGOING)
        data = ReportInput(status=options[status], done=DONE_TEXT[status])
        report_save(task=task, user=user, data=data, based_on=0, submit=True)
        report_review(task=task, user=user, approve=True)
    shared: dict[int, int] = {}
    for task in tasks:
        if task.activity_id is not None:
            shared[task.activity_id] = shared.get(task.activity_id, 0) + 1
    for activity in plan.activities.filter(pk__in=[pk for pk, n in shared.items() if n > 1]):
        status = statuses[activity.pk]
        text = f"Samlad bild från de ansvariga: {DONE_TEXT[status].lower()}"
        consolidation_save(
            round=round,
            activity=activity,
            user=user,
            status=options[status],
            text=text,
            based_on=0,
        )


def _assess(round: FollowUpRound, plan: Plan, user: User) -> None:
    scale = assessment_options(plan.organization)
    for index, goal in enumerate(plan.goals.order_by("number")):
        assessment_save(
            round=round,
            user=user,
            subject=goal,
            option=scale[index % 3],
            analysis=(
                "Arbetet går framåt men behöver förankras i fler verksamheter. "
                "Arbetsgruppen föreslår att insatserna prioriteras i nästa års budget."
            ),
        )


def _measure_values(plan: Plan, user: User) -> None:
    for index, measure in enumerate(plan.measures.order_by("goal__number", "position", "pk")):
        start = 30 + 5 * (index % 4)
        for offset, year in enumerate((YEAR - 2, YEAR - 1, YEAR)):
            # Most measures rise; every third falls back in the last year.
            step = -4 if index % 3 == 2 and year == YEAR else 6
            value = Decimal(start + step * offset)
            value_record(measure=measure, user=user, data=ValueInput(Period(year), value))


def _statistics(plan: Plan, user: User) -> DataSet:
    data_set = seed_pilot_survey(plan.organization)
    period = Period(YEAR)
    elements = list(data_set.elements.prefetch_related("actors").order_by("position"))
    actors = sorted({a for e in elements for a in e.actors.all()}, key=lambda a: a.name)
    for number, actor in enumerate(actors):
        entries = {}
        for element in elements:
            if actor not in element.actors.all():
                continue
            cells = [c.code for c in categories(element.breakdown)]
            # Small counts on purpose: the report must show them as "<5".
            values = {
                code: (3 if i == 0 else 6 + number) if i < 2 else 0 for i, code in enumerate(cells)
            }
            total = sum(values.values()) if cells else 12 + 7 * number
            entries[element.pk] = ElementEntry({TOTAL: total, **values})
        values_save(
            data_set=data_set,
            actor=actor,
            period=period,
            user=user,
            entries=entries,
            based_on=0,
            submit=True,
        )
        values_review(data_set=data_set, actor=actor, period=period, user=user, approve=True)
    return data_set
