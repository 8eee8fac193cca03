"""When a plan is to be reviewed, evaluated and revised, and where each of
those stands today.

A pure function over the plan's review terms: no database, no clock (the
caller passes `today`), so it is tested on its own and shared by the plan
overview, the timeline and the organisation's start page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from handlingskraft.plans.models import Plan


class EventKind(StrEnum):
    ANNUAL_REVIEW = "annual_review"
    EVALUATION = "evaluation"
    REVISION = "revision"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


class EventState(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    OVERDUE = "overdue"
    PASSED = "passed"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])

    @property
    def needs_attention(self) -> bool:
        """Due this year, or a revision that is late."""
        return self in {EventState.CURRENT, EventState.OVERDUE}


KIND_LABELS = {
    EventKind.ANNUAL_REVIEW: _("Årlig översyn"),
    EventKind.EVALUATION: _("Utvärdering"),
    EventKind.REVISION: _("Revidering"),
}
STATE_LABELS = {
    EventState.UPCOMING: _("Kommande"),
    EventState.CURRENT: _("Aktuell i år"),
    EventState.OVERDUE: _("Försenad"),
    EventState.PASSED: _("Genomförd eller passerad"),
}


@dataclass(frozen=True)
class ReviewTerms:
    """What the plan says about its own follow-up."""

    adopted_on: datetime.date | None
    """decided_on, else valid_from: the year counting starts from."""
    annual_review: bool = False
    evaluation_interval_years: int | None = None
    next_revision_year: int | None = None
    valid_until: datetime.date | None = None
    revised: bool = False
    """A newer adopted version exists: the plan has been revised since."""


@dataclass(frozen=True)
class ReviewEvent:
    year: int
    kind: EventKind
    state: EventState


def review_events(terms: ReviewTerms, *, today: datetime.date) -> list[ReviewEvent]:
    """The plan's reviews, evaluations and revision in year order, each with
    its state on `today`.

    An annual review falls every year after adoption, except the revision year
    (the revision takes its place); an evaluation every N years after adoption;
    the revision in `next_revision_year`. The calendar runs to the revision
    year, else to the end of validity, else to next year; for a plan not
    revised by then, on to this year, since it still applies. Past events count as
    done or passed, except a revision when the plan has not been revised: that
    one is late until a newer version is adopted."""
    events = []
    revision_year = terms.next_revision_year
    if terms.adopted_on is not None:
        first = terms.adopted_on.year + 1
        for year in range(first, _last_year(terms, today) + 1):
            if terms.annual_review and year != revision_year:
                events.append((year, EventKind.ANNUAL_REVIEW))
            interval = terms.evaluation_interval_years
            if interval and (year - terms.adopted_on.year) % interval == 0:
                events.append((year, EventKind.EVALUATION))
    if revision_year is not None:
        events.append((revision_year, EventKind.REVISION))
    order = list(EventKind)
    events.sort(key=lambda event: (event[0], order.index(event[1])))
    return [
        ReviewEvent(year, kind, _state(year, kind, terms.revised, today)) for year, kind in events
    ]


def _last_year(terms: ReviewTerms, today: datetime.date) -> int:
    if terms.next_revision_year is not None:
        planned = terms.next_revision_year
    elif terms.valid_until is not None:
        planned = terms.valid_until.year
    else:
        planned = today.year + 1
    # A plan applies until it is replaced: while it is not, its reviews go on.
    return today.year if planned < today.year and not terms.revised else planned


def _state(year: int, kind: EventKind, revised: bool, today: datetime.date) -> EventState:
    if year > today.year:
        return EventState.UPCOMING
    if year == today.year:
        return EventState.CURRENT
    if kind is EventKind.REVISION and not revised:
        return EventState.OVERDUE
    return EventState.PASSED


def terms_of(plan: Plan, *, revised: bool) -> ReviewTerms:
    """The review terms written in `plan`; `revised` as ReviewTerms.revised."""
    return ReviewTerms(
        adopted_on=plan.decided_on or plan.valid_from,
        annual_review=plan.annual_review,
        evaluation_interval_years=plan.evaluation_interval_years,
        next_revision_year=plan.next_revision_year,
        valid_until=plan.valid_until,
        revised=revised,
    )
