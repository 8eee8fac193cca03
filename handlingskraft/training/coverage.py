"""Training coverage: how much of the staff the competence plan names has the
training it needs, per year. Pure functions over plain values.

Participation is counted per training, year, actor and professional group
(units added up). A competence-plan line (an actor's professional group)
needs some trainings, or some topics that any training covering them meets;
a line that names neither is met by any training. For a year:

* trained for one need = everyone of the group who took part in a training
  that meets the need, that year or earlier, at most the year's staff (the
  counts carry no names, so someone who left or took the course twice cannot
  be told apart; the cap keeps the share at most 100 %);
* trained for the line = the least trained over its needs (staff have what
  they need when every need is met);
* coverage = trained / the year's staff number in the plan, none without
  staff;
* the line meets its target when the coverage reaches the year's target share.

A count can be unknown (None): a count hidden by disclosure control. Anything
built on an unknown count is unknown too, so a figure shown to those who may
not see raw counts is always one they could add up from what they are shown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CellKey = tuple[int, int, int, int]
"""(training, year, actor, professional group)."""
Counts = Mapping[CellKey, int | None]
ONE_DECIMAL = Decimal("0.1")


def percentage(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent with one decimal; None when `whole` is 0."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PlanLine:
    """A competence-plan line as the computation needs it."""

    pk: int
    actor_id: int
    group_id: int
    training_ids: frozenset[int] = frozenset()
    topic_ids: frozenset[int] = frozenset()
    staff: Mapping[int, int] = field(default_factory=dict)
    """The staff number per year."""
    targets: Mapping[int, Decimal] = field(default_factory=dict)
    """The target share (percent) per year, where one is set."""


@dataclass(frozen=True)
class LineYear:
    """One line's coverage in one year."""

    line: PlanLine
    year: int
    staff: int
    trained: int | None
    """None when it is built on a hidden count."""

    @property
    def share(self) -> Decimal | None:
        return None if self.trained is None else percentage(self.trained, self.staff)

    @property
    def target(self) -> Decimal | None:
        return self.line.targets.get(self.year)

    @property
    def met(self) -> bool | None:
        """Whether the coverage reaches the year's target (None: no target or no share)."""
        share, target = self.share, self.target
        if share is None or target is None:
            return None
        return share >= target


def needs(line: PlanLine, training_topics: Mapping[int, frozenset[int]]) -> list[frozenset[int]]:
    """The line's needs, each as the trainings that meet it: one per named
    training, one per named topic (the trainings covering it), or a single
    need that every training meets."""
    result = [frozenset({pk}) for pk in sorted(line.training_ids)]
    for topic in sorted(line.topic_ids):
        result.append(frozenset(pk for pk, topics in training_topics.items() if topic in topics))
    return result or [frozenset(training_topics)]


def _by_actor_and_group(counts: Counts) -> dict[tuple[int, int], list[tuple[int, int, int | None]]]:
    index: dict[tuple[int, int], list[tuple[int, int, int | None]]] = defaultdict(list)
    for (training, year, actor, group), value in counts.items():
        index[(actor, group)].append((training, year, value))
    return index


def _trained_for(
    need: frozenset[int], taken: list[tuple[int, int, int | None]], year: int, staff: int
) -> int | None:
    total = 0
    for training, taken_year, value in taken:
        if training not in need or taken_year > year:
            continue
        if value is None:
            return None
        total += value
    return min(total, staff)


def line_years(
    lines: Iterable[PlanLine], counts: Counts, training_topics: Mapping[int, frozenset[int]]
) -> list[LineYear]:
    """Every line's coverage in every year it has a staff number for, in the
    order of `lines` and then by year."""
    index = _by_actor_and_group(counts)
    result = []
    for line in lines:
        taken = index.get((line.actor_id, line.group_id), [])
        line_needs = needs(line, training_topics)
        for year in sorted(line.staff):
            staff = line.staff[year]
            per_need = [_trained_for(need, taken, year, staff) for need in line_needs]
            trained = None if None in per_need else min(n for n in per_need if n is not None)
            result.append(LineYear(line, year, staff, trained))
    return result


@dataclass(frozen=True)
class Total:
    """Lines added up: trained and staff (trained None if any part is hidden)."""

    trained: int | None
    staff: int

    @property
    def share(self) -> Decimal | None:
        return None if self.trained is None else percentage(self.trained, self.staff)


def total(years: Iterable[LineYear]) -> Total:
    trained: int | None = 0
    staff = 0
    for line_year in years:
        staff += line_year.staff
        if trained is None or line_year.trained is None:
            trained = None
        else:
            trained += line_year.trained
    return Total(trained, staff)


def by_group(years: Iterable[LineYear]) -> dict[int, dict[int, Total]]:
    """Group → year → the group's lines added up."""
    grouped: dict[int, dict[int, list[LineYear]]] = defaultdict(lambda: defaultdict(list))
    for line_year in years:
        grouped[line_year.line.group_id][line_year.year].append(line_year)
    return {
        group: {year: total(items) for year, items in per_year.items()}
        for group, per_year in grouped.items()
    }


def staff_share(years: Iterable[LineYear], year: int) -> Decimal | None:
    """The share of all staff in the plan with what they need, in `year`."""
    return total(item for item in years if item.year == year).share


def actors_meeting_target(years: Iterable[LineYear], year: int) -> tuple[int, int]:
    """(actors meeting the year's targets, actors judged): an actor is judged
    on its lines with both a target and a coverage for the year, and meets
    them when every such line does."""
    judged: dict[int, bool] = {}
    for item in years:
        if item.year != year or item.met is None:
            continue
        actor = item.line.actor_id
        judged[actor] = judged.get(actor, True) and item.met
    return sum(judged.values()), len(judged)


def actor_share(years: Iterable[LineYear], year: int) -> Decimal | None:
    """The share of judged actors meeting the year's targets, in percent."""
    met, judged = actors_meeting_target(years, year)
    return percentage(met, judged)


def plan_years(years: Iterable[LineYear]) -> list[int]:
    return sorted({item.year for item in years})
