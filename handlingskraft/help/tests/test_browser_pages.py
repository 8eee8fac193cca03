"""The help pages in a real browser: no WCAG 2.1 A/AA violations, every
screenshot loads, and the help link in the header leads to them."""

from __future__ import annotations

from typing import Any

import pytest

from handlingskraft.browser_testing import axe_violations
from handlingskraft.help.guides import GUIDES, INDEX, guide_url, render_guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether an image has loaded, waiting for it if it is still on its way (the
# pictures load lazily, as they come into view).
LOADED = """img => img.complete ? img.naturalWidth > 0 : new Promise(done => {
    img.addEventListener("load", () => done(img.naturalWidth > 0));
    img.addEventListener("error", () => done(false));
})"""


def test_the_help_pages_are_accessible_and_their_pictures_load(
    browser_page: Any, live_server: Any
) -> None:
    page = browser_page
    page.goto("/konto/logga-in/")
    page.locator("header.site-header").get_by_role("link", name="Hjälp").click()
    page.wait_for_url(f"**{guide_url(INDEX)}")
    checked = []
    for slug in (INDEX, *GUIDES):
        page.goto(guide_url(slug))
        assert page.get_by_role("heading", level=1).inner_text() == render_guide(slug).title
        images = page.locator("article.guide img")
        for index in range(images.count()):
            image = images.nth(index)
            image.scroll_into_view_if_needed()
            assert image.evaluate(LOADED), f"{slug}: {image.get_attribute('src')}"
        assert axe_violations(page) == [], slug
        checked.append(slug)
    assert checked == ["index", "samordnare", "arbetsgruppsmedlem", "rapportor", "lasare"]
