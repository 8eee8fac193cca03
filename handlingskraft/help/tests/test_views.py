"""The help pages: each guide at its address with its title, open to
everyone; the pictures and links in them work on the site; and the header of
every page links to them."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation

from handlingskraft.conftest import World
from handlingskraft.help import guides
from handlingskraft.help.guides import GUIDES, INDEX, guide_url, render_guide

ALL = (INDEX, *GUIDES)


class Page(HTMLParser):
    """What the tests look for in a page: links, images, ids, h1 and the header's links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.h1: list[str] = []
        self.header_links: list[str] = []
        self._in_h1 = False
        self._in_header = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "header":
            self._in_header = True
        elif tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
            if self._in_header:
                self.header_links.append(str(attributes["href"]))
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "header":
            self._in_header = False
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


def page_of(client: Client, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200, url
    return Page(response.content.decode())


@pytest.mark.parametrize("slug", ALL)
def test_every_guide_renders_at_its_address_with_its_title(slug: str, db: None) -> None:
    response = Client().get(guide_url(slug))
    assert response.status_code == 200
    html, title = response.content.decode(), render_guide(slug).title
    assert [text.strip() for text in Page(html).h1] == [title]
    assert re.search(rf"<title>{re.escape(title if slug != INDEX else 'Hjälp')}", html)
    assert '<article class="guide" lang="sv">' in html


def test_the_guides_are_at_their_swedish_addresses() -> None:
    assert reverse("help:index") == "/hjalp/"
    assert reverse("help:guide", kwargs={"slug": "samordnare"}) == "/hjalp/samordnare/"


@pytest.mark.parametrize("slug", ["okand", "index", "README"])
def test_an_unknown_guide_answers_404(slug: str, db: None) -> None:
    assert Client().get(f"/hjalp/{slug}/").status_code == 404


@pytest.mark.parametrize("slug", ALL)
def test_every_image_on_a_help_page_is_a_static_file_with_a_text_alternative(
    slug: str, db: None
) -> None:
    page = page_of(Client(), guide_url(slug))
    assert page.images
    for image in page.images:
        src = str(image["src"])
        assert src.startswith("/static/hjalp-bilder/"), src
        assert finders.find(src.removeprefix("/static/")), src
        assert image["alt"], src


@pytest.mark.parametrize("slug", ALL)
def test_every_internal_link_on_a_help_page_resolves(slug: str, db: None) -> None:
    url = guide_url(slug)
    page = page_of(Client(), url)
    targets: dict[str, Page] = {url: page}
    for href in page.links:
        if href.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, fragment = href.partition("#")
        path = path or url
        match = resolve(path)  # raises Resolver404 for an address that leads nowhere
        if fragment and match.namespace == "help":
            if path not in targets:
                targets[path] = page_of(Client(), path)
            assert fragment in targets[path].ids, f"{slug}: {href}"


def test_the_help_link_is_in_the_header_of_the_start_page(
    client_as: Callable[[str], Client], world: World
) -> None:
    start = page_of(client_as("reader"), reverse("plans:organization_list"))
    assert reverse("help:index") in start.header_links
    home = reverse("plans:organization_home", kwargs={"org_slug": world.organization.slug})
    assert reverse("help:index") in page_of(client_as("reporter"), home).header_links


def test_the_help_link_is_in_the_header_before_logging_in(db: None) -> None:
    login = page_of(Client(), reverse("accounts:login"))
    assert reverse("help:index") in login.header_links


def test_the_index_links_to_every_role_guide(db: None) -> None:
    links = page_of(Client(), guide_url(INDEX)).links
    for slug in GUIDES:
        assert guide_url(slug) in links, slug


def test_a_long_guide_has_a_table_of_contents(db: None) -> None:
    page = page_of(Client(), guide_url("samordnare"))
    sections = render_guide("samordnare").sections
    assert "guide-innehall" in page.ids
    for section in sections:
        assert f"#{section.id}" in page.links
        assert section.id in page.ids


def test_raw_html_in_a_guide_is_not_rendered_as_html(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rapportor.md").write_text(
        "# Guide\n\n## Del\n\n<script>alert('x')</script>\n\n"
        'Text <img src="x" onerror="alert(1)"> och [länk](javascript:alert(1)).\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(guides, "GUIDE_DIR", tmp_path)
    html = Client().get(guide_url("rapportor")).content.decode()
    article = html[html.index('<article class="guide"') : html.index("</article>")]
    parsed = Page(article)
    assert "<script" not in article
    assert "&lt;script&gt;" in article
    assert parsed.images == []
    assert "&lt;img" in article
    assert not [href for href in parsed.links if href.startswith("javascript:")]


def test_in_english_the_guide_stays_marked_swedish_and_says_so(db: None) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # The middleware leaves English active in this thread; put Swedish back after.
    with translation.override(settings.LANGUAGE_CODE):
        html = client.get(guide_url("lasare")).content.decode()
    assert '<html lang="en">' in html
    before, article = html.split('<article class="guide" lang="sv">')
    assert '<p class="note">' in before.split('<main id="innehall"')[1]
    assert "<h1>Guide för läsare</h1>" in article
