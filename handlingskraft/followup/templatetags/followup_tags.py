"""Badges for the follow-up pages (a symbol and a text, never colour alone: the
symbol is hidden from screen readers, which read the text), and the reports
waiting to be written, for the organisation's start page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, capabilities_of, membership_of
from handlingskraft.followup.models import ReportingTask, RoundState, StatusOption, TaskState
from handlingskraft.followup.reminders import WAITING_FOR_REPORTER
from handlingskraft.organizations.models import Organization
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


@register.inclusion_tag("followup/includes/reports_to_write.html", takes_context=True)
def reports_to_write(context: Any, organization: Organization) -> dict[str, Any]:
    """Open rounds with tasks waiting for the user's report (for coordinators:
    anyone's), for the organisation's start page. One query."""
    user = context["request"].user
    capabilities = capabilities_of(user, organization)
    tasks = ReportingTask.objects.filter(
        round__organization=organization,
        round__state=RoundState.OPEN,
        state__in=WAITING_FOR_REPORTER,
    )
    if Capability.REPORT_FOR_ANY_ACTOR not in capabilities:
        if Capability.REPORT not in capabilities:
            return {"rounds": []}
        membership = membership_of(user, organization)
        if membership is None or membership.actor_id is None:
            return {"rounds": []}
        tasks = tasks.filter(actor_id=membership.actor_id)
    rounds = (
        tasks.values("round_id", "round__name", "round__deadline")
        .annotate(waiting=Count("pk"))
        .order_by("round__deadline", "round_id")
    )
    today = timezone.localdate()
    return {
        "organization": organization,
        "rounds": [{**row, "overdue": row["round__deadline"] < today} for row in rounds],
    }
