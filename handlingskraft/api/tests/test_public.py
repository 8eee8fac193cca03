"""The open API shows published data only. A world of published and
unpublished plans, rounds, reports and comments is crawled through every
public endpoint, with every id that exists, as an anonymous caller: no
unpublished or internal text appears, and no small count."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from handlingskraft.accounts.models import User
from handlingskraft.api.tokens import TokenInput, token_create
from handlingskraft.conftest import World
from handlingskraft.datacollection.models import DataValue, ValueState
from handlingskraft.datacollection.tests.conftest import make_data_set
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.followup.services import (
    ReportInput,
    report_review,
    report_save,
    round_lock,
    round_open,
    round_publish,
    round_reopen,
)
from handlingskraft.followup.tests.conftest import round_input
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind, Plan
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.plans.versions import plan_revise

pytestmark = pytest.mark.django_db

SECRET = "HEMLIGT"
"""Every unpublished or internal text in the world below contains this word."""


@dataclass
class Mixed:
    world: World
    published_round: FollowUpRound
    unpublished_round: FollowUpRound
    count_measure: Measure


def _report_all(round: FollowUpRound, user: User, text: str, *, approve: bool) -> None:
    options = {option.category: option for option in status_options(round.organization)}
    for task in round.tasks.filter(activity__isnull=False):
        data = ReportInput(status=options["ongoing"], done=text, obstacles=f"{SECRET} hinder")
        report_save(task=task, user=user, data=data, based_on=0, submit=True)
        if approve:
            report_review(task=task, user=user, approve=True)
        else:
            report_review(task=task, user=user, approve=False, comment=f"{SECRET} granskning")


def mixed_world(world: World) -> Mixed:
    coordinator = world.users["coordinator"]
    plan_publish(plan=world.plan, user=coordinator)
    # Approved and published: its status text is public.
    published = round_open(plan=world.plan, user=coordinator, data=round_input())
    _report_all(published, coordinator, "Publicerad status", approve=True)
    round_lock(round=published, user=coordinator, allow_missing=True)
    round_publish(round=published, user=coordinator)
    # A later round, approved but not published: its statuses are written back
    # to the activities internally and must not show.
    later = round_open(
        plan=world.plan,
        user=coordinator,
        data=round_input(
            name=f"{SECRET} omgång", period_end=round_input().period_end.replace(year=2026)
        ),
    )
    _report_all(later, coordinator, f"{SECRET} status", approve=True)
    round_lock(round=later, user=coordinator, allow_missing=True)
    # Published once, then reopened with a reason: no longer public.
    reopened = round_open(
        plan=world.plan, user=coordinator, data=round_input(name=f"{SECRET} rättad")
    )
    round_lock(round=reopened, user=coordinator, allow_missing=True)
    round_publish(round=reopened, user=coordinator)
    round_reopen(round=reopened, user=coordinator, reason=f"{SECRET} skäl")
    # An open round with reports returned with a comment.
    open_round = round_open(
        plan=world.plan, user=coordinator, data=round_input(name=f"{SECRET} öppen")
    )
    _report_all(open_round, coordinator, f"{SECRET} utkast", approve=False)
    # A revision of the published plan, not published, with new texts.
    revision = plan_revise(plan=world.plan, user=coordinator)
    revision.title = f"{SECRET} revision"
    revision.save()
    goal = revision.goals.get()
    goal.title = f"{SECRET} målbild"
    goal.save()
    revision.activities.update(description=f"{SECRET} aktivitet")
    revision.measures.update(statement=f"{SECRET} mått")
    # The other organisation's plan is not published.
    Plan.objects.filter(pk=world.other_plan.pk).update(title=f"{SECRET} annan plan")
    world.other_plan.goals.update(title=f"{SECRET} annan målbild")
    # A count measure with a small value, values with internal comments.
    count_measure = Measure.objects.create(
        plan=world.plan,
        goal=world.goal,
        statement="Antal orosanmälningar.",
        direction="decrease",
        kind=MeasureKind.COUNT,
        position=1,
    )
    for year, value in [(2023, Decimal(12)), (2024, Decimal(3)), (2025, Decimal(0))]:
        MeasureValue.objects.create(
            measure=count_measure,
            year=year,
            value=value,
            source=ValueSource.MANUAL,
            comment=f"{SECRET} kommentar",
            entered_by=coordinator,
        )
    MeasureValue.objects.create(
        measure=world.measure,
        year=2025,
        value=Decimal("37.5"),
        source=ValueSource.MANUAL,
        comment=f"{SECRET} kommentar",
        entered_by=coordinator,
    )
    # Statistics and a token, which the open API never shows.
    data_set = make_data_set(world)
    element = data_set.elements.get(code="HRV-4")
    DataValue.objects.create(
        element=element,
        actor=world.social,
        year=2025,
        category="total",
        value=2,
        comment=f"{SECRET} siffra",
        state=ValueState.APPROVED,
        number=1,
        author=coordinator,
    )
    token_create(
        user=coordinator, data=TokenInput(name=f"{SECRET} nyckel", organization=world.organization)
    )
    return Mixed(world, published, later, count_measure)


def public_paths(client: Client) -> list[str]:
    paths = client.get("/api/openapi.json").json()["paths"]
    return [path for path in paths if not path.startswith("/api/internal/")]


def ids_for(parameter: str) -> list[Any]:
    """Every value a path parameter could take in the database, unpublished included."""
    from handlingskraft.followup.models import FollowUpRound as Round

    return {
        "slug": list(Organization.objects.values_list("slug", flat=True)),
        "plan_id": list(Plan.objects.values_list("pk", flat=True)),
        "measure_id": list(Measure.objects.values_list("pk", flat=True)),
        "round_id": list(Round.objects.values_list("pk", flat=True)),
    }[parameter]


def crawl(client: Client) -> dict[str, tuple[int, str]]:
    """Every public path with every id, and the lists with each filter value."""
    answers = {}
    for template in public_paths(client):
        names = re.findall(r"{(\w+)}", template)
        for values in itertools.product(*(ids_for(name) for name in names)):
            url = template
            for name, value in zip(names, values, strict=True):
                url = url.replace(f"{{{name}}}", str(value))
            response = client.get(url)
            answers[url] = (response.status_code, response.content.decode())
    for slug in ids_for("slug"):
        for url in [f"/api/plans?organization={slug}", f"/api/rounds?organization={slug}"]:
            response = client.get(url)
            answers[url] = (response.status_code, response.content.decode())
    for plan_id in ids_for("plan_id"):
        response = client.get(f"/api/rounds?plan={plan_id}")
        answers[f"/api/rounds?plan={plan_id}"] = (response.status_code, response.content.decode())
    return answers


def test_nothing_unpublished_or_internal_is_reachable_anonymously(world: World) -> None:
    mixed = mixed_world(world)
    answers = crawl(Client())
    assert len(answers) >= 40
    leaks = [url for url, (_status, body) in answers.items() if SECRET in body]
    assert leaks == []
    assert "Publicerad status" in answers[f"/api/rounds/{mixed.published_round.pk}/statuses"][1]
    unpublished = [
        f"/api/plans/{world.other_plan.pk}",
        f"/api/plans/{world.plan.revisions.get().pk}",
        f"/api/rounds/{mixed.unpublished_round.pk}",
        f"/api/organizations/{world.other_organization.slug}",
    ]
    assert [answers[url][0] for url in unpublished] == [404, 404, 404, 404]


def test_a_token_does_not_widen_the_open_api(world: World) -> None:
    mixed_world(world)
    _token, secret = token_create(
        user=world.users["coordinator"],
        data=TokenInput(name="Export", organization=world.organization),
    )
    answers = crawl(Client(HTTP_AUTHORIZATION=f"Bearer {secret}"))
    assert [url for url, (_status, body) in answers.items() if SECRET in body] == []


def test_activities_show_the_status_of_the_latest_published_round(world: World) -> None:
    mixed = mixed_world(world)
    body = Client().get(f"/api/plans/{world.plan.pk}/activities").json()
    (activity,) = body["items"]
    assert activity["published_status"] == {
        "round_id": mixed.published_round.pk,
        "round_name": "Årsuppföljning 2025",
        "period_end": "2025-12-31",
        "status": "ongoing",
        "label": "Pågår",
        "text": "Publicerad status",
    }
    assert [a["name"] for a in activity["responsible_actors"]] == [
        "Socialnämnden",
        "Utbildningsnämnden",
    ]
    filtered = Client().get(f"/api/plans/{world.plan.pk}/activities?status=completed")
    assert filtered.json()["count"] == 0


def test_activities_have_no_published_status_before_a_round_is_published(
    world: World,
) -> None:
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    body = Client().get(f"/api/plans/{world.plan.pk}/activities").json()
    assert body["items"][0]["published_status"] is None


def test_small_counts_are_suppressed_and_zero_is_shown(world: World) -> None:
    mixed = mixed_world(world)
    body = Client().get(f"/api/measures/{mixed.count_measure.pk}/values").json()
    shown = {
        (row["year"], row["value"], row["shown_as"], row["suppressed"]) for row in body["items"]
    }
    assert shown == {(2023, 12.0, "12", False), (2024, None, "<5", True), (2025, 0.0, "0", False)}


def test_shares_are_shown_as_entered(world: World) -> None:
    mixed_world(world)
    body = Client().get(f"/api/measures/{world.measure.pk}/values").json()
    assert [(row["value"], row["shown_as"]) for row in body["items"]] == [(37.5, "37.5")]


def test_published_lists_filter_and_page(world: World) -> None:
    mixed_world(world)
    client = Client()
    plans = client.get("/api/plans?organization=testkommun&limit=1").json()
    assert (plans["count"], plans["limit"], len(plans["items"])) == (1, 1, 1)
    assert client.get("/api/plans?organization=annan").json()["count"] == 0
    assert client.get("/api/organizations").json()["items"] == [
        {"slug": "testkommun", "name": "Testkommun", "municipality_code": "9901"}
    ]
    rounds = client.get("/api/rounds?organization=testkommun").json()
    assert [r["name"] for r in rounds["items"]] == ["Årsuppföljning 2025"]
    assert client.get("/api/rounds?kind=tertial").json()["count"] == 0
    goals = client.get(f"/api/plans/{world.plan.pk}/goals").json()
    assert goals["items"][0]["prerequisites"] == ["Kunskap finns om förebyggande arbete."]
    measures = client.get(f"/api/plans/{world.plan.pk}/measures?goal=1").json()
    assert measures["count"] == 2
    assert client.get(f"/api/plans/{world.plan.pk}/measures?goal=2").json()["count"] == 0
    page_two = client.get(f"/api/plans/{world.plan.pk}/measures?limit=1&offset=1").json()
    assert [m["statement"] for m in page_two["items"]] == ["Antal orosanmälningar."]


def test_public_answers_set_no_cookies(world: World) -> None:
    mixed_world(world)
    for path in public_paths(Client()):
        if "{" not in path:
            assert Client().get(path).cookies == {}, path
