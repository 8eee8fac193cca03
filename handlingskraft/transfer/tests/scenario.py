"""An organisation with something in every corner: the demo data plus a
follow-up round with drafts, a conflict, reviews, a consolidated status and
assessments, values, a unit survey, statistics, a token, an invitation, an
indicator link, a frozen report, a plan revision and deleted objects."""

from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from handlingskraft.accounts.models import Invitation, Membership, Role, User
from handlingskraft.accounts.services import membership_deactivate
from handlingskraft.api.tokens import TokenInput, token_create
from handlingskraft.datacollection.models import DataSet, DataValue, ValueState
from handlingskraft.exports.models import FileFormat, FrozenReport
from handlingskraft.followup.defaults import assessment_options, status_options
from handlingskraft.followup.models import Reminder, ReminderKind, RoundEvent
from handlingskraft.followup.services import (
    ReportConflict,
    ReportInput,
    RoundInput,
    assessment_save,
    consolidation_save,
    report_review,
    report_save,
    round_lock,
    round_open,
)
from handlingskraft.indicators.models import (
    MeasureValue,
    UnitSurvey,
    UnitSurveyAnswer,
    ValueSource,
)
from handlingskraft.organizations.models import Actor, ActorKind, Organization, Unit, UnitKind
from handlingskraft.plans.models import Plan, PlanStatus, Prerequisite
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.plans.versions import plan_revise
from handlingskraft.public.models import IndicatorLink, SharedIndicator
from handlingskraft.public.services import data_set_publish

PASSWORD = "ett-långt-lösenord-för-flytten"


def load_demo() -> None:
    call_command("load_demo", stdout=Quiet())


