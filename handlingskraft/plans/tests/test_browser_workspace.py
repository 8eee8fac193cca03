"""The plan workspace in a real browser, on Botkyrka's seed plan as its
coordinator: filtering the activity list with htmx (by mouse-free form use and
by keyboard alone), no WCAG 2.1 A/AA violations on any workspace page, no
sideways scrolling on a phone, a print layout for the list, and screenshots
for the user guide (docs/bilder/)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from handlingskraft.accounts.models import Membership, Role
from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import make_user
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.models import Activity, ActivityStatus, Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNT = "#antal"
ROWS = "table.activity-list tbody tr"


@pytest.fixture
def botkyrka() -> Plan:
    """Botkyrka's plan, with statuses and dates on some activities (the seed
    has none), so the filters, the timeline and the start page have
    something to tell apart."""
    plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    today = timezone.localdate()
    cycle = [ActivityStatus.ONGOING, ActivityStatus.NOT_STARTED, "", ActivityStatus.COMPLETED]
    for index, activity in enumerate(Activity.objects.filter(plan=plan).order_by("pk")):
        activity.status = cycle[index % len(cycle)]
        if index % 3 == 0:
            activity.starts_on = datetime.date(today.year, 1 + index % 12, 1)
            activity.due_on = today + datetime.timedelta(days=20 * (index - 6))
            if activity.due_on < activity.starts_on:
                activity.starts_on = activity.due_on
        activity.save()
    return plan


@pytest.fixture
def signed_in(browser_page: Any, live_server: Any, botkyrka: Plan) -> Any:
    """The browser tab, logged in as Botkyrka's coordinator."""
    coordinator = make_user("samordnare", first_name="Sara", last_name="Samordnare")
    Membership.objects.create(
        user=coordinator, organization=botkyrka.organization, role=Role.COORDINATOR
    )
    log_in_as(browser_page, coordinator, live_server.url)
    return browser_page


def plan_url(name: str, plan: Plan, **kwargs: Any) -> str:
    return reverse(
        name, kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, **kwargs}
    )


def social(plan: Plan) -> Actor:
    return Actor.objects.get(organization=plan.organization, name="Socialnämnden")


def expected_count(plan: Plan, actor: Actor | None = None, status: str | None = None) -> int:
    activities = Activity.objects.filter(plan=plan)
    if actor is not None:
        activities = activities.filter(assignments__actor=actor)
    if status is not None:
        activities = activities.filter(status=status)
    return activities.count()


def wait_for_count(page: Any, shown: int, total: int) -> None:
    page.wait_for_function(
        "text => document.querySelector('#antal').textContent.trim() === text",
        arg=f"Visar {shown} av {total} aktiviteter",
    )


def test_filtering_the_activity_list_by_actor_and_status_swaps_in_the_results(
    signed_in: Any, botkyrka: Plan
) -> None:
    page, actor = signed_in, social(botkyrka)
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.goto(plan_url("plans:activity_list", botkyrka))
    assert page.locator(COUNT).inner_text() == "Visar 18 av 18 aktiviteter"
    assert page.locator(ROWS).count() == 18
    # Set on the page: a full page load would lose it, an htmx swap keeps it.
    page.evaluate("window.stillTheSamePage = true")

    page.select_option("#filter-actor", label="Socialnämnden")
    by_actor = expected_count(botkyrka, actor)
    wait_for_count(page, by_actor, 18)
    assert page.locator(ROWS).count() == by_actor
    page.select_option("#filter-status", label="Pågår")
    both = expected_count(botkyrka, actor, ActivityStatus.ONGOING)
    wait_for_count(page, both, 18)

    assert 0 < both < by_actor < 18
    assert page.locator(ROWS).count() == both
    assert all(
        "Pågår" in text for text in page.locator(f"{ROWS} td:nth-child(7)").all_inner_texts()
    )
    assert re.search(rf"[?&]actor={actor.pk}(&|$)", page.url)
    assert re.search(r"[?&]status=ongoing(&|$)", page.url)
    assert page.evaluate("window.stillTheSamePage") is True
    # htmx runs under the Content Security Policy (no inline script or style).
    assert [line for line in console if "Content Security Policy" in line] == []
    screenshot(page, "aktivitetslistan-filtrerad")

    page.reload()
    assert page.locator(COUNT).inner_text() == f"Visar {both} av 18 aktiviteter"
    assert page.locator("#filter-status").input_value() == "ongoing"


