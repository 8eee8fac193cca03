"""Status badges for the plan pages: always a symbol and a text, never colour
alone. The symbol is hidden from screen readers, which read the text."""

from __future__ import annotations

import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from handlingskraft.plans import measure_facts as facts
from handlingskraft.plans.models import ActivityStatus, Measure, Plan
from handlingskraft.plans.review_calendar import EventState

register = template.Library()

ACTIVITY_SYMBOLS: dict[str, str] = {
    ActivityStatus.NOT_STARTED: "○",
    ActivityStatus.ONGOING: "◐",
    ActivityStatus.COMPLETED: "✓",
    ActivityStatus.DELAYED: "!",
    ActivityStatus.CANCELLED: "✕",
}
REVIEW_SYMBOLS: dict[EventState, str] = {
    EventState.UPCOMING: "○",
    EventState.CURRENT: "◐",
    EventState.OVERDUE: "!",
    EventState.PASSED: "–",
}


@register.simple_tag
def activity_status(status: str) -> SafeString:
    """An activity's status ("" when none is given) as a badge."""
    return _activity_badge(status, get_language())


@functools.lru_cache(maxsize=64)
def _activity_badge(status: str, language: str | None) -> SafeString:
    # A long list repeats a handful of badges: each is built once per language.
    if status in ACTIVITY_SYMBOLS:
        return _badge(status, ACTIVITY_SYMBOLS[status], str(ActivityStatus(status).label))
    return _badge("none", "–", _("Ingen status angiven"))


@register.filter
def activity_noun(plan: Plan, count: int) -> str:
    """The plan's own word for its activities, singular or plural for `count`.

    For `{% blocktranslate count %}`: both forms must use the same variable,
    or the translated singular fails gettext's format check."""
    return plan.activity_label if count == 1 else plan.activity_label_plural


@register.simple_tag
def review_state(state: EventState) -> SafeString:
    """Where a review, evaluation or revision stands, as a badge."""
    return _badge(f"review-{state.value}", REVIEW_SYMBOLS[state], state.label)


def _badge(modifier: str, symbol: str, label: str) -> SafeString:
    return format_html(
        '<span class="status status--{}"><span class="status-symbol" aria-hidden="true">{}'
        "</span> {}</span>",
        modifier,
        symbol,
        label,
    )


@register.filter
def measure_facts(measure: Measure, page: str = "") -> SafeString:
    """`{{ measure|measure_facts }}`: the list items of the facts listed under a
    measure; `measure|measure_facts:"public"` those of the public plan page."""
    return facts.measure_fact_items(measure, public=page == "public")