class Quiet:
    """An output stream for commands whose output a test does not read."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def enrich(organization: Organization) -> User:
    """Fill `organization` (with an adopted plan) and return a coordinator
    whose password is PASSWORD."""
    coordinator = User.objects.create_user(
        username=f"{organization.slug}-flytt",
        email=f"Flytt@{organization.slug}.example",
        first_name="Fia",
        last_name="Flytt",
        password=PASSWORD,
    )
    Membership.objects.create(user=coordinator, organization=organization, role=Role.COORDINATOR)
    plan = Plan.objects.filter(organization=organization, status=PlanStatus.ADOPTED).first()
    assert plan is not None
    plan_publish(plan=plan, user=coordinator)
    _actors_and_units(organization)
    round = _round(plan, coordinator)
    _values_and_survey(plan, organization, coordinator)
    _statistics(organization, coordinator)
    _access(organization, coordinator)
    _revision_and_deletions(plan, coordinator)
    _lock_and_freeze(round, coordinator)
    return coordinator


def _actors_and_units(organization: Organization) -> None:
    committee = Actor.objects.filter(organization=organization, kind=ActorKind.COMMITTEE).first()
    administration = Actor.objects.create(
        organization=organization,
        name="Flyttförvaltningen",
        kind=ActorKind.ADMINISTRATION,
        serves=committee,
    )
    Unit.objects.create(actor=administration, name="Förskolan Flyttfågeln", kind=UnitKind.PRESCHOOL)


def _round(plan: Plan, user: User) -> Any:
    data = RoundInput(
        kind="annual",
        name="Flyttens uppföljning",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        opens_on=datetime.date(2026, 1, 10),
        deadline=datetime.date(2026, 2, 15),
    )
    round = round_open(plan=plan, user=user, data=data)
    statuses = {option.category: option for option in status_options(plan.organization)}
    tasks = list(round.tasks.filter(activity__isnull=False).order_by("pk")[:4])
    for n, task in enumerate(tasks):
        report_save(
            task=task,
            user=user,
            data=ReportInput(statuses["ongoing"], done=f"Utkast {n}"),
            based_on=0,
            submit=False,
        )
        report_save(
            task=task,
            user=user,
            data=ReportInput(statuses["ongoing"], done=f"Klart {n}"),
            based_on=1,
            submit=True,
        )
    with contextlib.suppress(ReportConflict):  # kept as a conflict row
        report_save(
            task=tasks[0],
            user=user,
            data=ReportInput(statuses["delayed"], done="Krockar"),
            based_on=1,
            submit=False,
        )
    report_review(task=tasks[0], user=user, approve=True)
    report_review(task=tasks[1], user=user, approve=False, comment="Komplettera.")
    activity = tasks[0].activity
    assert activity is not None
    consolidation_save(
        round=round,
        activity=activity,
        user=user,
        status=statuses["completed"],
        text="Samlat: genomfört.",
        based_on=0,
    )
    option = assessment_options(plan.organization)[0]
    goal = plan.goals.order_by("number").first()
    assert goal is not None
    assessment_save(round=round, user=user, subject=goal, option=option, analysis="Bra.")
    Reminder.objects.create(
        round=round,
        actor=tasks[-1].actor,
        kind=ReminderKind.MANUAL,
        sent_on=datetime.date(2026, 2, 1),
        recipients=2,
    )
    return round


def _values_and_survey(plan: Plan, organization: Organization, user: User) -> None:
    measure = plan.measures.order_by("pk").first()
    assert measure is not None
    MeasureValue.objects.create(
        measure=measure,
        year=2025,
        value=Decimal("12.5000"),
        source=ValueSource.MANUAL,
        comment="Från flytten",
        entered_by=user,
    )
    survey = UnitSurvey.objects.create(
        organization=organization,
        measure=measure,
        year=2025,
        question="Har ni en rutin?",
        respondent_kind="preschool",
        created_by=user,
    )
    unit = Unit.objects.get(name="Förskolan Flyttfågeln")
    UnitSurveyAnswer.objects.create(
        survey=survey,
        actor=unit.actor,
        unit=unit,
        answer="yes",
        answered_by=user,
        answered_at=timezone.now(),
    )
    MeasureValue.objects.create(
        measure=measure,
        year=2025,
        tertial=1,
        value=Decimal("100"),
        source=ValueSource.UNIT_SURVEY,
        survey=survey,
        entered_by=user,
    )
    indicator = SharedIndicator.objects.create(code="HRV-FLYTT", name="Andel med rutin")
    IndicatorLink.objects.create(
        indicator=indicator,
        organization=organization,
        measure_lineage=measure.lineage,
        linked_by=user,
    )


def _statistics(organization: Organization, user: User) -> None:
    data_set = DataSet.objects.filter(organization=organization).first()
    assert data_set is not None
    element = data_set.elements.order_by("pk").first()
    assert element is not None
    actor = element.actors.first()
    assert actor is not None
    # A year the demo's own statistics leave alone.
    for number, is_conflict in ((1, False), (1, True), (2, False)):
        DataValue.objects.create(
            element=element,
            actor=actor,
            year=2001,
            category="total",
            value=3 + number,
            state=ValueState.SUBMITTED,
            number=number,
            is_conflict=is_conflict,
            author=user,
        )
    data_set_publish(data_set=data_set, user=user)


def _access(organization: Organization, user: User) -> None:
    token_create(user=user, data=TokenInput(name="Ärendesystemet", organization=organization))
    Invitation.objects.create(
        organization=organization,
        email="ny@example.org",
        role=Role.READER,
        token_hash="f" * 64,
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    reader = Membership.objects.filter(organization=organization, role=Role.READER).first()
    assert reader is not None
    membership_deactivate(acting_user=user, membership=reader)


def _revision_and_deletions(plan: Plan, user: User) -> None:
    revision = plan_revise(plan=plan, user=user)
    goal = revision.goals.order_by("number").first()
    assert goal is not None
    gone = Prerequisite.objects.create(goal=goal, text="Tas bort igen.")
    gone._history_user = user  # type: ignore[attr-defined]
    gone.delete()


def _lock_and_freeze(round: Any, user: User) -> None:
    round_lock(round=round, user=user, allow_missing=True)
    approval = RoundEvent.objects.filter(round=round, action=RoundEvent.Action.LOCKED).get()
    FrozenReport.of(
        b"%PDF-1.7 \x00\xff binary",
        round=round,
        approval=approval,
        version=1,
        format=FileFormat.PDF,
        filename="uppfoljning.pdf",
        created_by=user,
    ).save()


def empty_database() -> None:
    """Delete every row of every table, as `manage.py flush` does, inside the
    test's transaction (rolled back afterwards)."""
    from django.core.management.color import no_style

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    # PostgreSQL refuses TRUNCATE while deferred foreign-key checks are pending.
    connection.check_constraints()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without what differs between two exports of the same data."""
    return {key: value for key, value in document.items() if key != "created_at"}
