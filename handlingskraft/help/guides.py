"""The user guides: Markdown files in docs/anvandarguide/, shown as help pages.

The same files are read in the repository and in the app, so they link the
way a Markdown viewer expects (`rapportor.md`, `../bilder/NAME.png`) and are
rewritten here: a link to another guide becomes its help page and an image in
docs/bilder/ becomes a static file under `hjalp-bilder/` (settings.py serves
that folder). The files are ours, but raw HTML in them is still shown as text,
never passed through: the guides are Markdown and nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import markdown
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "anvandarguide"
IMAGE_DIR = Path(settings.BASE_DIR) / "docs" / "bilder"
IMAGE_STATIC_PREFIX = "hjalp-bilder"
"""The prefix docs/bilder/ has among the static files (STATICFILES_DIRS)."""

INDEX = "index"
GUIDES = ("samordnare", "arbetsgruppsmedlem", "rapportor", "lasare")
"""The role guides, in the order of the roles from most to least rights."""

EXTERNAL_SCHEMES = {"http", "https", "mailto"}


class GuideNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    """The text of the file's first heading (shown as the page's h1)."""
    body: SafeString
    """Everything after the first heading, as HTML."""
    sections: list[Heading]
    """The second-level headings, for the page's table of contents."""


def guide_file(slug: str) -> Path:
    """The Markdown file of a guide; only the known guides, so a slug from the
    address can never name another file."""
    if slug != INDEX and slug not in GUIDES:
        raise GuideNotFound(slug)
    return GUIDE_DIR / f"{slug}.md"


def guide_url(slug: str) -> str:
    if slug == INDEX:
        return reverse("help:index")
    return reverse("help:guide", kwargs={"slug": slug})


def render_guide(slug: str) -> Guide:
    """The guide as HTML, with its title and sections."""
    text = guide_file(slug).read_text(encoding="utf-8")
    converter = markdown_converter()
    body = converter.convert(text)
    tokens = converter.toc_tokens  # type: ignore[attr-defined]
    if not tokens or tokens[0]["level"] != 1:
        raise ValueError(f"{slug}.md börjar inte med en rubrik på första nivån.")
    return Guide(
        slug=slug,
        title=tokens[0]["name"],
        # The text is ours and Markdown escaped everything it did not render.
        body=mark_safe(body),
        sections=[Heading(token["id"], token["name"]) for token in tokens[0]["children"]],
    )


def markdown_converter() -> markdown.Markdown:
    """A Markdown converter for the guides: tables, heading ids that match the
    ones GitHub gives (å, ä and ö kept), and no raw HTML."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", HelpPages()],
        extension_configs={"toc": {"slugify": slugify_unicode}},
        output_format="html",
    )
    # Without these, `<tag>` in the text is escaped and shown as written.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


class HelpPages(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the inline patterns (20) and the heading ids (toc, 5).
        md.treeprocessors.register(HelpTreeprocessor(md), "help_pages", 1)


class HelpTreeprocessor(Treeprocessor):
    """Rewrites links and images for the help pages, takes out the first
    heading (the page prints the title itself) and gives table headers a scope."""

    def run(self, root: etree.Element) -> None:
        first = root.find("h1")
        if first is not None:
            root.remove(first)
        for element in root.iter():
            if element.tag == "a":
                element.set("href", link_target(element.get("href", "")))
            elif element.tag == "img":
                element.set("src", image_source(element.get("src", "")))
                element.set("loading", "lazy")
            elif element.tag == "th":
                element.set("scope", "col")


def link_target(href: str) -> str:
    """Where a link in a guide leads on the help pages. Addresses on the web
    and in the app (starting with /) and anchors on the same page are kept;
    `other.md#part` becomes the other guide's page; an image file becomes its
    static address; a link with any other scheme (javascript: …) is dropped."""
    parts = urlsplit(href)
    if parts.scheme:
        return href if parts.scheme in EXTERNAL_SCHEMES else "#"
    if not parts.path or href.startswith("/"):
        return href
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    path = PurePosixPath(parts.path)
    if path.suffix == ".md" and len(path.parts) == 1:
        try:
            guide_file(path.stem)
        except GuideNotFound:
            return href
        return guide_url(path.stem) + fragment
    return image_source(href)


def image_source(src: str) -> str:
    """The static address of an image in docs/bilder/ (`../bilder/NAME.png`)."""
    path = PurePosixPath(src)
    if path.parent == PurePosixPath("../bilder"):
        return static(f"{IMAGE_STATIC_PREFIX}/{path.name}")
    return src