def test_the_filters_can_be_used_with_the_keyboard_alone(signed_in: Any, botkyrka: Plan) -> None:
    page, actor = signed_in, social(botkyrka)
    page.goto(plan_url("plans:activity_list", botkyrka))

    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-actor":
            break
    assert page.evaluate("document.activeElement.id") == "filter-actor"
    options = page.locator("#filter-actor option").all_inner_texts()
    for _ in range(options.index("Socialnämnden")):
        page.keyboard.press("ArrowDown")
    wait_for_count(page, expected_count(botkyrka, actor), 18)

    page.keyboard.press("Tab")  # the goal
    page.keyboard.press("Tab")  # the status
    assert page.evaluate("document.activeElement.id") == "filter-status"
    statuses = page.locator("#filter-status option").all_inner_texts()
    for _ in range(statuses.index("Pågår")):
        page.keyboard.press("ArrowDown")
    shown = expected_count(botkyrka, actor, ActivityStatus.ONGOING)
    wait_for_count(page, shown, 18)

    assert page.locator(ROWS).count() == shown
    assert page.evaluate("document.activeElement.id") == "filter-status"
    assert f"actor={actor.pk}" in page.url and "status=ongoing" in page.url


def test_every_workspace_page_has_no_accessibility_violations(
    signed_in: Any, botkyrka: Plan
) -> None:
    page, org_slug = signed_in, botkyrka.organization.slug
    list_url = plan_url("plans:activity_list", botkyrka)
    filtered = f"{list_url}?actor={social(botkyrka).pk}&status=none&sort=due"
    expected = [
        f"/{org_slug}/",
        f"/{org_slug}/planer/hrv-handlingsplan/",
        f"/{org_slug}/planer/hrv-handlingsplan/malbild/1/",
        f"/{org_slug}/planer/hrv-handlingsplan/aktiviteter/",
        filtered,
        f"/{org_slug}/planer/hrv-handlingsplan/ansvar/{social(botkyrka).pk}/",
        f"/{org_slug}/planer/hrv-handlingsplan/tidslinje/",
    ]
    pages = [
        reverse("plans:organization_home", kwargs={"org_slug": org_slug}),
        plan_url("plans:plan_detail", botkyrka),
        plan_url("plans:goal_detail", botkyrka, number=1),
        list_url,
        filtered,
        plan_url("plans:actor_responsibility", botkyrka, actor_id=social(botkyrka).pk),
        plan_url("plans:timeline", botkyrka),
    ]
    checked = []
    for address in pages:
        page.goto(address)
        assert page.locator("h1").count() == 1, address
        assert axe_violations(page) == [], address
        checked.append(address)

    # And the list after an htmx swap, as a keyboard or screen reader user meets it.
    page.goto(list_url)
    page.select_option("#filter-status", label="Ingen status angiven")
    wait_for_count(page, expected_count(botkyrka, status=""), 18)
    assert axe_violations(page) == []
    checked.append(f"{list_url} (filtrerad med htmx)")

    assert checked == [*expected, f"{list_url} (filtrerad med htmx)"]


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("plans:plan_detail", {}),
        ("plans:activity_list", {}),
        ("plans:goal_detail", {"number": 2}),
        ("plans:timeline", {}),
    ],
)
def test_a_phone_wide_screen_needs_no_sideways_scrolling(
    name: str, kwargs: dict[str, Any], signed_in: Any, botkyrka: Plan
) -> None:
    page = signed_in
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(plan_url(name, botkyrka, **kwargs))

    # Wide tables scroll inside their own container; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if name == "plans:activity_list":
        screenshot(page, "aktivitetslistan-mobil")


def test_the_printed_activity_list_fits_a4_landscape_with_its_header_repeated(
    signed_in: Any, botkyrka: Plan
) -> None:
    page = signed_in
    # A4 landscape less 12 mm margins: 273 mm, about 1032 CSS pixels.
    page.set_viewport_size({"width": 1032, "height": 700})
    page.goto(plan_url("plans:activity_list", botkyrka))
    page.emulate_media(media="print")

    assert page.locator("form.activity-filters").is_hidden()
    assert page.locator("nav.breadcrumbs").is_hidden()
    table = "document.querySelector('table.activity-list')"
    assert page.evaluate(f"getComputedStyle({table}.tHead).display") == "table-header-group"
    assert page.evaluate(f"getComputedStyle({table}.rows[1]).breakInside") == "avoid"
    assert page.evaluate(f"{table}.scrollWidth") <= 1032


def test_screenshots_for_the_user_guide(signed_in: Any, botkyrka: Plan) -> None:
    page, org_slug = signed_in, botkyrka.organization.slug
    shots = {
        "startsida-organisation": reverse("plans:organization_home", kwargs={"org_slug": org_slug}),
        "planoversikt": plan_url("plans:plan_detail", botkyrka),
        "malbild": plan_url("plans:goal_detail", botkyrka, number=1),
        "aktivitetslistan": plan_url("plans:activity_list", botkyrka),
        "vart-ansvar": plan_url(
            "plans:actor_responsibility", botkyrka, actor_id=social(botkyrka).pk
        ),
        "tidslinje": plan_url("plans:timeline", botkyrka),
    }
    for name, address in shots.items():
        page.goto(address)
        assert page.locator("h1").count() == 1, name
        screenshot(page, name)
