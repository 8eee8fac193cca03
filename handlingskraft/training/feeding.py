"""Measures fed by training coverage: a measure set to compute from the
competence plan gets a value for every year the plan has staff numbers for,
written as an ordinary measure value with the competence plan as its source.
Values are appended like all measure values; a year's value is written again
only when the computed figure differs from the current one.

A measure value is read by everyone in the organisation and may be
published, so it must not give away a small participation count: the share
of staff is not written while the trained staff add up to a small count."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.datacollection.disclosure import protect_count
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.indicators.models import Gender, MeasureValue, ValueSource
from handlingskraft.indicators.queries import current_measures, latest_values
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure, MeasureKind
from handlingskraft.plans.periods import Period

from .coverage import LineYear, actors_meeting_target, percentage, plan_years, total
from .models import CoverageBasis, CoverageMeasure
from .queries import coverage_data

# Coverage is a percentage: it can feed shares, survey percentages and
# measures whose kind is not set, never counts or rates.
FEEDABLE_KINDS = frozenset({"", MeasureKind.SHARE, MeasureKind.SURVEY_PERCENTAGE})


def computed_value(
    basis: str, years: list[LineYear], year: int, threshold: int
) -> tuple[Decimal, str] | None:
    """The measure's value for `year` from the coverage, with the comment
    that says how it was computed; None when nothing can be computed."""
    if basis == CoverageBasis.ACTORS:
        met, judged = actors_meeting_target(years, year)
        value = percentage(met, judged)
        if value is None:
            return None
        return value, _(
            "Räknat från kompetensförsörjningsplanen: %(met)s av %(judged)s aktörer "
            "nådde årets mål för andelen utbildad personal."
        ) % {"met": met, "judged": judged}
    summed = total(item for item in years if item.year == year)
    if summed.trained is None or summed.share is None:
        return None
    if not protect_count(summed.trained, threshold).shown:
        return None
    return summed.share, _(
        "Räknat från kompetensförsörjningsplanen: %(trained)s av %(staff)s i personalen "
        "har fått den utbildning de behöver."
    ) % {"trained": summed.trained, "staff": summed.staff}


@transaction.atomic
def coverage_values_refresh(*, organization: Organization, user: User | None) -> list[MeasureValue]:
    """Compute every fed measure's values again and append those that changed."""
    feeds = list(
        CoverageMeasure.objects.filter(organization=organization).select_related(
            "measure", "measure__plan"
        )
    )
    if not feeds:
        return []
    threshold = StatisticsSettings.threshold_for(organization)
    years = coverage_data(organization, threshold=threshold, raw=True).years
    written = []
    for feed in feeds:
        current = latest_values(
            MeasureValue.objects.of_measure(feed.measure).filter(tertial=0, gender=Gender.TOTAL)
        )
        for year in plan_years(years):
            computed = computed_value(feed.basis, years, year, threshold)
            if computed is None:
                continue
            value, comment = computed
            existing = current.get((Period(year), Gender.TOTAL))
            if (
                existing is not None
                and existing.source == ValueSource.COMPETENCE_PLAN
                and existing.value == value
            ):
                continue
            record = MeasureValue(
                measure=feed.measure,
                year=year,
                value=value,
                comment=comment,
                source=ValueSource.COMPETENCE_PLAN,
                entered_by=user,
            )
            record._history_user = user  # type: ignore[attr-defined]
            record.save()
            written.append(record)
    return written


def feedable_measures(organization: Organization) -> list[Measure]:
    """The current plans' measures that can be fed (not counts or rates), in
    the plans' order."""
    return list(
        current_measures(organization)
        .filter(kind__in=FEEDABLE_KINDS)
        .select_related("plan", "goal")
        .order_by("plan__title", "goal__number", "position", "pk")
    )


class FeedError(Exception):
    """The measure cannot be fed from coverage; the message is Swedish."""


@transaction.atomic
def coverage_measure_set(
    *, measure: Measure, user: User | None, basis: str | None
) -> list[MeasureValue]:
    """Set `measure` to compute from the competence plan on `basis`, or (None)
    to be typed in again; values already written stay. Returns the values
    written now."""
    organization = measure.plan.organization
    existing = CoverageMeasure.objects.filter(
        measure__lineage=measure.lineage, organization=organization
    ).first()
    if basis is None:
        if existing is not None:
            existing._history_user = user  # type: ignore[attr-defined]
            existing.delete()
        return []
    if basis not in CoverageBasis.values:
        raise FeedError(_("Välj hur måttet ska räknas."))
    if measure.kind not in FEEDABLE_KINDS:
        raise FeedError(
            _("Måttet är ett antal; bara ett mått i procent kan räknas från kompetensplanen.")
        )
    feed = existing or CoverageMeasure(organization=organization, measure=measure)
    if feed.pk and feed.basis == basis:
        return []
    feed.basis = basis
    feed._history_user = user  # type: ignore[attr-defined]
    feed.save()
    return coverage_values_refresh(organization=organization, user=user)
