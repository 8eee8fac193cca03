"""Comparing organisations on a shared indicator: who publishes it, per
period, counts after each organisation's disclosure control."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from handlingskraft.accounts.models import Role, User
from handlingskraft.conftest import World, make_actor, make_organization, make_plan, make_user
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.followup.services import RoundInput, round_lock, round_open, round_publish
from handlingskraft.indicators.models import MeasureValue, ValueSource
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind, Plan
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.public.comparison import comparison
from handlingskraft.public.models import IndicatorLink, SharedIndicator

ROUND = RoundInput(
    kind="annual",
    name="Årsuppföljning 2025",
    period_start=datetime.date(2025, 1, 1),
    period_end=datetime.date(2025, 12, 31),
    opens_on=datetime.date(2026, 1, 10),
    deadline=datetime.date(2026, 2, 15),
)


def publish_with_round(plan: Plan, user: User) -> None:
    plan_publish(plan=plan, user=user)
    round = round_lock(
        round=round_open(plan=plan, user=user, data=ROUND), user=user, allow_missing=True
    )
    round_publish(round=round, user=user)


def add_values(measure: Measure, user: User, values: dict[int, str]) -> None:
    for year, amount in values.items():
        MeasureValue.objects.create(
            measure=measure,
            year=year,
            value=Decimal(amount),
            source=ValueSource.MANUAL,
            entered_by=user,
        )


def publishing_organization(number: int) -> tuple[Organization, Measure, User]:
    organization = make_organization(f"Kommun {number}", f"kommun-{number}", f"98{number:02d}")
    user = make_user(f"samordnare-{number}", organization, Role.COORDINATOR)
    plan = make_plan(organization, actors=[make_actor(organization, "Socialnämnden")])
    measure = plan.measures.get()
    publish_with_round(plan, user)
    return organization, measure, user


def detail_url(indicator: SharedIndicator) -> str:
    return reverse("public:indicator_detail", args=[indicator.code])


def test_two_organisations_side_by_side_with_small_counts_hidden(world: World) -> None:
    coordinator, outsider = world.users["coordinator"], world.users["outsider"]
    indicator = SharedIndicator.objects.create(code="hrv", name="Ärenden om HRV", is_count=True)
    publish_with_round(world.plan, coordinator)
    publish_with_round(world.other_plan, outsider)
    ours, theirs = world.measure, world.other_plan.measures.get()
    for organization, measure, user in (
        (world.organization, ours, coordinator),
        (world.other_organization, theirs, outsider),
    ):
        IndicatorLink.objects.create(
            indicator=indicator,
            organization=organization,
            measure_lineage=measure.lineage,
            linked_by=user,
        )
    add_values(ours, coordinator, {2024: "12", 2025: "6"})
    add_values(theirs, outsider, {2024: "3", 2025: "6"})
    # The other organisation hides counts up to 6.
    StatisticsSettings.objects.create(organization=world.other_organization, disclosure_threshold=7)

    result = comparison(indicator, [])
    assert [row.label for row in result.rows] == ["Annan kommun", "Testkommun"]
    assert [[cell.text for cell in row.cells] for row in result.rows] == [["<7", "<7"], ["12", "6"]]
    assert [row.values for row in result.rows] == [[None, None], [Decimal(12), Decimal(6)]]

    html = Client().get(detail_url(indicator)).content.decode()
    assert "Ärenden om HRV per organisation och period" in html
    assert '<span aria-hidden="true">&lt;7</span>' in html
    assert "<svg" in html
    csv = Client().get(reverse("public:indicator_csv", args=[indicator.code])).content.decode()
    assert "Annan kommun;<7;<7" in csv


def test_only_published_plans_and_covered_periods_take_part(world: World) -> None:
    coordinator = world.users["coordinator"]
    indicator = SharedIndicator.objects.create(code="andel", name="Andel skolor")
    IndicatorLink.objects.create(
        indicator=indicator,
        organization=world.organization,
        measure_lineage=world.measure.lineage,
        linked_by=coordinator,
    )
    add_values(world.measure, coordinator, {2025: "40", 2026: "60"})
    assert comparison(indicator, []).rows == []
    assert (
        "Ingen organisation har publicerat värden"
        in Client().get(detail_url(indicator)).content.decode()
    )

    publish_with_round(world.plan, coordinator)
    result = comparison(indicator, [])
    assert [period.label for period in result.periods] == ["2025"]
    assert [cell.text for cell in result.rows[0].cells] == ["40"]


def test_a_measure_with_the_indicators_kolada_id_is_linked_by_it(world: World) -> None:
    coordinator = world.users["coordinator"]
    indicator = SharedIndicator.objects.create(code="N00945", name="Kolada", kolada_kpi="N00945")
    Measure.objects.filter(pk=world.measure.pk).update(kolada_kpi="N00945")
    add_values(world.measure, coordinator, {2025: "55.5"})
    publish_with_round(world.plan, coordinator)
    assert [cell.text for cell in comparison(indicator, []).rows[0].cells] == ["55,5"]


def test_the_chart_draws_at_most_four_organisations_chosen_in_the_form(db: None) -> None:
    indicator = SharedIndicator.objects.create(code="x", name="Indikator")
    for number in range(1, 7):
        organization, measure, user = publishing_organization(number)
        IndicatorLink.objects.create(
            indicator=indicator,
            organization=organization,
            measure_lineage=measure.lineage,
            linked_by=user,
        )
        add_values(measure, user, {2025: str(10 * number)})
    result = comparison(indicator, [])
    assert len(result.rows) == 6
    assert [row.key for row in result.charted] == ["kommun-1", "kommun-2", "kommun-3", "kommun-4"]
    chosen = comparison(indicator, ["kommun-6", "kommun-5"])
    assert [row.key for row in chosen.charted] == ["kommun-5", "kommun-6"]

    html = Client().get(detail_url(indicator), {"visa": ["kommun-6"]}).content.decode()
    assert 'value="kommun-6" checked' in html
    assert 'value="kommun-1">' in html


def test_a_count_measure_is_protected_even_when_the_indicator_is_not(world: World) -> None:
    coordinator = world.users["coordinator"]
    indicator = SharedIndicator.objects.create(code="y", name="Y")
    Measure.objects.filter(pk=world.measure.pk).update(kind=MeasureKind.COUNT)
    IndicatorLink.objects.create(
        indicator=indicator,
        organization=world.organization,
        measure_lineage=world.measure.lineage,
        linked_by=coordinator,
    )
    add_values(world.measure, coordinator, {2025: "2"})
    publish_with_round(world.plan, coordinator)
    assert [cell.text for cell in comparison(indicator, []).rows[0].cells] == ["<5"]


def test_the_coordinator_links_measures_to_indicators(
    world: World, client_as: Callable[[str], Client]
) -> None:
    indicator = SharedIndicator.objects.create(code="hrv", name="Ärenden om HRV")
    SharedIndicator.objects.create(code="kolada", name="Kolada-indikator", kolada_kpi="N00001")
    Measure.objects.create(
        plan=world.plan, statement="Kolada-måttet", direction="increase", kolada_kpi="N00001"
    )
    url = reverse("public:indicator_links", args=[world.organization.slug])
    client = client_as("coordinator")
    page = client.get(url).content.decode()
    assert "Kolada-måttet → Kolada-indikator (N00001)" in page
    field = f"matt_{world.measure.pk}"
    response = client.post(url, {field: str(indicator.pk)}, follow=True)
    assert "1 koppling är ändrad." in response.content.decode()
    link = IndicatorLink.objects.get()
    assert (link.indicator, link.measure_lineage) == (indicator, world.measure.lineage)
    client.post(url, {field: ""})
    assert not IndicatorLink.objects.exists()
