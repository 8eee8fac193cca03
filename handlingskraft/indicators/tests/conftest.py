from __future__ import annotations

from decimal import Decimal

import pytest

from handlingskraft.accounts.models import User
from handlingskraft.conftest import World
from handlingskraft.indicators.models import UnitSurvey
from handlingskraft.indicators.services import SurveyInput, ValueInput, survey_create, value_record
from handlingskraft.organizations.models import Unit, UnitKind
from handlingskraft.plans.models import Measure, MeasureKind, Plan
from handlingskraft.plans.periods import Period, parse_period

QUESTION = (
    "Har förskolan skapat rutiner för att upptäcka hedersrelaterat våld och förtryck "
    "samt könsstympning?"
)


def make_share_measure(measure: Measure, share_of: str = UnitKind.PRESCHOOL) -> Measure:
    """Turn `measure` into a share of units of the kind `share_of`."""
    measure.kind, measure.share_of = MeasureKind.SHARE, share_of
    measure.save()
    return measure


def preschools_of(plan: Plan, names_by_actor: dict[str, list[str]]) -> list[Unit]:
    """Preschools under the organisation's actors, named per actor name."""
    units = []
    for actor in plan.organization.actors.all():
        for name in names_by_actor.get(actor.name, []):
            units.append(Unit.objects.create(actor=actor, name=name, kind=UnitKind.PRESCHOOL))
    return units


def survey_of_plan(plan: Plan, user: User) -> UnitSurvey:
    """A survey of the plan's measure sent to one preschool per actor (made
    the first time it is asked for)."""
    measure = plan.measures.get()
    existing = UnitSurvey.objects.filter(measure=measure).first()
    if existing is not None:
        return existing
    make_share_measure(measure)
    preschools_of(
        plan, {a.name: [f"Förskolan {a.name[:5]}"] for a in plan.organization.actors.all()}
    )
    data = SurveyInput(period=Period(2025), question=QUESTION)
    return survey_create(measure=measure, user=user, data=data)


def enter(measure: Measure, user: User, period: str, value: str, gender: str = "T") -> None:
    data = ValueInput(period=parse_period(period), value=Decimal(value), gender=gender)
    value_record(measure=measure, user=user, data=data)


@pytest.fixture
def survey(world: World) -> UnitSurvey:
    return survey_of_plan(world.plan, world.users["coordinator"])
