"""Fetching what the training pages and services need, in a fixed number of
queries; another organisation's training or plan line is a 404."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404

from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Activity

from .coverage import LineYear, PlanLine, line_years
from .models import (
    BASELINE_YEAR,
    CompetencePlanLine,
    CompetenceYear,
    Participation,
    Training,
    TrainingSettings,
)
from .rules import ActorRef, administration_count, breaks_coorganiser_rule
from .tables import Fact, participation_tables, published_counts


def settings_of(organization: Organization) -> TrainingSettings:
    """The organisation's training settings (unsaved defaults until changed)."""
    found = (
        TrainingSettings.objects.filter(organization=organization)
        .select_related("coordinating_actor")
        .first()
    )
    return found or TrainingSettings(organization=organization, survey_baseline_year=BASELINE_YEAR)


def training_of(organization: Organization, training_id: int) -> Training:
    """The organisation's training; anything else is a 404."""
    return get_object_or_404(
        Training.objects.select_related("organization"), pk=training_id, organization=organization
    )


def line_of(organization: Organization, line_id: int) -> CompetencePlanLine:
    return get_object_or_404(
        CompetencePlanLine.objects.select_related("actor", "group"),
        pk=line_id,
        organization=organization,
    )


def actor_of(organization: Organization, actor_id: int) -> Actor:
    return get_object_or_404(Actor, pk=actor_id, organization=organization)


def trainings_with_lists(organization: Organization) -> QuerySet[Training]:
    """The organisation's trainings with topics, groups and organisers prefetched."""
    return (
        Training.objects.filter(organization=organization)
        .prefetch_related("topics", "target_groups", "organisers")
        .order_by("title", "pk")
    )


def participation_facts(
    organization: Organization, *, training: Training | None = None
) -> list[Fact]:
    """Participants per training, year, actor and group (units added up)."""
    rows = Participation.objects.filter(training__organization=organization)
    if training is not None:
        rows = rows.filter(training=training)
    grouped = (
        rows.values(
            "training_id",
            "year",
            "actor_id",
            "actor__name",
            "group_id",
            "group__name",
            "group__position",
        )
        .annotate(total=Sum("participants"))
        .order_by()
    )
    return [
        Fact(
            training_id=row["training_id"],
            year=row["year"],
            actor_id=row["actor_id"],
            actor_name=row["actor__name"],
            group_id=row["group_id"],
            group_name=row["group__name"],
            group_position=row["group__position"],
            participants=row["total"],
        )
        for row in grouped
    ]


# --- the co-organiser rule ---------------------------------------------------------


@dataclass(frozen=True)
class RuleCheck:
    """How a training stands against the co-organiser rule."""

    administrations: int
    """How many administrations its participants come from."""
    broken: bool


def rule_checks(
    organization: Organization,
    *,
    coordinating_actor_id: int | None,
    training: Training | None = None,
) -> dict[int, RuleCheck]:
    """The co-organiser rule for each of the organisation's trainings with
    participants (or for one training). Two queries."""
    rows = Participation.objects.filter(training__organization=organization, participants__gt=0)
    organisers = Training.organisers.through.objects.filter(training__organization=organization)
    if training is not None:
        rows = rows.filter(training=training)
        organisers = organisers.filter(training=training)
    participating: dict[int, set[ActorRef]] = defaultdict(set)
    for training_id, pk, kind, serves_id in rows.values_list(
        "training_id", "actor_id", "actor__kind", "actor__serves_id"
    ).distinct():
        participating[training_id].add(ActorRef(pk, kind, serves_id))
    organiser_ids: dict[int, set[int]] = defaultdict(set)
    for training_id, actor_id in organisers.values_list("training_id", "actor_id"):
        organiser_ids[training_id].add(actor_id)
    return {
        training_id: RuleCheck(
            administration_count(actors),
            breaks_coorganiser_rule(actors, organiser_ids[training_id], coordinating_actor_id),
        )
        for training_id, actors in participating.items()
    }


