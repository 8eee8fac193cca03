"""The plan workspace: the organisation's start page, the plan overview, the
goal page, the activity list, each actor's responsibility and the timeline.
Who may see them is in the access table (plans/tests/access.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handlingskraft.conftest import World, make_actor
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    ActivityStatus,
    Goal,
    Plan,
    PlanStatus,
    PreventionLevel,
    Responsibility,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


# --- building blocks ---------------------------------------------------------------


def url(name: str, world: World, query: str = "", **kwargs: Any) -> str:
    base = {"org_slug": world.organization.slug}
    if name != "plans:organization_home":
        base["plan_slug"] = world.plan.slug
    return reverse(name, kwargs={**base, **kwargs}) + (f"?{query}" if query else "")


def page(client: Client, address: str, **headers: str) -> str:
    response = client.get(address, headers=headers)
    assert response.status_code == 200, address
    return response.content.decode()


def add_activities(
    plan: Plan, goal: Goal | None, actors: list[Any], count: int, **fields: Any
) -> list[Activity]:
    """`count` activities, the first actor leading, the others sharing."""
    fields.setdefault("description", "Uppgift")
    activities = Activity.objects.bulk_create(
        Activity(plan=plan, goal=goal, position=n + 1, **fields) for n in range(count)
    )
    ActivityActor.objects.bulk_create(
        ActivityActor(activity=activity, actor=actor, is_lead=index == 0, position=index)
        for activity in activities
        for index, actor in enumerate(actors)
    )
    return activities


def query_count(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def grows_by_nothing(
    client: Client, world: World, address: str, *, more: Callable[[int], object]
) -> None:
    """The page costs as many queries with 5 activities as with 500."""
    more(5)
    few = query_count(client, address)
    more(495)
    assert query_count(client, address) == few


@pytest.fixture
def coordinator(client_as: Callable[[str], Client]) -> Client:
    return client_as("coordinator")


@pytest.fixture
def second_goal(world: World) -> Goal:
    return Goal.objects.create(plan=world.plan, number=2, title="Personal har kunskap om våld")


@pytest.fixture
def listed(world: World, second_goal: Goal) -> World:
    """The world plan with three more activities that differ in everything
    the activity list filters and sorts by."""
    world.activity.status = ActivityStatus.ONGOING
    world.activity.status_note = "Två av fyra skolor klara"
    world.activity.partner_note = "I samarbete med regionen"
    world.activity.prevention_level = PreventionLevel.UNIVERSAL
    world.activity.starts_on = datetime.date(2026, 1, 15)
    world.activity.due_on = datetime.date(2026, 12, 31)
    world.activity.save()
    police = make_actor(world.organization, "Polisen", kind="external_partner")
    add_activities(world.plan, second_goal, [police], 1, description="Samverka med polisen")
    add_activities(
        world.plan,
        second_goal,
        [world.school],
        1,
        description="Utbilda lärare",
        recurrence="varje vår",
    )
    add_activities(
        world.plan,
        None,
        [world.school, world.social],
        1,
        description="Följa upp planen",
        status=ActivityStatus.DELAYED,
    )
    return world


# --- the organisation's start page ----------------------------------------------------


def test_the_organisation_list_links_each_organisation_to_its_start_page(
    world: World, coordinator: Client
) -> None:
    html = page(coordinator, reverse("plans:organization_list"))

    assert f'<a href="{url("plans:organization_home", world)}">Testkommun</a>' in html


def test_the_start_page_lists_the_plans_with_their_status(
    world: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:organization_home", world))

    assert "<h1>Testkommun</h1>" in html
    assert f'<a href="{url("plans:plan_detail", world)}">Handlingsplan plan</a>' in html
    assert "Antagen, version 1" in html
    assert url("plans:activity_list", world) in html
    assert url("plans:timeline", world) in html
    assert "Annan kommun" not in html and "annan-plan" not in html


def test_the_start_page_mentions_a_draft_revision_of_a_plan(
    world: World, coordinator: Client
) -> None:
    Plan.objects.create(
        organization=world.organization,
        title=world.plan.title,
        slug=world.plan.slug,
        version=2,
        revision_of=world.plan,
    )

    html = page(coordinator, url("plans:organization_home", world))

    assert "Antagen, version 1" in html
    assert "Det finns en ny version under arbete" in html
    assert f'href="{url("plans:plan_detail", world)}?version=2"' in html
    assert html.count('class="plan-card"') == 1


def test_the_start_page_shows_overdue_and_soon_due_activities_not_finished_ones(
    world: World, coordinator: Client
) -> None:
    plan, goal, actors = world.plan, world.goal, [world.social]
    add_activities(plan, goal, actors, 1, description="Sen uppgift", due_on=TODAY - DAY)
    add_activities(plan, goal, actors, 1, description="Snart klar", due_on=TODAY + 30 * DAY)
    add_activities(plan, goal, actors, 1, description="Senare", due_on=TODAY + 31 * DAY)
    add_activities(
        plan, goal, actors, 1, description="Redan klar", due_on=TODAY - DAY, status="completed"
    )
    add_activities(world.other_plan, None, [], 1, description="Annans sena", due_on=TODAY - DAY)

    html = page(coordinator, url("plans:organization_home", world))

    assert "1 aktivitet har passerat sitt slutdatum" in html
    assert "Sen uppgift" in html
    assert "1 aktivitet ska vara klar inom 30 dagar" in html
    assert "Snart klar" in html
    assert "Senare" not in html
    assert "Redan klar" not in html
    assert "Annans sena" not in html
    assert "Ansvariga: <strong>Socialnämnden (leder)</strong>" in html
    assert url("plans:goal_detail", world, number=1) in html


def test_the_start_page_lists_a_late_revision_and_this_years_review(
    world: World, coordinator: Client
) -> None:
    Plan.objects.filter(pk=world.plan.pk).update(
        decided_on=datetime.date(TODAY.year - 3, 5, 1),
        annual_review=True,
        next_revision_year=TODAY.year - 1,
    )

    html = page(coordinator, url("plans:organization_home", world))

    assert f"Revidering {TODAY.year - 1}:" in html
    assert '<span class="status-symbol" aria-hidden="true">!</span> Försenad</span>' in html
    assert f"Årlig översyn {TODAY.year}:" in html
    assert f"Årlig översyn {TODAY.year - 2}" not in html


def test_the_start_page_says_when_nothing_needs_attention(
    world: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:organization_home", world))

    assert "Inget behöver uppmärksammas just nu" in html


def test_the_start_page_costs_the_same_queries_for_5_and_500_overdue_activities(
    world: World, coordinator: Client
) -> None:
    grows_by_nothing(
        coordinator,
        world,
        url("plans:organization_home", world),
        more=lambda n: add_activities(
            world.plan, world.goal, [world.social, world.school], n, due_on=TODAY - DAY
        ),
    )


# --- the plan overview ------------------------------------------------------------------


def test_the_overview_summarises_statuses_in_words_and_symbols(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:plan_detail", listed))

    assert "Antal aktiviteter per status" in html
    assert (
        '<th scope="row"><span class="status status--ongoing">'
        '<span class="status-symbol" aria-hidden="true">◐</span> Pågår</span></th>'
    ) in html
    assert (
        '<th scope="row"><span class="status status--none">'
        '<span class="status-symbol" aria-hidden="true">–</span> Ingen status angiven</span></th>'
    ) in html
    assert f'href="{url("plans:activity_list", listed)}?status=none">2' in html
    assert '<td class="number">4</td>' in html


def test_the_overview_counts_statuses_per_goal_and_links_to_the_goal_page(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:plan_detail", listed))

    assert 'aria-label="Status för aktiviteter under målbild 2"' in html
    assert "Se förutsättningar och 2 aktiviteter under målbild 2" in html
    assert "Se förutsättningar och 1 aktivitet under målbild 1" in html
    assert f'href="{url("plans:goal_detail", listed, number=2)}"' in html


def test_the_overview_links_to_the_list_the_timeline_and_each_actors_page(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:plan_detail", listed))

    assert url("plans:activity_list", listed) in html
    assert url("plans:timeline", listed) in html
    assert 'href="#oversyn"' in html
    for actor in (listed.social, listed.school):
        actor_url = url("plans:actor_responsibility", listed, actor_id=actor.pk)
        assert f'<a href="{actor_url}">{actor.name}</a>' in html
    assert html.index(">Polisen</a>") < html.index(">Socialnämnden</a>")


def test_the_overview_shows_the_review_calendar_with_states_in_words(
    world: World, coordinator: Client
) -> None:
    Plan.objects.filter(pk=world.plan.pk).update(
        decided_on=datetime.date(TODAY.year - 2, 9, 5),
        annual_review=True,
        next_revision_year=TODAY.year + 1,
    )

    html = page(coordinator, url("plans:plan_detail", world))

    assert '<h2 id="oversyn-rubrik">Översyn och revidering</h2>' in html
    assert "Årlig översyn" in html
    assert "</span> Genomförd eller passerad</span>" in html
    assert "</span> Aktuell i år</span>" in html
    assert "</span> Kommande</span>" in html


def test_a_revision_counts_as_done_once_a_newer_version_is_adopted(
    world: World, coordinator: Client
) -> None:
    Plan.objects.filter(pk=world.plan.pk).update(next_revision_year=TODAY.year - 1)
    Plan.objects.create(
        organization=world.organization,
        title=world.plan.title,
        slug=world.plan.slug,
        version=2,
        status=PlanStatus.ADOPTED,
    )

    html = page(coordinator, url("plans:plan_detail", world, query="version=1"))

    calendar = html.split('id="oversyn-rubrik"')[1]
    assert "</span> Genomförd eller passerad</span>" in calendar
    assert "</span> Försenad</span>" not in calendar


def test_the_overview_says_so_when_the_plan_has_no_review_terms(
    world: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:plan_detail", world))

    assert "Planen anger ingen översyn, utvärdering eller revidering." in html


def test_the_overview_costs_the_same_queries_for_5_and_500_activities(
    world: World, coordinator: Client
) -> None:
    grows_by_nothing(
        coordinator,
        world,
        url("plans:plan_detail", world),
        more=lambda n: add_activities(world.plan, world.goal, [world.social, world.school], n),
    )


# --- the goal page ----------------------------------------------------------------------


def test_the_goal_page_links_to_the_next_goal_and_the_filtered_list(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:goal_detail", listed, number=1))

    assert f'href="{url("plans:goal_detail", listed, number=2)}" rel="next"' in html
    assert 'rel="prev"' not in html
    assert f'href="{url("plans:activity_list", listed)}?goal=1"' in html
    assert "Polisen" not in html


def test_an_unknown_goal_number_answers_404(world: World, coordinator: Client) -> None:
    assert coordinator.get(url("plans:goal_detail", world, number=9)).status_code == 404


def test_the_goal_page_costs_the_same_queries_for_5_and_500_activities(
    world: World, coordinator: Client
) -> None:
    grows_by_nothing(
        coordinator,
        world,
        url("plans:goal_detail", world, number=1),
        more=lambda n: add_activities(world.plan, world.goal, [world.social, world.school], n),
    )


# --- the activity list --------------------------------------------------------------------


def test_the_activity_list_shows_every_activity_with_all_its_facts(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:activity_list", listed))

    assert "<h1>Alla aktiviteter</h1>" in html
    assert "Visar 4 av 4 aktiviteter" in html
    assert "<strong>Socialnämnden (leder)</strong>, Utbildningsnämnden" in html
    assert "I samarbete med regionen" in html
    assert "<td>Universell</td>" in html
    assert "Start 2026-01-15" in html and "Klart senast 2026-12-31" in html
    assert "Återkommer: varje vår" in html
    assert "</span> Pågår</span>" in html and "Två av fyra skolor klara" in html
    assert '<th scope="col">Utbildningar</th>' in html
    numbers = html.split('<span class="activity-number">')[1:]
    assert [number.split("<")[0] for number in numbers] == ["1.1", "2.1", "2.2", "1"]


def test_the_activity_list_filters_by_actor_and_status_from_the_query_string(
    listed: World, coordinator: Client
) -> None:
    query = f"actor={listed.school.pk}&status=none"
    html = page(coordinator, url("plans:activity_list", listed, query=query))

    assert "Visar 1 av 4 aktiviteter" in html
    assert "Utbilda lärare" in html
    assert "Följa upp planen" not in html and "Informera föräldrar" not in html
    assert f'<option value="{listed.school.pk}" selected>Utbildningsnämnden</option>' in html
    assert '<option value="none" selected>Ingen status angiven</option>' in html


def test_the_activity_list_offers_only_the_plans_responsible_actors(
    listed: World, coordinator: Client
) -> None:
    make_actor(listed.organization, "Kulturnämnden")

    html = page(coordinator, url("plans:activity_list", listed))

    assert ">Polisen</option>" in html
    assert "Kulturnämnden" not in html


def test_the_activity_list_sorts_by_the_sort_parameter(listed: World, coordinator: Client) -> None:
    html = page(coordinator, url("plans:activity_list", listed, query="sort=status"))

    assert html.index("Följa upp planen") < html.index("Samverka med polisen")
    assert html.index("Samverka med polisen") < html.index("Informera föräldrar")
    assert '<option value="status" selected>' in html


def test_the_activity_list_says_so_when_no_activity_matches(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:activity_list", listed, query="status=cancelled"))

    assert "Visar 0 av 4 aktiviteter" in html
    assert "Inga aktiviteter stämmer med filtren." in html


def test_the_activity_list_form_works_without_javascript_and_with_htmx(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:activity_list", listed))
    list_url = url("plans:activity_list", listed)

    assert f'<form method="get" action="{list_url}"' in html
    assert f'hx-get="{list_url}" hx-target="#resultat" hx-push-url="true"' in html
    assert 'hx-trigger="change, submit"' in html
    assert '<button type="submit" class="button">Visa</button>' in html
    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in html
    assert "<script>" not in html and " style=" not in html
    assert 'role="status" aria-live="polite"' in html
    assert 'media="print"' in html


def test_an_htmx_request_gets_only_the_results_and_the_new_count(
    listed: World, coordinator: Client
) -> None:
    address = url("plans:activity_list", listed, query=f"actor={listed.school.pk}")
    response = coordinator.get(address, headers={"HX-Request": "true"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert '<span id="antal" hx-swap-oob="innerHTML">Visar 3 av 4 aktiviteter</span>' in html
    assert "Utbilda lärare" in html and "Samverka med polisen" not in html
    assert "HX-Request" in response["Vary"]


def test_restoring_history_with_htmx_gets_the_whole_page(
    listed: World, coordinator: Client
) -> None:
    html = page(
        coordinator,
        url("plans:activity_list", listed),
        **{"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in html and "hx-swap-oob" not in html


def test_the_activity_list_keeps_the_version_asked_for(world: World, coordinator: Client) -> None:
    html = page(coordinator, url("plans:activity_list", world, query="version=1"))

    assert '<input type="hidden" name="version" value="1">' in html


def test_the_activity_list_of_an_unknown_version_answers_404(
    world: World, coordinator: Client
) -> None:
    address = url("plans:activity_list", world, query="version=7")

    assert coordinator.get(address).status_code == 404


@pytest.mark.parametrize("query", ["", "actor=1&status=none&sort=actor&due=this_year"])
def test_the_activity_list_costs_the_same_queries_for_5_and_500_activities(
    query: str, world: World, coordinator: Client
) -> None:
    grows_by_nothing(
        coordinator,
        world,
        url("plans:activity_list", world, query=query),
        more=lambda n: add_activities(
            world.plan, world.goal, [world.social, world.school], n, due_on=TODAY
        ),
    )


# --- what the plan asks of one actor -----------------------------------------------------


def test_the_actor_page_shows_responsibilities_lead_and_shared_activities(
    listed: World, coordinator: Client
) -> None:
    Responsibility.objects.filter(plan=listed.plan).update(
        title="Socialnämndens ansvar", followed_up_by=listed.school
    )

    html = page(coordinator, url("plans:actor_responsibility", listed, actor_id=listed.social.pk))

    assert "<h1>Vårt ansvar: Socialnämnden</h1>" in html
    assert "Socialnämndens ansvar" in html and "Ansvarar för rutiner." in html
    school_url = url("plans:actor_responsibility", listed, actor_id=listed.school.pk)
    assert f'Följs upp av: <a href="{school_url}">Utbildningsnämnden</a>' in html
    leads, shares = html.split('id="delar-rubrik"')
    assert "Informera föräldrar" in leads and "Följa upp planen" not in leads
    assert "Följa upp planen" in shares and "Informera föräldrar" not in shares


def test_the_actor_page_lists_what_the_actor_follows_up_for_others(
    world: World, coordinator: Client
) -> None:
    Responsibility.objects.filter(plan=world.plan).update(followed_up_by=world.school)

    html = page(coordinator, url("plans:actor_responsibility", world, actor_id=world.school.pk))

    assert "Ansvar som vi följer upp hos andra" in html
    assert "Ansvarar för rutiner." in html


def test_the_actor_page_says_so_when_the_plan_asks_nothing_of_the_actor(
    world: World, coordinator: Client
) -> None:
    idle = make_actor(world.organization, "Kulturnämnden")

    html = page(coordinator, url("plans:actor_responsibility", world, actor_id=idle.pk))

    assert "Planen ger inte Kulturnämnden något ansvar" in html


def test_another_organisations_actor_answers_404(world: World, coordinator: Client) -> None:
    stranger = make_actor(world.other_organization, "Främmande nämnd")
    address = url("plans:actor_responsibility", world, actor_id=stranger.pk)

    assert coordinator.get(address).status_code == 404


def test_the_actor_page_costs_the_same_queries_for_5_and_500_activities(
    world: World, coordinator: Client
) -> None:
    grows_by_nothing(
        coordinator,
        world,
        url("plans:actor_responsibility", world, actor_id=world.social.pk),
        more=lambda n: add_activities(world.plan, world.goal, [world.school, world.social], n),
    )


# --- the timeline --------------------------------------------------------------------------


def test_the_timeline_places_activities_by_month_for_the_year_asked_for(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:timeline", listed, query="year=2026"))

    assert "<h1>Tidslinje 2026</h1>" in html
    assert '<th scope="row">Januari</th>' in html
    january = html.split('<th scope="row">Januari</th>')[1].split("</tr>")[0]
    december = html.split('<th scope="row">December</th>')[1].split("</tr>")[0]
    assert "Informera föräldrar" in january
    assert "Informera föräldrar" in december
    assert "?year=2025" in html and "?year=2027" in html


def test_the_timeline_lists_recurring_activities_separately(
    listed: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:timeline", listed, query="year=2026"))
    recurring = html.split('id="aterkommande-rubrik"')[1]

    assert "Utbilda lärare" in recurring and "Återkommer: varje vår" in recurring


def test_the_timeline_leaves_out_other_years_and_shows_that_years_reviews(
    listed: World, coordinator: Client
) -> None:
    Plan.objects.filter(pk=listed.plan.pk).update(
        decided_on=datetime.date(2023, 5, 1), next_revision_year=2025
    )

    html = page(coordinator, url("plans:timeline", listed, query="year=2025"))

    assert "Informera föräldrar" not in html
    assert "Revidering: <span" in html


def test_the_timeline_shows_this_year_when_the_year_makes_no_sense(
    world: World, coordinator: Client
) -> None:
    html = page(coordinator, url("plans:timeline", world, query="year=99999"))

    assert f"<h1>Tidslinje {TODAY.year}</h1>" in html


def test_the_timeline_costs_the_same_queries_for_5_and_500_activities(
    world: World, coordinator: Client
) -> None:
    grows_by_nothing(
        coordinator,
        world,
        url("plans:timeline", world),
        more=lambda n: add_activities(
            world.plan, world.goal, [world.social], n, starts_on=TODAY, due_on=TODAY
        ),
    )
