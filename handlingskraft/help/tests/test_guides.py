"""The user guides as files: every role has one, every picture they show is
in docs/bilder/ with a text alternative, and every link leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import resolve

from handlingskraft.help.guides import (
    GUIDE_DIR,
    GUIDES,
    IMAGE_DIR,
    INDEX,
    GuideNotFound,
    guide_file,
    link_target,
    markdown_converter,
    render_guide,
)

ALL = (INDEX, *GUIDES)
# ![alt](path) and [text](target); the guides put neither brackets nor
# parentheses inside a link target.
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]+\]\((?P<href>[^)\s]+)\)")


def markdown_of(slug: str) -> str:
    return guide_file(slug).read_text(encoding="utf-8")


def test_there_is_a_guide_for_each_role_and_an_index() -> None:
    files = {path.stem for path in GUIDE_DIR.glob("*.md")}
    assert files == {"index", "samordnare", "arbetsgruppsmedlem", "rapportor", "lasare"}


@pytest.mark.parametrize("slug", ALL)
def test_every_image_in_a_guide_is_in_docs_bilder_and_described(slug: str) -> None:
    images = IMAGE.findall(markdown_of(slug))
    assert images, f"{slug}.md har inga bilder"
    for alt, src in images:
        assert src.startswith("../bilder/") and src.endswith(".png"), src
        assert (IMAGE_DIR / src.removeprefix("../bilder/")).is_file(), src
        # A text alternative tells what the picture shows, not just its name.
        assert len(alt.split()) >= 5, f"{src}: för kort alt-text ”{alt}”"


def test_every_picture_in_the_guides_is_taken_by_a_browser_test() -> None:
    """So that the pictures follow the pages when they change: each one is saved
    by a browser test through screenshot(page, NAME)."""
    package = Path(__file__).resolve().parents[2]
    tests = "\n".join(
        path.read_text(encoding="utf-8") for path in package.rglob("tests/test_browser*.py")
    )
    names = {
        src.removeprefix("../bilder/").removesuffix(".png")
        for slug in ALL
        for _alt, src in IMAGE.findall(markdown_of(slug))
    }
    assert sorted(name for name in names if f'"{name}"' not in tests) == []


@pytest.mark.parametrize("slug", ALL)
def test_every_link_in_a_guide_names_a_guide_and_a_heading_that_exist(slug: str) -> None:
    for href in LINK.findall(markdown_of(slug)):
        path, _, fragment = href.partition("#")
        assert not href.startswith(("http:", "https:")), f"{slug}.md: extern länk {href}"
        if path.startswith("/"):
            resolve(path)  # an address in the app
            continue
        target = path.removesuffix(".md") if path else slug
        assert path == "" or path.endswith(".md"), href
        assert target in ALL, f"{slug}.md: {href} leder till en guide som inte finns"
        if fragment:
            assert fragment in heading_ids(target), f"{slug}.md: {href}: ingen sådan rubrik"


def heading_ids(slug: str) -> set[str]:
    """The ids of every heading in a guide, as the help page gives them."""
    converter = markdown_converter()
    converter.convert(markdown_of(slug))
    ids: set[str] = set()
    tokens = list(converter.toc_tokens)  # type: ignore[attr-defined]
    while tokens:
        token = tokens.pop()
        ids.add(token["id"])
        tokens.extend(token["children"])
    return ids


@pytest.mark.parametrize("slug", ALL)
def test_a_list_inside_a_numbered_step_is_indented_four_spaces(slug: str) -> None:
    # Python-Markdown nests a list only four spaces in; GitHub is less strict,
    # so a list indented less looks right there and runs into the step here.
    for number, line in enumerate(markdown_of(slug).splitlines(), start=1):
        assert not re.match(r" {1,3}[-*+] ", line), f"{slug}.md, rad {number}: {line}"


@pytest.mark.parametrize("slug", ALL)
def test_a_guide_renders_with_its_title_and_without_its_first_heading(slug: str) -> None:
    guide = render_guide(slug)
    first_line = markdown_of(slug).splitlines()[0]
    assert first_line == f"# {guide.title}"
    assert "<h1" not in guide.body
    assert guide.sections and all(section.id for section in guide.sections)


def test_a_slug_that_is_not_a_guide_names_no_file() -> None:
    for slug in ["../README", "okand", "index.md", ""]:
        with pytest.raises(GuideNotFound):
            guide_file(slug)


def test_raw_html_in_markdown_is_shown_as_text() -> None:
    html = markdown_converter().convert(
        '# Rubrik\n\n<script>alert(1)</script>\n\nText med <b onclick="x()">fet</b> stil.\n'
    )
    assert "<script>" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b onclick=" in html


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("rapportor.md", "/hjalp/rapportor/"),
        ("lasare.md#tidslinjen", "/hjalp/lasare/#tidslinjen"),
        ("index.md", "/hjalp/"),
        ("#steg", "#steg"),
        ("https://www.example.se/", "https://www.example.se/"),
        ("/konto/logga-in/", "/konto/logga-in/"),
        ("javascript:alert(1)", "#"),
        ("okand.md", "okand.md"),
    ],
)
def test_links_are_rewritten_for_the_help_pages(href: str, expected: str) -> None:
    assert link_target(href) == expected


def test_images_become_static_files_under_their_prefix() -> None:
    html = markdown_converter().convert("# R\n\n![En bild av något](../bilder/inloggning.png)\n")
    assert 'src="/static/hjalp-bilder/inloggning.png"' in html
    assert 'alt="En bild av något"' in html


def test_table_headers_get_a_scope() -> None:
    html = markdown_converter().convert("# R\n\n| Roll | Kan |\n|---|---|\n| Läsare | Läsa |\n")
    assert '<th scope="col">Roll</th>' in html
