"""Who reaches which page of the public app: the public pages are open to
everyone (what they show is published, or they answer 404); the publishing
pages are the coordinator's. Objects are created the first time a URL needs
them (each test case has its own database)."""

from __future__ import annotations

import datetime
from typing import Any

from handlingskraft.accounts.tests.access_rules import COORDINATORS as COORDINATORS_ONLY
from handlingskraft.accounts.tests.access_rules import PUBLIC, Access, Kwargs, no_kwargs, org
from handlingskraft.conftest import World
from handlingskraft.datacollection.models import DataElement, DataSet
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.followup.services import RoundInput, round_lock, round_open, round_publish
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.public.models import (
    ContactKind,
    DataSetPublication,
    HelpContact,
    HelpText,
    SharedIndicator,
)

# Actions that change something answer GET with 405 once access is granted.
COORDINATORS_POST_ONLY = {**COORDINATORS_ONLY, "coordinator": 405, "administrator": 405}
ROUND = RoundInput(
    kind="annual",
    name="Årsuppföljning 2025",
    period_start=datetime.date(2025, 1, 1),
    period_end=datetime.date(2025, 12, 31),
    opens_on=datetime.date(2026, 1, 10),
    deadline=datetime.date(2026, 2, 15),
)


def _published(world: World) -> Plan:
    plan = Plan.objects.get(pk=world.plan.pk)
    if plan.published_at is None:
        plan = plan_publish(plan=plan, user=world.users["coordinator"])
    return plan


def _round(world: World, plan: Plan, *, publish: bool) -> FollowUpRound:
    existing = FollowUpRound.objects.filter(plan=plan).first()
    if existing is not None:
        return existing
    user = world.users["coordinator" if plan == world.plan else "outsider"]
    round = round_lock(
        round=round_open(plan=plan, user=user, data=ROUND), user=user, allow_missing=True
    )
    return round_publish(round=round, user=user) if publish else round


def _data_set(organization: Organization) -> DataSet:
    data_set = DataSet.objects.filter(organization=organization).first()
    if data_set is None:
        data_set = DataSet.objects.create(
            organization=organization, name="Statistik", first_year=2024
        )
        DataElement.objects.create(data_set=data_set, code="A", name="A", definition="Antal.")
        DataSetPublication.objects.create(
            data_set=data_set, published_at=datetime.datetime.now(datetime.UTC)
        )
    return data_set


def _contact(organization: Organization) -> HelpContact:
    return HelpContact.objects.get_or_create(
        organization=organization, name="112", kind=ContactKind.EMERGENCY, phone="112"
    )[0]


def _text(organization: Organization) -> HelpText:
    return HelpText.objects.get_or_create(
        organization=organization, language="ar", defaults={"young_people": "نص"}
    )[0]


def public_org(world: World) -> dict[str, Any]:
    return {"org_slug": world.organization.slug}


def public_plan(world: World) -> dict[str, Any]:
    return {**public_org(world), "plan_slug": _published(world).slug}


def public_round(world: World) -> dict[str, Any]:
    round = _round(world, _published(world), publish=True)
    return {**public_plan(world), "round_id": round.pk}


def public_data_set(world: World) -> dict[str, Any]:
    return {**public_org(world), "data_set_id": _data_set(world.organization).pk}


def public_element(world: World) -> dict[str, Any]:
    data_set = _data_set(world.organization)
    return {**public_data_set(world), "element_id": data_set.elements.get().pk}


def help_language(world: World) -> dict[str, Any]:
    return {**public_org(world), "language": _text(world.organization).language}


def indicator(world: World) -> dict[str, Any]:
    shared, _created = SharedIndicator.objects.get_or_create(code="hrv-1", name="HRV")
    return {"code": shared.code}


def plan_id(world: World) -> dict[str, Any]:
    return {**org(world), "plan_id": world.plan.pk}


def plan_slug(world: World) -> dict[str, Any]:
    return {**org(world), "plan_slug": world.plan.slug}


def round_id(world: World) -> dict[str, Any]:
    return {**org(world), "round_id": _round(world, world.plan, publish=False).pk}


def data_set_id(world: World) -> dict[str, Any]:
    return {**org(world), "data_set_id": _data_set(world.organization).pk}


def contact_id(world: World) -> dict[str, Any]:
    return {**org(world), "contact_id": _contact(world.organization).pk}


def text_id(world: World) -> dict[str, Any]:
    return {**org(world), "text_id": _text(world.organization).pk}


def other(field: str, make: Kwargs) -> Kwargs:
    """The other organisation's object under our own organisation's slug."""

    def kwargs(world: World) -> dict[str, Any]:
        return {**org(world), field: make(world)}

    return kwargs


ACCESS: Access = {
    "public:index": (no_kwargs, PUBLIC),
    "public:accessibility": (no_kwargs, PUBLIC),
    "public:indicator_list": (no_kwargs, PUBLIC),
    "public:indicator_detail": (indicator, PUBLIC),
    "public:indicator_csv": (indicator, PUBLIC),
    "public:organization": (public_org, PUBLIC),
    "public:help": (public_org, PUBLIC),
    "public:help_language": (help_language, PUBLIC),
    "public:statistics_list": (public_org, PUBLIC),
    "public:statistics_detail": (public_data_set, PUBLIC),
    "public:statistics_csv": (public_element, PUBLIC),
    "public:plan": (public_plan, PUBLIC),
    "public:measures": (public_plan, PUBLIC),
    "public:round_list": (public_plan, PUBLIC),
    "public:round_detail": (public_round, PUBLIC),
    "public:plan_json": (public_plan, PUBLIC),
    "public:activities_csv": (public_plan, PUBLIC),
    "public:measures_csv": (public_plan, PUBLIC),
    "public:publishing": (org, COORDINATORS_ONLY),
    "public:publishing_plan": (plan_slug, COORDINATORS_ONLY),
    "public:plan_publication": (plan_id, COORDINATORS_POST_ONLY),
    "public:round_publication": (round_id, COORDINATORS_POST_ONLY),
    "public:data_set_publication": (data_set_id, COORDINATORS_POST_ONLY),
    "public:indicator_links": (org, COORDINATORS_ONLY),
    "public:help_edit": (org, COORDINATORS_ONLY),
    "public:contact_create": (org, COORDINATORS_ONLY),
    "public:contact_edit": (contact_id, COORDINATORS_ONLY),
    "public:contact_delete": (contact_id, COORDINATORS_POST_ONLY),
    "public:text_create": (org, COORDINATORS_ONLY),
    "public:text_edit": (text_id, COORDINATORS_ONLY),
    "public:text_delete": (text_id, COORDINATORS_POST_ONLY),
}

# The actions (POST only) answer a GET with 405 before looking anything up;
# test_publishing.py posts to another organisation's objects instead.
CROSS_TENANT = {
    "public:publishing_plan": lambda world: {**org(world), "plan_slug": world.other_plan.slug},
    "public:contact_edit": other("contact_id", lambda world: _contact(world.other_organization).pk),
    "public:text_edit": other("text_id", lambda world: _text(world.other_organization).pk),
}
