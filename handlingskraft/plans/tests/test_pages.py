"""The read-only plan pages: the start page listing organisations and their
plans, and one plan with its goals, measures, activities and responsibilities."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from handlingskraft.accounts.models import User
from handlingskraft.conftest import World
from handlingskraft.organizations.models import Actor, ActorKind, Organization
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    ActivityStatus,
    Direction,
    Goal,
    Measure,
    Plan,
    PlanStatus,
    Prerequisite,
    Responsibility,
)

pytestmark = pytest.mark.django_db


# --- building blocks --------------------------------------------------------


def make_organization(name: str, slug: str, code: str) -> Organization:
    return Organization.objects.create(name=name, slug=slug, municipality_code=code)


def make_actor(organization: Organization, name: str, kind: str = ActorKind.COMMITTEE) -> Actor:
    return Actor.objects.create(organization=organization, name=name, kind=kind)


def make_activity(
    plan: Plan,
    description: str,
    actors: list[Actor],
    *,
    goal: Goal | None = None,
    lead: Actor | None = None,
    position: int = 0,
    **fields: object,
) -> Activity:
    activity = Activity.objects.create(
        plan=plan, goal=goal, description=description, position=position, **fields
    )
    for index, actor in enumerate(actors):
        ActivityActor.objects.create(
            activity=activity, actor=actor, is_lead=actor == lead, position=index
        )
    return activity


def build_plan(organization: Organization, slug: str, *, goals: int, activities: int) -> Plan:
    """A plan where every relation the page shows is present, in the given
    number of goals and activities per goal (and as many plan-level ones)."""
    actors = [make_actor(organization, f"Nämnd {slug} {n}") for n in range(3)]
    plan = Plan.objects.create(organization=organization, title=f"Plan {slug}", slug=slug)
    for number in range(1, goals + 1):
        goal = Goal.objects.create(plan=plan, number=number, title=f"Målbild {number}")
        for position in range(activities):
            Prerequisite.objects.create(
                goal=goal, position=position, text=f"Förutsättning {position}"
            )
            Measure.objects.create(
                plan=plan, goal=goal, position=position, statement="Andel", direction="increase"
            )
            make_activity(plan, f"Aktivitet {number}.{position}", actors, goal=goal, lead=actors[0])
    for position in range(activities):
        make_activity(plan, f"Planaktivitet {position}", actors[1:], position=position)
        Measure.objects.create(plan=plan, statement="Antal", direction="decrease")
        Responsibility.objects.create(
            plan=plan, actor=actors[position % 3], text="Ansvar", followed_up_by=actors[0]
        )
    return plan


def plan_url(plan: Plan) -> str:
    return reverse(
        "plans:plan_detail",
        kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug},
    )


def goal_url(plan: Plan, number: int = 1) -> str:
    return reverse(
        "plans:goal_detail",
        kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, "number": number},
    )


# --- fixtures --------------------------------------------------------------------


@pytest.fixture
def client(db: None) -> Client:
    """These tests are about what the pages show, so they look as an administrator,
    who sees every organisation. Who may see what is tested at the end."""
    logged_in = Client()
    logged_in.force_login(User.objects.create_superuser("admin", password="x-långt-lösen-1"))
    return logged_in


@pytest.fixture
def botkyrka() -> Organization:
    return make_organization("Botkyrka kommun", "botkyrka", "0127")


@pytest.fixture
def haninge() -> Organization:
    return make_organization("Haninge kommun", "haninge", "0136")


@pytest.fixture
def botkyrka_plan(botkyrka: Organization) -> Plan:
    council = make_actor(botkyrka, "Kommunfullmäktige")
    board = make_actor(botkyrka, "Kommunstyrelsen")
    social = make_actor(botkyrka, "Socialnämnden")
    education = make_actor(botkyrka, "Utbildningsnämnden")
    plan = Plan.objects.create(
        organization=botkyrka,
        title="Handlingsplan mot våld i nära relationer",
        slug="vnr-hrv",
        status=PlanStatus.ADOPTED,
        vision="Alla i Botkyrka lever ett liv fritt från våld.\n\nIngen ska behöva vara rädd.",
        purpose="Planen samlar kommunens arbete.",
        decided_by=council,
        decided_on=datetime.date(2023, 6, 15),
        valid_from=datetime.date(2023, 7, 1),
        valid_until=datetime.date(2026, 12, 31),
        annual_review=True,
        evaluation_interval_years=2,
        next_revision_year=2027,
    )
    goal = Goal.objects.create(
        plan=plan,
        number=1,
        title="Barn och unga vet var de kan få stöd",
        description="Kunskap om stöd når alla barn.",
    )
    Goal.objects.create(plan=plan, number=2, title="Personal har kunskap om våld")
    Prerequisite.objects.create(goal=goal, text="Samverkan mellan skola och socialtjänst")
    Measure.objects.create(
        plan=plan,
        goal=goal,
        statement="Andel förskolor som arbetar med materialet",
        direction=Direction.INCREASE,
        unit_of_analysis="förskolor",
        baseline_year=2022,
        baseline_value=Decimal("20"),
        target_year=2026,
        target_value=Decimal("80"),
    )
    Measure.objects.create(
        plan=plan,
        goal=goal,
        position=1,
        statement="Antal elever som inte vet vart de ska vända sig",
        direction=Direction.DECREASE,
    )
    make_activity(
        plan,
        "Utbilda elevhälsan om hedersrelaterat våld",
        [education, social],
        goal=goal,
        lead=social,
        partner_note="I samarbete med regionen",
        status=ActivityStatus.ONGOING,
        status_note="Två av fyra skolor klara",
    )
    Responsibility.objects.create(
        plan=plan,
        actor=social,
        title="Socialnämndens ansvar",
        text="Nämnden ansvarar för stöd till våldsutsatta.",
        followed_up_by=board,
    )
    return plan


@pytest.fixture
def haninge_assignment(haninge: Organization) -> Plan:
    """A council's assignment without goals: seven points in the real one."""
    board = make_actor(haninge, "Kommunstyrelsen")
    social = make_actor(haninge, "Socialnämnden")
    plan = Plan.objects.create(
        organization=haninge,
        title="Uppdrag om hedersrelaterat våld",
        slug="uppdrag-hrv",
        section_label="uppdragspunkt",
        section_label_plural="uppdragspunkter",
        activity_label="uppdragspunkt",
        activity_label_plural="uppdragspunkter",
    )
    make_activity(
        plan, "Ta fram en lägesbild", [board], position=1, status=ActivityStatus.COMPLETED
    )
    make_activity(
        plan, "Inrätta ett kompetensteam", [social], position=2, status=ActivityStatus.DELAYED
    )
    make_activity(plan, "Utbilda förvaltningarna", [board, social], position=3)
    return plan


