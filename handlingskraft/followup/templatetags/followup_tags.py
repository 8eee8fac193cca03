"""Badges for the follow-up pages: a symbol and a text, never colour alone. The
symbol is hidden from screen readers, which read the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from handlingskraft.followup.models import RoundState, StatusOption, TaskState
from handlingskraft.plans.models import ActivityStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()

TASK_SYMBOLS = {
    TaskState.NOT_STARTED: "○",
    TaskState.DRAFT: "✎",
    TaskState.SUBMITTED: "➔",
    TaskState.RETURNED: "↩",
    TaskState.APPROVED: "✓",
}
ROUND_SYMBOLS = {RoundState.OPEN: "◐", RoundState.LOCKED: "✓"}
STATUS_SYMBOLS: dict[str, str] = {
    ActivityStatus.NOT_STARTED: "○",
    ActivityStatus.ONGOING: "◐",
    ActivityStatus.COMPLETED: "✓",
    ActivityStatus.DELAYED: "!",
    ActivityStatus.CANCELLED: "✕",
}


@register.simple_tag
def task_state(state: str) -> SafeString:
    """Where a reporting task stands (ej påbörjad … godkänd)."""
    return _badge(f"task-{state}", TASK_SYMBOLS[TaskState(state)], TaskState(state).label)


@register.simple_tag
def round_state(state: str) -> SafeString:
    """Whether a round is open or approved and locked."""
    return _badge(f"round-{state}", ROUND_SYMBOLS[RoundState(state)], RoundState(state).label)


@register.simple_tag
def report_status(option: StatusOption | str | None) -> SafeString:
    """A reported status in the organisation's own words, with the symbol of
    the canonical status it stands for ("" or None: no status given)."""
    if not isinstance(option, StatusOption):
        return _badge("none", "–", _("Ingen status angiven"))
    return _badge(option.category, STATUS_SYMBOLS.get(option.category, "•"), option.label)


@register.simple_tag
def overdue() -> SafeString:
    """The deadline has passed and reports are still missing."""
    return _badge("overdue", "!", _("Försenad"))


@register.simple_tag
def approved(is_approved: bool) -> SafeString:
    if is_approved:
        return _badge("task-approved", "✓", _("Godkänd"))
    return _badge("none", "–", _("Inte godkänd"))


def _badge(modifier: str, symbol: str, label: StrOrPromise) -> SafeString:
    return format_html(
        '<span class="status status--{}"><span class="status-symbol" aria-hidden="true">{}'
        "</span> {}</span>",
        modifier,
        symbol,
        label,
    )


@register.filter
def link_lines(value: str) -> list[tuple[str, bool]]:
    """The lines of an evidence-links field, each with whether it is an http(s)
    address (only those become links)."""
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    return [(line, line.startswith(("http://", "https://"))) for line in lines]