def trainings_breaking_rule(
    organization: Organization, coordinating_actor_id: int | None
) -> list[tuple[Training, RuleCheck]]:
    """The trainings that break the co-organiser rule, by title."""
    checks = rule_checks(organization, coordinating_actor_id=coordinating_actor_id)
    checks = {pk: check for pk, check in checks.items() if check.broken}
    if not checks:
        return []
    trainings = Training.objects.filter(pk__in=checks).order_by("title", "pk")
    return [(training, checks[training.pk]) for training in trainings]


# --- the competence plan -----------------------------------------------------------


def plan_lines(organization: Organization) -> list[CompetencePlanLine]:
    """The competence plan's lines with actor, group, needs and years fetched."""
    return list(
        CompetencePlanLine.objects.filter(organization=organization)
        .select_related("actor", "group")
        .prefetch_related(
            "trainings",
            "topics",
            Prefetch("years", queryset=CompetenceYear.objects.order_by("year")),
        )
        .order_by("actor__name", "group__position", "group__name", "pk")
    )


def as_plan_line(line: CompetencePlanLine) -> PlanLine:
    """The line as the coverage computation sees it (needs and years prefetched)."""
    years = list(line.years.all())
    return PlanLine(
        pk=line.pk,
        actor_id=line.actor_id,
        group_id=line.group_id,
        training_ids=frozenset(training.pk for training in line.trainings.all()),
        topic_ids=frozenset(topic.pk for topic in line.topics.all()),
        staff={year.year: year.staff for year in years},
        targets={year.year: year.target_share for year in years if year.target_share is not None},
    )


def training_topics(organization: Organization) -> dict[int, frozenset[int]]:
    """Every training of the organisation with the topics it covers."""
    topics: dict[int, set[int]] = {
        pk: set()
        for pk in Training.objects.filter(organization=organization).values_list("pk", flat=True)
    }
    through = Training.topics.through.objects.filter(training__organization=organization)
    for training_id, topic_id in through.values_list("training_id", "topic_id"):
        topics[training_id].add(topic_id)
    return {pk: frozenset(values) for pk, values in topics.items()}


# --- the activity list -------------------------------------------------------------


@dataclass(frozen=True)
class TrainingLink:
    pk: int
    title: str


def linked_trainings(
    activities: Iterable[Activity], organization_id: int
) -> dict[int, list[TrainingLink]]:
    """Activity id → the trainings linked to it, by title. A training linked
    to an activity in one version of a plan is linked to the same activity
    (the same lineage) in every version. One query."""
    by_lineage: dict[object, list[int]] = defaultdict(list)
    for activity in activities:
        by_lineage[activity.lineage].append(activity.pk)
    if not by_lineage:
        return {}
    links = (
        Training.activities.through.objects.filter(
            activity__lineage__in=list(by_lineage),
            training__organization_id=organization_id,
        )
        .values_list("activity__lineage", "training__pk", "training__title")
        .order_by("training__title", "training__pk")
    )
    result: dict[int, list[TrainingLink]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for lineage, training_pk, title in links:
        for activity_pk in by_lineage[lineage]:
            if (activity_pk, training_pk) not in seen:
                seen.add((activity_pk, training_pk))
                result[activity_pk].append(TrainingLink(training_pk, title))
    return dict(result)


# --- coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageData:
    lines: list[CompetencePlanLine]
    years: list[LineYear]


def coverage_data(organization: Organization, *, threshold: int, raw: bool) -> CoverageData:
    """The competence plan's lines and their coverage per year, computed from
    the participation tables as the viewer may see them (`raw`: as reported,
    else after disclosure control, where a figure built on a hidden count is
    hidden too)."""
    lines = plan_lines(organization)
    tables = participation_tables(participation_facts(organization), threshold=threshold, raw=raw)
    years = line_years(
        [as_plan_line(line) for line in lines],
        published_counts(tables.values()),
        training_topics(organization),
    )
    return CoverageData(lines, years)