# --- start page ------------------------------------------------------------------


def test_start_page_lists_organisations_with_links_to_their_plans(
    client: Client, botkyrka_plan: Plan, haninge_assignment: Plan
) -> None:
    response = client.get(reverse("plans:organization_list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Organisationer och planer</h1>" in html
    assert "Botkyrka kommun" in html
    assert "Kommunkod 0127" in html
    assert "Haninge kommun" in html
    assert f'href="{plan_url(botkyrka_plan)}"' in html
    assert f'href="{plan_url(haninge_assignment)}"' in html
    assert "(Antagen)" in html
    assert "(Utkast)" in html


def test_start_page_says_so_when_there_are_no_organisations(client: Client) -> None:
    response = client.get(reverse("plans:organization_list"))

    assert "Det finns inga organisationer ännu." in response.content.decode()


def test_start_page_says_so_when_an_organisation_has_no_plans(
    client: Client, botkyrka: Organization
) -> None:
    response = client.get(reverse("plans:organization_list"))

    assert "Organisationen har inga planer ännu." in response.content.decode()


def test_start_page_query_count_does_not_grow_with_organisations(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    build_plan(make_organization("Alfa kommun", "alfa", "0001"), "a", goals=1, activities=1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("plans:organization_list"))
    for code in range(2, 6):
        organization = make_organization(f"Kommun {code}", f"kommun-{code}", f"000{code}")
        build_plan(organization, "a", goals=1, activities=1)
        build_plan(organization, "b", goals=1, activities=1)

    with django_assert_num_queries(len(few)):
        client.get(reverse("plans:organization_list"))


# --- plan page -------------------------------------------------------------------


def test_plan_page_shows_title_organisation_and_facts(client: Client, botkyrka_plan: Plan) -> None:
    response = client.get(plan_url(botkyrka_plan))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Handlingsplan mot våld i nära relationer</h1>" in html
    assert "Botkyrka kommun (kommunkod 0127)" in html
    assert "Antagen" in html
    assert "Beslutad av Kommunfullmäktige den 15 juni 2023" in html
    assert "1 juli 2023 till och med 31 december 2026" in html
    assert "Ses över årligen" in html
    assert "Utvärderas vartannat år" in html
    assert "Nästa revidering: 2027" in html


def test_plan_page_renders_vision_paragraphs_and_purpose(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(plan_url(botkyrka_plan)).content.decode()

    assert "<p>Alla i Botkyrka lever ett liv fritt från våld.</p>" in html
    assert "<p>Ingen ska behöva vara rädd.</p>" in html
    assert "Planen samlar kommunens arbete." in html


def test_plan_page_shows_goals_linking_to_their_pages_with_their_measures(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(plan_url(botkyrka_plan)).content.decode()

    assert f'<a href="{goal_url(botkyrka_plan, 1)}">Målbild 1: Barn och unga vet var de kan' in html
    assert "Målbild 2: Personal har kunskap om våld</a></h2>" in html
    assert 'id="malbild-1"' in html
    assert 'href="#malbild-2"' in html
    assert "Andel förskolor som arbetar med materialet" in html
    assert "Önskad riktning: Ökar" in html
    assert "Önskad riktning: Minskar" in html
    assert "Analysenhet: förskolor" in html
    assert "Nollmätning 2022: 20" in html
    assert "Mål 2026: 80" in html


def test_goal_page_shows_prerequisites_measures_and_activities(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(goal_url(botkyrka_plan)).content.decode()

    assert "<h1>Målbild 1: Barn och unga vet var de kan få stöd</h1>" in html
    assert "Kunskap om stöd når alla barn." in html
    assert "För att nå hit behöver följande vara på plats" in html
    assert "Samverkan mellan skola och socialtjänst" in html
    assert "Andel förskolor som arbetar med materialet" in html
    assert "Nollmätning 2022: 20" in html
    assert "Utbilda elevhälsan om hedersrelaterat våld" in html
    assert "I samarbete med regionen" in html


def test_goal_page_marks_the_lead_actor_in_words(client: Client, botkyrka_plan: Plan) -> None:
    html = client.get(goal_url(botkyrka_plan)).content.decode()

    assert "Utbildningsnämnden, <strong>Socialnämnden (leder)</strong>" in html
    assert "Utbildningsnämnden (leder)" not in html


def test_goal_page_activity_table_has_caption_and_column_headers(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(goal_url(botkyrka_plan)).content.decode()

    assert "<caption" in html
    assert "Aktiviteter under målbild 1" in html
    assert '<th scope="col">Aktivitet</th>' in html
    assert '<th scope="col">Ansvariga aktörer</th>' in html
    assert '<th scope="col">Status</th>' in html


def test_goal_page_tells_activity_status_with_text_and_a_hidden_symbol(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(goal_url(botkyrka_plan)).content.decode()

    assert '<span class="status-symbol" aria-hidden="true">◐</span> Pågår' in html
    assert "Två av fyra skolor klara" in html


def test_plan_page_shows_responsibilities_and_who_follows_them_up(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(plan_url(botkyrka_plan)).content.decode()

    assert "<h2" in html and "Ansvar per aktör</h2>" in html
    assert "<h3>Socialnämndens ansvar</h3>" in html
    assert "Aktör: Socialnämnden" in html
    assert "Nämnden ansvarar för stöd till våldsutsatta." in html
    assert "Följs upp av: Kommunstyrelsen" in html


def test_plan_without_goals_shows_its_activities_under_the_plans_own_label(
    client: Client, haninge_assignment: Plan
) -> None:
    html = client.get(plan_url(haninge_assignment)).content.decode()

    assert "Uppdragspunkter</h2>" in html
    assert '<th scope="col">Uppdragspunkt</th>' in html
    assert "Ta fram en lägesbild" in html
    assert "Inrätta ett kompetensteam" in html
    assert "Kommunstyrelsen, Socialnämnden" in html


def test_plan_level_activity_statuses_are_shown_as_text(
    client: Client, haninge_assignment: Plan
) -> None:
    html = client.get(plan_url(haninge_assignment)).content.decode()

    assert "</span> Genomförd</span>" in html
    assert "</span> Försenad</span>" in html
    assert "</span> Ingen status angiven</span>" in html


def test_unknown_organisation_slug_answers_404(client: Client, botkyrka_plan: Plan) -> None:
    url = reverse("plans:plan_detail", kwargs={"org_slug": "finns-inte", "plan_slug": "vnr-hrv"})

    assert client.get(url).status_code == 404


def test_unknown_plan_slug_answers_404(client: Client, botkyrka_plan: Plan) -> None:
    url = reverse("plans:plan_detail", kwargs={"org_slug": "botkyrka", "plan_slug": "finns-inte"})

    assert client.get(url).status_code == 404


def test_a_plan_is_not_reachable_under_another_organisations_slug(
    client: Client, botkyrka_plan: Plan, haninge_assignment: Plan
) -> None:
    url = reverse(
        "plans:plan_detail",
        kwargs={"org_slug": "botkyrka", "plan_slug": haninge_assignment.slug},
    )

    assert client.get(url).status_code == 404


def test_plan_page_query_count_does_not_grow_with_goals_and_activities(
    client: Client, botkyrka: Organization, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    small = build_plan(botkyrka, "liten", goals=1, activities=1)
    large = build_plan(botkyrka, "stor", goals=6, activities=5)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(plan_url(small)).status_code == 200

    with django_assert_num_queries(len(small_queries)):
        response = client.get(plan_url(large))

    assert response.status_code == 200
    assert "Målbild 6</a>" in response.content.decode()


# --- the page frame ----------------------------------------------------------------


def test_pages_are_in_swedish_and_start_with_a_skip_link(
    client: Client, botkyrka_plan: Plan
) -> None:
    html = client.get(plan_url(botkyrka_plan)).content.decode()

    assert '<html lang="sv">' in html
    assert '<a class="skip-link" href="#innehall">Hoppa till innehållet</a>' in html
    assert '<main id="innehall" class="container" tabindex="-1">' in html
    assert "<title>Handlingsplan mot våld i nära relationer – Handlingskraft</title>" in html


def test_pages_have_no_scripts_inline_styles_or_external_resources(
    client: Client, botkyrka_plan: Plan
) -> None:
    for url in (reverse("plans:organization_list"), plan_url(botkyrka_plan)):
        html = client.get(url).content.decode()

        assert "<script" not in html
        assert " style=" not in html
        assert "<style" not in html
        assert "http://" not in html
        assert "https://" not in html
        assert "/static/css/site.css" in html


def test_the_start_page_asks_an_anonymous_visitor_to_log_in(db: None) -> None:
    response = Client().get(reverse("plans:organization_list"))
    assert response.status_code == 302
    assert (
        response["Location"].startswith(str(settings.LOGIN_URL)) or "login" in response["Location"]
    )


def test_the_start_page_lists_only_the_members_own_organisations(
    client_as: Callable[[str], Client], world: World
) -> None:
    html = client_as("reader").get(reverse("plans:organization_list")).content.decode()
    assert world.organization.name in html
    assert world.other_organization.name not in html


def test_an_outsider_gets_404_for_another_organisations_plan(
    client_as: Callable[[str], Client], world: World
) -> None:
    assert client_as("outsider").get(plan_url(world.plan)).status_code == 404


def test_a_deactivated_member_no_longer_reaches_the_plan(
    client_as: Callable[[str], Client], world: World
) -> None:
    reader = client_as("reader")
    assert reader.get(plan_url(world.plan)).status_code == 200
    world.users["reader"].memberships.update(is_active=False)
    assert reader.get(plan_url(world.plan)).status_code == 404
