"""PDF through WeasyPrint, from the same HTML templates as the page: A4, page
numbers, a table of contents with page numbers, the document's language,
tagged (WeasyPrint's PDF tags), charts as images with their text alternative.

WeasyPrint needs Pango from the operating system (Debian: libpango-1.0-0 and
libpangoft2-1.0-0, `make system-deps`). Without it the rest of the system
works and the pages say that PDF is not available; `pdf_available` tells."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

from handlingskraft.exports.report.model import FollowUpReport, PlanDocument

from .html import plan_document_html, report_document_html

PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "exports" / "print.css"
logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing."""


@lru_cache(maxsize=1)
def pdf_available() -> bool:
    """Whether WeasyPrint and its system libraries can be loaded."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        logger.warning("PDF kan inte skapas: %s", error)
        return False
    return True


def _page_numbers_css() -> str:
    # In the document's language, so written here rather than in print.css.
    # "Page N" without "of M": counting all pages makes WeasyPrint lay every
    # page out again, which costs a fifth of the time for a large plan.
    page = _("Sida")
    return f'@page {{ @bottom-right {{ content: "{page} " counter(page); font-size: 8.5pt; }} }}'


def html_to_pdf(html: str) -> bytes:
    if not pdf_available():
        raise PdfUnavailable(_("PDF kan inte skapas: WeasyPrints systembibliotek saknas."))
    from weasyprint import CSS, HTML

    stylesheets = [CSS(filename=str(PRINT_CSS)), CSS(string=_page_numbers_css())]
    document = HTML(string=html, base_url=str(PRINT_CSS.parent))
    with _collector_paused():
        pdf = document.write_pdf(stylesheets=stylesheets, pdf_tags=True, custom_metadata=True)
    assert pdf is not None
    return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block. WeasyPrint makes
    millions of small objects that live until the PDF is written; the collector
    walked them again and again, a tenth of the time for a large report. The
    memory is reclaimed as usual once the collector runs again."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def report_pdf(report: FollowUpReport) -> bytes:
    return html_to_pdf(report_document_html(report))


def plan_pdf(document: PlanDocument) -> bytes:
    return html_to_pdf(plan_document_html(document))
