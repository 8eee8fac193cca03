"""The public pages in a real browser: "Lämna sidan snabbt" replaces the page
and Back does not return to it; nothing is requested from another site; and
axe-core finds no WCAG 2.1 A/AA violation on any public page, a right-to-left
help text included, nor on the coordinator's publishing pages.

The neutral page is routed to a local stub, so no request leaves the machine."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as

from .conftest import PublicWorld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_PAGE = (
    '<!DOCTYPE html><html lang="sv"><meta charset="utf-8">'
    "<title>Väder</title><h1>Vädret i dag</h1></html>"
)


def route_neutral_page(page: Any) -> None:
    page.route(
        f"{settings.QUICK_EXIT_URL.split('?')[0]}**",
        lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE
        ),
    )


def public_urls(public_world: PublicWorld) -> list[str]:
    """Every kind of public page (the URLs axe checks)."""
    world = public_world.world
    org, plan = world.organization.slug, world.plan.slug
    return [
        reverse("public:index"),
        reverse("public:organization", args=[org]),
        reverse("public:plan", args=[org, plan]),
        reverse("public:measures", args=[org, plan]),
        reverse("public:round_list", args=[org, plan]),
        reverse("public:round_detail", args=[org, plan, public_world.round.pk]),
        reverse("public:statistics_list", args=[org]),
        reverse("public:statistics_detail", args=[org, public_world.data_set.pk]),
        reverse("public:help", args=[org]),
        reverse("public:help_language", args=[org, "ar"]),
        reverse("public:indicator_list"),
        reverse("public:indicator_detail", args=[public_world.indicator.code]),
        reverse("public:accessibility"),
    ]


def test_leaving_quickly_replaces_the_page_and_back_does_not_return(
    browser_page: Any, live_server: Any, public_world: PublicWorld
) -> None:
    page = browser_page
    route_neutral_page(page)
    organization_url = reverse("public:organization", args=[public_world.world.organization.slug])
    help_url = reverse("public:help", args=[public_world.world.organization.slug])
    page.goto(organization_url)
    page.get_by_role("link", name="Få stöd och hjälp: vart du kan vända dig").click()
    page.wait_for_url(f"**{help_url}")

    page.get_by_role("link", name="Lämna sidan snabbt").click()
    page.wait_for_url(f"{settings.QUICK_EXIT_URL.split('?')[0]}**")
    assert page.get_by_role("heading", name="Vädret i dag").is_visible()

    page.go_back()
    page.wait_for_load_state()
    # The help page was replaced in the history: Back leads to the page before it.
    assert page.url == f"{live_server.url}{organization_url}"


def test_the_escape_key_leaves_quickly(
    browser_page: Any, live_server: Any, public_world: PublicWorld
) -> None:
    page = browser_page
    route_neutral_page(page)
    index_url = reverse("public:index")
    page.goto(index_url)
    page.goto(reverse("public:help_language", args=[public_world.world.organization.slug, "ar"]))
    page.keyboard.press("Escape")
    page.wait_for_url(f"{settings.QUICK_EXIT_URL.split('?')[0]}**")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}{index_url}"


def test_without_javascript_the_button_is_a_plain_link(
    chromium: Any, live_server: Any, public_world: PublicWorld
) -> None:
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        route_neutral_page(page)
        page.goto(reverse("public:help", args=[public_world.world.organization.slug]))
        page.get_by_role("link", name="Lämna sidan snabbt").click()
        page.wait_for_url(f"{settings.QUICK_EXIT_URL.split('?')[0]}**")
        assert page.get_by_role("heading", name="Vädret i dag").is_visible()
    finally:
        context.close()


def test_public_pages_request_nothing_from_other_sites_and_pass_axe(
    browser_page: Any, live_server: Any, public_world: PublicWorld
) -> None:
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    checked = []
    for url in public_urls(public_world):
        page.goto(url)
        assert page.locator("a.quick-exit").is_visible(), url
        assert axe_violations(page) == [], url
        checked.append(url)
    assert len(checked) == 13
    outside = [url for url in requested if not url.startswith(live_server.url)]
    assert outside == []
    assert page.context.cookies() == []


def test_the_right_to_left_text_is_laid_out_right_to_left(
    browser_page: Any, live_server: Any, public_world: PublicWorld
) -> None:
    page = browser_page
    page.goto(reverse("public:help_language", args=[public_world.world.organization.slug, "ar"]))
    text = page.locator('.help-text[lang="ar"]')
    assert text.evaluate("element => getComputedStyle(element).direction") == "rtl"
    assert text.evaluate("element => getComputedStyle(element).textAlign") in {"right", "start"}
    assert page.locator("html").get_attribute("dir") is None


def test_the_publishing_pages_pass_axe(
    browser_page: Any, live_server: Any, public_world: PublicWorld
) -> None:
    page = browser_page
    world = public_world.world
    log_in_as(page, world.users["coordinator"], live_server.url)
    org = world.organization.slug
    contact = world.organization.help_contacts.first()
    assert contact is not None
    for url in (
        reverse("public:publishing", args=[org]),
        reverse("public:publishing_plan", args=[org, world.plan.slug]),
        reverse("public:help_edit", args=[org]),
        reverse("public:contact_edit", args=[org, contact.pk]),
        reverse("public:text_create", args=[org]),
        reverse("public:indicator_links", args=[org]),
    ):
        page.goto(url)
        assert axe_violations(page) == [], url
