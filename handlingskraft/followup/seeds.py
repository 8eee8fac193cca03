"""Seed rounds: follow-ups that happened before the system, recorded from the
source documents. Haninge's council approved a report-back on 12 June 2023 with
the status of each of the seven points; the Haninge seed plan holds those
statuses and texts, and this turns them into a locked round."""

from __future__ import annotations

import datetime

from django.db import transaction

from handlingskraft.accounts.models import User
from handlingskraft.plans.models import Plan

from .defaults import status_options
from .models import FollowUpRound, ReportingTask
from .services import ReportInput, RoundInput, report_review, report_save, round_lock, round_open

HANINGE_ROUND = "Återrapportering juni 2023"
# The source gives the council's approval date; the assignment came in 2022
# without a day, so the period starts on the first day of that year.
HANINGE_DATES = {
    "period_start": datetime.date(2022, 1, 1),
    "period_end": datetime.date(2023, 6, 12),
    "opens_on": datetime.date(2023, 6, 12),
    "deadline": datetime.date(2023, 6, 12),
}


@transaction.atomic
def seed_round_from_plan_statuses(*, plan: Plan, name: str, user: User) -> FollowUpRound:
    """A locked annual round in which every task reports its activity's recorded
    status and status text, approved by `user`. Does nothing if it exists."""
    existing = FollowUpRound.objects.filter(plan=plan, name=name).first()
    if existing is not None:
        return existing
    round = round_open(
        plan=plan, user=user, data=RoundInput(kind="other", name=name, **HANINGE_DATES)
    )
    options = {option.category: option for option in status_options(plan.organization)}
    tasks = ReportingTask.objects.filter(round=round).select_related("activity")
    for task in tasks:
        activity = task.activity
        if activity is None or not activity.status:
            continue
        data = ReportInput(status=options[activity.status], done=activity.status_note)
        report_save(task=task, user=user, data=data, based_on=0, submit=True)
        report_review(task=task, user=user, approve=True)
    return round_lock(round=round, user=user, allow_missing=True)
