"""The activity list's cells put together once per page, in Python.

A list shows hundreds of activities; a translated sentence with a date, or a
link, written per row in the template costs more than the rest of the row. Here
each sentence is translated once, each date and goal link made once, and the
rows get the finished (escaped) texts. The sentences are the ones the template
had, so the catalogue and the page stay the same."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from handlingskraft.plans.activity_filters import ActivityRow
from handlingskraft.plans.models import Plan


@dataclass(frozen=True)
class ShownRow:
    """One row of the activity list with its texts ready for the page."""

    row: ActivityRow
    goal_url: str
    """The link to the activity's goal (naming the version asked for); "" outside any goal."""
    responsible: SafeString
    """The responsible actors, the lead in bold; or that none is given."""
    when: list[SafeString]
    """When it starts, is due and recurs: as many sentences as it has."""
    status_date: SafeString
    """What date its status is from; "" when none is given."""


def shown_rows(rows: Iterable[ActivityRow], plan: Plan, version: int | None) -> list[ShownRow]:
    """The rows as the activity list shows them (in the active language)."""
    texts = _Texts(plan, version)
    return [
        ShownRow(
            row=row,
            goal_url=texts.goal_url(row.goal_number),
            responsible=texts.responsible(row),
            when=texts.when(row),
            status_date=texts.sentence("status", row.activity.status_date, "DATE_FORMAT"),
        )
        for row in rows
    ]


@dataclass
class _Texts:
    plan: Plan
    version: int | None
    sentences: dict[str, str] = field(init=False)
    dates: dict[tuple[datetime.date, str], str] = field(default_factory=dict)
    goal_urls: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sentences = {
            "start": _("Start %(date)s"),
            "due": _("Klart senast %(date)s"),
            "status": _("Status per %(date)s"),
            "recurrence": _("Återkommer: %(recurrence)s"),
            "lead": _("%(actor)s (leder)"),
        }
        self.nobody = conditional_escape(_("Ingen ansvarig angiven"))

    def goal_url(self, number: int | None) -> str:
        if number is None:
            return ""
        if number not in self.goal_urls:
            url = reverse(
                "plans:goal_detail",
                kwargs={
                    "org_slug": self.plan.organization.slug,
                    "plan_slug": self.plan.slug,
                    "number": number,
                },
            )
            self.goal_urls[number] = f"{url}?version={self.version}" if self.version else url
        return self.goal_urls[number]

    def sentence(self, key: str, day: datetime.date | None, date_style: str) -> SafeString:
        if day is None:
            return mark_safe("")
        if (day, date_style) not in self.dates:
            self.dates[day, date_style] = conditional_escape(date_format(day, date_style))
        return mark_safe(self.sentences[key] % {"date": self.dates[day, date_style]})

    def when(self, row: ActivityRow) -> list[SafeString]:
        activity = row.activity
        texts = [
            self.sentence("start", activity.starts_on, "SHORT_DATE_FORMAT"),
            self.sentence("due", activity.due_on, "SHORT_DATE_FORMAT"),
        ]
        if activity.recurrence:
            recurrence = conditional_escape(activity.recurrence)
            texts.append(mark_safe(self.sentences["recurrence"] % {"recurrence": recurrence}))
        return [text for text in texts if text]

    def responsible(self, row: ActivityRow) -> SafeString:
        if not row.assignments:
            return self.nobody
        names = [
            format_html(
                "<strong>{}</strong>",
                mark_safe(self.sentences["lead"] % {"actor": conditional_escape(a.actor.name)}),
            )
            if a.is_lead
            else conditional_escape(a.actor.name)
            for a in row.assignments
        ]
        return mark_safe(", ".join(names))
