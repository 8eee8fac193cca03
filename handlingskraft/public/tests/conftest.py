"""A world with something published and much that is not: a published plan
version with a published round, and beside it an unpublished plan, a draft
revision, an approved but unpublished round, reports that were never
approved, internal comments everywhere a comment can be written, values in
periods no published round covers, small counts and an unpublished data set.

Every text that must never be public contains one of SECRETS."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from handlingskraft.accounts.models import User
from handlingskraft.conftest import World, make_plan
from handlingskraft.datacollection.models import DataElement, DataSet, DataValue, ValueState
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound, StatusOption
from handlingskraft.followup.services import (
    ReportInput,
    RoundInput,
    consolidation_save,
    report_review,
    report_save,
    round_lock,
    round_open,
    round_publish,
)
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    ActivityStatus,
    Direction,
    Measure,
    MeasureKind,
    Plan,
    PlanStatus,
)
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.public.models import (
    ContactKind,
    DataSetPublication,
    HelpContact,
    HelpText,
    IndicatorLink,
    SharedIndicator,
)

# Substrings of everything internal or unpublished in the world (case matters).
SECRETS = (
    "HEMLIG",
    "INTERN",
    "OGODKÄND",
    "OPUBLICERAD",
    "UTKAST TILL REVISION",
    "Hemlig omgång",
    "8642",
    "4321",
    "intern.example",
)
ARABIC_YOUNG = "إذا كنت تتعرض للعنف أو القيود من عائلتك، يمكنك الحصول على المساعدة."
ARABIC_HEADING = "احصل على الدعم والمساعدة"


def round_dates(year: int) -> dict[str, datetime.date]:
    return {
        "period_start": datetime.date(year, 1, 1),
        "period_end": datetime.date(year, 12, 31),
        "opens_on": datetime.date(year + 1, 1, 10),
        "deadline": datetime.date(year + 1, 2, 15),
    }


@dataclass
class PublicWorld:
    world: World
    round: FollowUpRound
    hidden_round: FollowUpRound
    second_activity: Activity
    count_measure: Measure
    data_set: DataSet
    hidden_data_set: DataSet
    indicator: SharedIndicator

    @property
    def coordinator(self) -> User:
        return self.world.users["coordinator"]


def approved_report(
    task_actor: Actor,
    round: FollowUpRound,
    activity: Activity,
    user: User,
    data: ReportInput,
    *,
    returned_with: str = "",
) -> None:
    task = round.tasks.get(activity=activity, actor=task_actor)
    report_save(task=task, user=user, data=data, based_on=0, submit=True)
    number = 1
    if returned_with:
        report_review(task=task, user=user, approve=False, comment=returned_with)
        report_save(task=task, user=user, data=data, based_on=1, submit=True)
        number = 2
    assert task.reports.count() == number
    report_review(task=task, user=user, approve=True)


def add_activity(plan: Plan, actor: Actor, description: str) -> Activity:
    activity = Activity.objects.create(
        plan=plan, goal=plan.goals.get(), description=description, position=1
    )
    ActivityActor.objects.create(activity=activity, actor=actor, position=0, is_lead=True)
    return activity


def published_round(
    world: World, statuses: dict[str, StatusOption], second: Activity
) -> FollowUpRound:
    """The 2025 round, published: a consolidated status for the shared
    activity, an approved report for the second; internal texts beside them."""
    user = world.users["coordinator"]
    round = round_open(
        plan=world.plan,
        user=user,
        data=RoundInput(kind="annual", name="Årsuppföljning 2025", **round_dates(2025)),
    )
    full = ReportInput(
        status=statuses[ActivityStatus.COMPLETED],
        done="Föräldramöten har hållits i alla skolor.",
        next_steps="INTERNT NÄSTA STEG",
        obstacles="INTERNT HINDER",
        evidence_links="https://intern.example/underlag",
    )
    approved_report(
        world.social, round, world.activity, user, full, returned_with="INTERN GRANSKNINGSKOMMENTAR"
    )
    school_task = round.tasks.get(activity=world.activity, actor=world.school)
    draft = ReportInput(status=statuses[ActivityStatus.DELAYED], done="OGODKÄND RAPPORTTEXT")
    report_save(task=school_task, user=user, data=draft, based_on=0, submit=False)
    consolidation_save(
        round=round,
        activity=world.activity,
        user=user,
        status=statuses[ActivityStatus.ONGOING],
        text="Arbetet med föräldrar pågår i alla stadsdelar.",
        based_on=0,
    )
    approved_report(
        world.school,
        round,
        second,
        user,
        ReportInput(
            status=statuses[ActivityStatus.COMPLETED],
            done="Personalen har utbildats.",
            obstacles="INTERNT HINDER 2",
        ),
    )
    round = round_lock(round=round, user=user, allow_missing=True)
    return round_publish(round=round, user=user)


def hidden_round(
    world: World, statuses: dict[str, StatusOption], second: Activity
) -> FollowUpRound:
    """The 2026 round: approved and locked, never published."""
    user = world.users["coordinator"]
    round = round_open(
        plan=world.plan,
        user=user,
        data=RoundInput(kind="annual", name="Hemlig omgång 2026", **round_dates(2026)),
    )
    approved_report(
        world.school,
        round,
        second,
        user,
        ReportInput(status=statuses[ActivityStatus.CANCELLED], done="OPUBLICERAD OMGÅNGSTEXT"),
    )
    return round_lock(round=round, user=user, allow_missing=True)


def measure_values(world: World, count_measure: Measure) -> None:
    user = world.users["coordinator"]

    def value(measure: Measure, year: int, amount: str, comment: str = "") -> None:
        MeasureValue.objects.create(
            measure=measure,
            year=year,
            value=Decimal(amount),
            comment=comment,
            source=ValueSource.MANUAL,
            entered_by=user,
        )

    value(world.measure, 2024, "40")
    value(world.measure, 2025, "45.5", "INTERN VÄRDESKOMMENTAR")
    value(world.measure, 2026, "8642.5")  # no published round covers 2026
    value(count_measure, 2024, "3")  # a small count
    value(count_measure, 2025, "12")
    other_measure = world.other_plan.measures.get()
    value(other_measure, 2025, "4321")  # the other organisation publishes nothing


def statistics(world: World) -> tuple[DataSet, DataSet]:
    user = world.users["coordinator"]
    organization = world.organization

    def data_set(name: str, element_name: str, values: dict[Actor, int]) -> DataSet:
        created = DataSet.objects.create(organization=organization, name=name, first_year=2024)
        element = DataElement.objects.create(
            data_set=created, code="HRV-1", name=element_name, definition="Antal ärenden."
        )
        element.actors.set(values)
        for actor, amount in values.items():
            DataValue.objects.create(
                element=element,
                actor=actor,
                year=2025,
                category="total",
                value=amount,
                comment="INTERN STATISTIKKOMMENTAR",
                state=ValueState.APPROVED,
                number=1,
                author=user,
            )
        return created

    shown = data_set("Statistik om HRV", "Ärenden som rör HRV", {world.social: 2, world.school: 10})
    DataSetPublication.objects.create(
        data_set=shown, published_at=datetime.datetime.now(datetime.UTC)
    )
    hidden = data_set("OPUBLICERAD datamängd", "OPUBLICERAD uppgift", {world.social: 50})
    return shown, hidden


def help_page(world: World) -> None:
    organization = world.organization
    HelpContact.objects.create(
        organization=organization, name="112", kind=ContactKind.EMERGENCY, phone="112", position=0
    )
    HelpContact.objects.create(
        organization=organization,
        name="Kvinnofridslinjen",
        kind=ContactKind.NATIONAL_HELPLINE,
        phone="020-50 50 50",
        web="https://kvinnofridslinjen.se/",
        position=1,
    )
    HelpText.objects.create(
        organization=organization,
        language="sv",
        young_people="Du har rätt att bestämma över ditt eget liv.",
        professionals="Gör en orosanmälan till socialtjänsten.",
    )
    HelpText.objects.create(
        organization=organization,
        language="ar",
        heading=ARABIC_HEADING,
        young_people=ARABIC_YOUNG,
    )


def build_public_world(world: World) -> PublicWorld:
    user = world.users["coordinator"]
    statuses = {option.category: option for option in status_options(world.organization)}
    second = add_activity(world.plan, world.school, "Utbilda personalen.")
    count_measure = Measure.objects.create(
        plan=world.plan,
        goal=world.goal,
        statement="Antalet orosanmälningar som rör HRV ökar.",
        direction=Direction.INCREASE,
        kind=MeasureKind.COUNT,
        position=1,
    )
    plan_publish(plan=world.plan, user=user)
    round = published_round(world, statuses, second)
    hidden = hidden_round(world, statuses, second)
    secret_plan = make_plan(world.organization, slug="hemlig-plan", actors=[world.social])
    secret_plan.title = "HEMLIG handlingsplan"
    secret_plan.save()
    Plan.objects.create(
        organization=world.organization,
        slug=world.plan.slug,
        version=2,
        title="UTKAST TILL REVISION",
        status=PlanStatus.DRAFT,
        revision_of=world.plan,
    )
    measure_values(world, count_measure)
    shown, hidden_set = statistics(world)
    help_page(world)
    indicator = SharedIndicator.objects.create(
        code="orosanmalningar", name="Orosanmälningar som rör HRV", is_count=True
    )
    IndicatorLink.objects.create(
        indicator=indicator,
        organization=world.organization,
        measure_lineage=count_measure.lineage,
        linked_by=user,
    )
    IndicatorLink.objects.create(
        indicator=indicator,
        organization=world.other_organization,
        measure_lineage=world.other_plan.measures.get().lineage,
        linked_by=world.users["outsider"],
    )
    return PublicWorld(
        world=world,
        round=round,
        hidden_round=hidden,
        second_activity=second,
        count_measure=count_measure,
        data_set=shown,
        hidden_data_set=hidden_set,
        indicator=indicator,
    )


@pytest.fixture
def public_world(world: World) -> PublicWorld:
    return build_public_world(world)
