"""Data for the benchmarks, built directly with the ORM in bulk."""

from __future__ import annotations

import datetime

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound, ReportingTask, StatusReport, TaskState
from handlingskraft.followup.services import RoundInput, round_lock, round_open
from handlingskraft.organizations.models import Actor, ActorKind, Organization
from handlingskraft.plans.models import Activity, ActivityActor, Goal, Plan, PlanStatus


def big_plan(*, activities: int, actors_per_activity: int, goals: int = 6) -> Plan:
    """An adopted plan with `activities` activities spread over `goals` goals,
    each with `actors_per_activity` responsible actors (the first one leads)."""
    organization = Organization.objects.create(
        name="Mätkommun", slug="matkommun", municipality_code="9999"
    )
    actors = Actor.objects.bulk_create(
        Actor(organization=organization, name=f"Nämnd {n}", kind=ActorKind.COMMITTEE)
        for n in range(1, 11)
    )
    plan = Plan.objects.create(
        organization=organization, title="Stor plan", slug="stor-plan", status=PlanStatus.ADOPTED
    )
    goal_rows = Goal.objects.bulk_create(
        Goal(plan=plan, number=n, title=f"Målbild {n}") for n in range(1, goals + 1)
    )
    rows = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            goal=goal_rows[n % goals],
            position=n,
            description=f"Aktivitet nummer {n} med en beskrivning av rimlig längd.",
        )
        for n in range(activities)
    )
    ActivityActor.objects.bulk_create(
        ActivityActor(
            activity=activity,
            actor=actors[(n + k) % len(actors)],
            position=k,
            is_lead=k == 0,
        )
        for n, activity in enumerate(rows)
        for k in range(actors_per_activity)
    )
    return plan


def coordinator_of(plan: Plan) -> User:
    user = User.objects.create_user(username="matsamordnare")
    Membership.objects.create(user=user, organization=plan.organization, role=Role.COORDINATOR)
    return user


def rounds_of_history(plan: Plan, user: User, *, rounds: int) -> FollowUpRound:
    """`rounds` approved annual rounds of `plan` (2016 onwards), every task
    reported and approved, written in bulk; returns the latest."""
    options = status_options(plan.organization)
    latest = None
    for n in range(rounds):
        year = 2016 + n
        round = round_open(
            plan=plan,
            user=user,
            data=RoundInput(
                kind="annual",
                name=f"Årsuppföljning {year}",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                opens_on=datetime.date(year + 1, 1, 10),
                deadline=datetime.date(year + 1, 2, 10),
            ),
        )
        tasks = list(ReportingTask.objects.filter(round=round))
        StatusReport.objects.bulk_create(
            StatusReport(
                task=task,
                number=1,
                status=options[(task.pk + n) % len(options)],
                done=f"Läget {year}: arbetet fortsätter enligt planen.",
                submitted=True,
                author=user,
            )
            for task in tasks
        )
        ReportingTask.objects.filter(round=round).update(state=TaskState.APPROVED)
        latest = round_lock(round=round, user=user)
    assert latest is not None
    return latest
