"""Small pieces of the public pages: the quick-exit address and published
statuses as badges (symbol and text, never colour alone)."""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from handlingskraft.plans.templatetags.plan_pages import ACTIVITY_SYMBOLS

register = template.Library()


@register.simple_tag
def quick_exit_url() -> str:
    """Where "Lämna sidan snabbt" leads (settings.QUICK_EXIT_URL)."""
    return str(settings.QUICK_EXIT_URL)


@register.simple_tag
def status_symbol(category: str) -> str:
    """The symbol of a status category ("–" for none), for headings."""
    return ACTIVITY_SYMBOLS.get(category, "–")


@register.simple_tag
# A plan repeats a handful of statuses. Typed, so that a label marked safe and
# one to be escaped never share an entry.
@functools.lru_cache(maxsize=256, typed=True)
def published_status(category: str, label: str) -> SafeString:
    """A published status in the organisation's own words, with the symbol of
    its category; the symbol is hidden from screen readers, which read the text."""
    modifier = category if category in ACTIVITY_SYMBOLS else "none"
    return format_html(
        '<span class="status status--{}"><span class="status-symbol" aria-hidden="true">{}'
        "</span> {}</span>",
        modifier,
        ACTIVITY_SYMBOLS.get(category, "–"),
        label,
    )
