"""Data at national scale: 290 generated municipalities, each with a plan, ten
years of follow-up rounds with status reports, measure values, statistics and
trainings. `manage.py generate_national --scale N` runs it; the benchmarks
measure against it.

Everything is written in bulk with the ORM, one transaction per organisation,
so an interrupted run leaves whole organisations only, and a second run adds
the ones that are missing (organisations are numbered; their slugs are
`gen-001` …). The rows get no history entries: they were never edited.

Every number comes from a random generator seeded with the organisation's
number, so the same scale gives the same data on every machine."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.datacollection.categories import Breakdown, category_codes
from handlingskraft.datacollection.models import (
    DataElement,
    DataSet,
    DataValue,
    Frequency,
    ValueState,
)
from handlingskraft.followup.defaults import assessment_options, status_options
from handlingskraft.followup.models import (
    Assessment,
    Consolidation,
    FollowUpRound,
    ReportingTask,
    RoundEvent,
    RoundKind,
    RoundState,
    StatusReport,
    TaskState,
)
from handlingskraft.indicators.models import Gender, MeasureValue, ValueSource
from handlingskraft.organizations.models import Actor, ActorKind, Organization, Unit, UnitKind
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    ActivityStatus,
    Direction,
    Goal,
    Measure,
    MeasureKind,
    Plan,
    PlanStatus,
    Prerequisite,
    PreventionLevel,
    Responsibility,
)
from handlingskraft.public.models import DataSetPublication, SharedIndicator
from handlingskraft.training.defaults import groups, topics
from handlingskraft.training.models import (
    CompetencePlanLine,
    CompetenceYear,
    Participation,
    Training,
    TrainingFormat,
)

MUNICIPALITIES = 290
FIRST_YEAR = 2017
YEARS = 10
"""Ten years of follow-up: 2017–2026. Each year has two tertial rounds (January–
April, May–August) and the annual round; the annual round of the last year has
not started yet, and its second tertial round is the one open now."""

SLUG_PREFIX = "gen-"
PLAN_SLUG = "handlingsplan"
SHARED_CODE_PREFIX = "gen-"
BATCH = 2000

COMMITTEES = (
    "Kommunstyrelsen",
    "Socialnämnden",
    "Utbildningsnämnden",
    "Kultur- och fritidsnämnden",
    "Barn- och ungdomsnämnden",
    "Vård- och omsorgsnämnden",
    "Arbetsmarknadsnämnden",
    "Samhällsbyggnadsnämnden",
)
PARTNERS = (
    "Polisen",
    "Regionen, ungdomsmottagningen",
    "Bostadsbolaget",
    "Kvinnojouren",
    "Civilsamhällets samverkansråd",
    "Räddningstjänsten",
    "Arbetsförmedlingen",
)
GOAL_TITLES = (
    "Barn och unga känner till sina rättigheter och vet var de kan få stöd",
    "Verksamheterna upptäcker våld och förtryck tidigt",
    "Den som utsätts får skydd och stöd som passar",
    "Medarbetare har kunskap om hedersrelaterat våld och förtryck",
    "Samverkan mellan förvaltningar och parter fungerar",
    "Våldsutövare erbjuds insatser för att sluta",
    "Föräldrar och vårdnadshavare nås av förebyggande arbete",
    "Statistik och uppföljning ger underlag för beslut",
)
ACTIVITY_VERBS = (
    "Genomföra",
    "Ta fram",
    "Utveckla",
    "Sprida",
    "Utvärdera",
    "Samordna",
    "Erbjuda",
    "Kartlägga",
)
ACTIVITY_OBJECTS = (
    "utbildning om hedersrelaterat våld för skolans personal",
    "rutin för orosanmälan vid misstanke om våld",
    "föräldraträffar om barns rättigheter",
    "samtalsgrupper för unga på fritidsgårdar",
    "informationsmaterial på flera språk",
    "handledning för socialtjänstens handläggare",
    "samverkansmöten med polis och region",
    "kartläggning av behov hos utsatta unga",
    "metodstöd för förskolans arbete med jämställdhet",
    "uppsökande arbete i bostadsområden",
    "insatser för den som utövar våld",
    "kunskapsdag för förtroendevalda",
)
REPORT_TEXTS = (
    "Arbetet har genomförts enligt planen under perioden.",
    "Aktiviteten har startat och de första delarna är klara.",
    "Planeringen är gjord; genomförandet sker under nästa period.",
    "Insatsen har nått fler verksamheter än förra året.",
    "Arbetet har försenats av personalbrist men återupptas.",
    "Materialet har tagits fram och spridits till berörda enheter.",
)
NEXT_STEPS = (
    "Följa upp deltagandet och sprida erfarenheterna.",
    "Utvärdera insatsen tillsammans med arbetsgruppen.",
    "Planera nästa omgång och boka lokaler.",
)
MEASURE_STATEMENTS = (
    ("Andel elever som vet var de kan få stöd", MeasureKind.SURVEY_PERCENTAGE, Direction.INCREASE),
    ("Antal orosanmälningar som rör hedersrelaterat våld", MeasureKind.COUNT, Direction.INCREASE),
    ("Antal anmälda misshandelsbrott per 10 000 invånare", MeasureKind.RATE, Direction.DECREASE),
    (
        "Andel medarbetare som genomgått grundutbildning",
        MeasureKind.SURVEY_PERCENTAGE,
        Direction.INCREASE,
    ),
    ("Antal placeringar i skyddat boende", MeasureKind.COUNT, Direction.KEEP),
)
SHARED_INDICATORS = (
    ("Orosanmälningar som rör hedersrelaterat våld", "X99001", MeasureKind.COUNT),
    ("Unga som vet var de kan få stöd", "X99002", MeasureKind.SURVEY_PERCENTAGE),
    ("Anmälda misshandelsbrott per 10 000 invånare", "X99003", MeasureKind.RATE),
)
UNIT_KINDS = (
    UnitKind.PRESCHOOL,
    UnitKind.SCHOOL,
    UnitKind.UPPER_SECONDARY,
    UnitKind.LEISURE_CENTRE,
    UnitKind.SOCIAL_SERVICES,
    UnitKind.LIBRARY,
)


@dataclass(frozen=True)
class RoundSpec:
    kind: str
    name: str
    year: int
    period_start: datetime.date
    period_end: datetime.date

    @property
    def opens_on(self) -> datetime.date:
        return self.period_end + datetime.timedelta(days=1)

    @property
    def deadline(self) -> datetime.date:
        return self.period_end + datetime.timedelta(days=45)


def round_calendar() -> list[RoundSpec]:
    """The rounds every generated plan has, oldest first; the last one is open."""
    rounds = []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        rounds.append(
            RoundSpec(
                RoundKind.TERTIAL,
                f"Tertial 1 {year}",
                year,
                datetime.date(year, 1, 1),
                datetime.date(year, 4, 30),
            )
        )
        rounds.append(
            RoundSpec(
                RoundKind.TERTIAL,
                f"Tertial 2 {year}",
                year,
                datetime.date(year, 5, 1),
                datetime.date(year, 8, 31),
            )
        )
        if year < FIRST_YEAR + YEARS - 1:
            rounds.append(
                RoundSpec(
                    RoundKind.ANNUAL,
                    f"Årsuppföljning {year}",
                    year,
                    datetime.date(year, 1, 1),
                    datetime.date(year, 12, 31),
                )
            )
    return rounds


def organizations_at(scale: float) -> int:
    if scale <= 0:
        raise ValueError("Skalan måste vara större än 0.")
    return max(1, round(MUNICIPALITIES * scale))


def slug_of(number: int) -> str:
    return f"{SLUG_PREFIX}{number:03d}"


@dataclass
class Sizes:
    """What a run wrote, per kind of row."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, rows: Sequence[object]) -> None:
        self.counts[name] += len(rows)


def generate(
    scale: float, *, report: Callable[[str], None] = lambda _line: None
) -> tuple[int, Sizes]:
    """Generate the organisations of `scale` that are not there yet. Returns how
    many were made and the row counts."""
    wanted = organizations_at(scale)
    existing = set(
        Organization.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    indicators = shared_indicators()
    password = make_password(None)  # unusable: generated users never log in with one
    sizes = Sizes()
    made = 0
    for number in range(1, wanted + 1):
        if slug_of(number) in existing:
            continue
        with transaction.atomic():
            OrganizationGenerator(number, indicators, password, sizes).run()
        made += 1
        if made % 10 == 0:
            report(f"{made} organisationer klara ({number} av {wanted}).")
    return made, sizes


def shared_indicators() -> list[SharedIndicator]:
    """The indicators every generated plan reports on, so the comparison pages
    have an organisation per row."""
    rows = []
    for n, (name, kpi, kind) in enumerate(SHARED_INDICATORS, start=1):
        indicator, _created = SharedIndicator.objects.get_or_create(
            code=f"{SHARED_CODE_PREFIX}{n}",
            defaults={
                "name": f"{name} (genererat)",
                "kolada_kpi": kpi,
                "is_count": kind == MeasureKind.COUNT,
            },
        )
        rows.append(indicator)
    return rows


class OrganizationGenerator:
    """One municipality, from its actors to its last open round."""

    def __init__(
        self, number: int, indicators: list[SharedIndicator], password: str, sizes: Sizes
    ) -> None:
        self.number = number
        self.rng = random.Random(number)
        self.indicators = indicators
        self.password = password
        self.sizes = sizes
        self.now = timezone.now()

    def run(self) -> None:
        self.organization = Organization.objects.create(
            name=f"Genererad kommun {self.number:03d}",
            slug=slug_of(self.number),
            municipality_code=f"{9000 + self.number:04d}"[-4:],
        )
        self.sizes.add("organisationer", [self.organization])
        self.make_actors_and_units()
        self.make_users()
        self.make_plan()
        self.make_rounds()
        self.make_measure_values()
        self.make_statistics()
        self.make_trainings()

    # --- who --------------------------------------------------------------------

    def make_actors_and_units(self) -> None:
        rng = self.rng
        committees = rng.sample(COMMITTEES[1:], rng.randint(3, 7))
        partners = rng.sample(PARTNERS, rng.randint(1, 4))
        actors = [
            Actor(organization=self.organization, name=COMMITTEES[0], kind=ActorKind.COMMITTEE)
        ]
        actors += [
            Actor(organization=self.organization, name=name, kind=ActorKind.COMMITTEE)
            for name in committees
        ]
        actors += [
            Actor(organization=self.organization, name=name, kind=ActorKind.EXTERNAL_PARTNER)
            for name in partners
        ]
        actors = actors[:15]
        self.actors = Actor.objects.bulk_create(actors)
        self.sizes.add("aktörer", self.actors)
        owners = [a for a in self.actors if a.kind == ActorKind.COMMITTEE][1:] or self.actors
        units = [
            Unit(
                actor=owners[n % len(owners)],
                name=f"Enhet {n + 1}",
                kind=rng.choice(UNIT_KINDS),
            )
            for n in range(rng.randint(20, 200))
        ]
        self.units = Unit.objects.bulk_create(units, batch_size=BATCH)
        self.sizes.add("enheter", self.units)

    def make_users(self) -> None:
        slug = self.organization.slug
        self.coordinator = User.objects.create(
            username=f"{slug}-samordnare", password=self.password
        )
        reporters = User.objects.bulk_create(
            User(username=f"{slug}-rapportor-{n}", password=self.password)
            for n in range(1, len(self.actors) + 1)
        )
        self.reporter_of = {
            actor.pk: user for actor, user in zip(self.actors, reporters, strict=True)
        }
        memberships = [
            Membership(user=self.coordinator, organization=self.organization, role=Role.COORDINATOR)
        ]
        memberships += [
            Membership(user=user, organization=self.organization, role=Role.REPORTER, actor=actor)
            for actor, user in zip(self.actors, reporters, strict=True)
        ]
        Membership.objects.bulk_create(memberships)
        self.sizes.add("användare", [self.coordinator, *reporters])

    # --- the plan ---------------------------------------------------------------

    def make_plan(self) -> None:
        rng = self.rng
        self.plan = Plan.objects.create(
            organization=self.organization,
            title="Handlingsplan mot våld i nära relationer och hedersrelaterat våld",
            slug=PLAN_SLUG,
            status=PlanStatus.ADOPTED,
            decided_by=self.actors[0],
            decided_on=datetime.date(FIRST_YEAR - 1, 12, 1),
            valid_from=datetime.date(FIRST_YEAR, 1, 1),
            valid_until=datetime.date(FIRST_YEAR + YEARS + 3, 12, 31),
            annual_review=True,
            published_at=self.now,
        )
        self.sizes.add("planer", [self.plan])
        goal_count = rng.randint(4, 8)
        self.goals = Goal.objects.bulk_create(
            Goal(plan=self.plan, number=n, title=GOAL_TITLES[n - 1])
            for n in range(1, goal_count + 1)
        )
        self.sizes.add("målbilder", self.goals)
        prerequisites = [
            Prerequisite(
                goal=goal, position=p, text=f"Förutsättning {p + 1} för målbild {goal.number}."
            )
            for goal in self.goals
            for p in range(rng.randint(1, 3))
        ]
        self.sizes.add("förutsättningar", Prerequisite.objects.bulk_create(prerequisites))
        self.make_measures()
        self.make_activities()
        responsibilities = [
            Responsibility(
                plan=self.plan,
                actor=actor,
                position=n,
                title=f"Ansvar för {actor.name}",
                text="Att arbetet mot våld ingår i verksamhetens egen plan och följs upp.",
                followed_up_by=self.actors[0],
            )
            for n, actor in enumerate(rng.sample(self.actors, rng.randint(1, 3)))
        ]
        self.responsibilities = Responsibility.objects.bulk_create(responsibilities)
        self.sizes.add("ansvar", self.responsibilities)

    def make_measures(self) -> None:
        rng = self.rng
        measures = []
        for goal in self.goals:
            for position in range(rng.randint(1, 3)):
                statement, kind, direction = rng.choice(MEASURE_STATEMENTS)
                measures.append(
                    Measure(
                        plan=self.plan,
                        goal=goal,
                        position=position,
                        statement=statement,
                        kind=kind,
                        direction=direction,
                        baseline_year=FIRST_YEAR - 1,
                        baseline_value=Decimal(rng.randint(10, 60)),
                        target_year=FIRST_YEAR + YEARS,
                        target_value=Decimal(rng.randint(30, 90)),
                    )
                )
        # The first measures follow the shared indicators, by their Kolada id.
        for measure, (_name, kpi, kind) in zip(measures, SHARED_INDICATORS, strict=False):
            measure.kolada_kpi = kpi
            measure.kind = kind
        self.measures = Measure.objects.bulk_create(measures)
        self.sizes.add("mått", self.measures)

    def make_activities(self) -> None:
        rng = self.rng
        count = rng.randint(15, 60)
        activities = [
            Activity(
                plan=self.plan,
                goal=self.goals[n % len(self.goals)],
                position=n,
                description=(
                    f"{rng.choice(ACTIVITY_VERBS)} {rng.choice(ACTIVITY_OBJECTS)} "
                    f"(aktivitet {n + 1})."
                ),
                prevention_level=rng.choice(PreventionLevel.values),
                starts_on=datetime.date(FIRST_YEAR + rng.randint(0, 4), 1, 1),
                due_on=datetime.date(FIRST_YEAR + rng.randint(5, YEARS), 12, 31),
            )
            for n in range(count)
        ]
        self.activities = Activity.objects.bulk_create(activities)
        self.sizes.add("aktiviteter", self.activities)
        self.actors_of: dict[int, list[Actor]] = {}
        links = []
        for activity in self.activities:
            chosen = rng.sample(self.actors, min(len(self.actors), rng.choice((1, 1, 2, 2, 3))))
            self.actors_of[activity.pk] = chosen
            links += [
                ActivityActor(activity=activity, actor=actor, position=k, is_lead=k == 0)
                for k, actor in enumerate(chosen)
            ]
        self.sizes.add("ansvariga per aktivitet", ActivityActor.objects.bulk_create(links))

    # --- follow-up --------------------------------------------------------------

    def make_rounds(self) -> None:
        rng = self.rng
        calendar = round_calendar()
        options = {o.category: o for o in status_options(self.organization)}
        scale = assessment_options(self.organization)
        # Each activity starts, runs and ends (or is delayed or cancelled) over the rounds.
        course = {activity.pk: _course(rng, len(calendar)) for activity in self.activities}
        rounds = FollowUpRound.objects.bulk_create(
            FollowUpRound(
                organization=self.organization,
                plan=self.plan,
                kind=spec.kind,
                name=spec.name,
                period_start=spec.period_start,
                period_end=spec.period_end,
                opens_on=spec.opens_on,
                deadline=spec.deadline,
                state=RoundState.LOCKED if n < len(calendar) - 1 else RoundState.OPEN,
                published_at=self.now if spec.kind == RoundKind.ANNUAL else None,
                created_by=self.coordinator,
            )
            for n, spec in enumerate(calendar)
        )
        self.rounds = rounds
        self.sizes.add("omgångar", rounds)
        events = [
            RoundEvent(round=r, action=RoundEvent.Action.OPENED, user=self.coordinator)
            for r in rounds
        ] + [
            RoundEvent(round=r, action=RoundEvent.Action.LOCKED, user=self.coordinator)
            for r in rounds
            if r.state == RoundState.LOCKED
        ]
        RoundEvent.objects.bulk_create(events, batch_size=BATCH)
        tasks = []
        for r in rounds:
            locked = r.state == RoundState.LOCKED
            for activity in self.activities:
                for actor in self.actors_of[activity.pk]:
                    tasks.append(
                        ReportingTask(
                            round=r,
                            actor=actor,
                            activity=activity,
                            state=TaskState.APPROVED if locked else _open_task_state(rng),
                        )
                    )
            for responsibility in self.responsibilities:
                tasks.append(
                    ReportingTask(
                        round=r,
                        actor_id=responsibility.actor_id,
                        responsibility=responsibility,
                        state=TaskState.APPROVED if locked else _open_task_state(rng),
                    )
                )
        tasks = ReportingTask.objects.bulk_create(tasks, batch_size=BATCH)
        self.sizes.add("rapporteringsuppgifter", tasks)
        index = {r.pk: n for n, r in enumerate(rounds)}
        reports = []
        for task in tasks:
            if task.state == TaskState.NOT_STARTED:
                continue
            n = index[task.round_id]
            category = course[task.activity_id](n) if task.activity_id else ActivityStatus.ONGOING
            reports.append(
                StatusReport(
                    task=task,
                    number=1,
                    status=options[category],
                    done=rng.choice(REPORT_TEXTS),
                    next_steps=rng.choice(NEXT_STEPS),
                    submitted=task.state != TaskState.DRAFT,
                    author=self.reporter_of[task.actor_id],
                )
            )
        self.sizes.add(
            "statusrapporter", StatusReport.objects.bulk_create(reports, batch_size=BATCH)
        )
        consolidations = [
            Consolidation(
                round=r,
                activity=activity,
                number=1,
                status=options[course[activity.pk](n)],
                text="Sammanställt av arbetsgruppen utifrån de ansvarigas rapporter.",
                author=self.coordinator,
            )
            for n, r in enumerate(rounds[:-1])
            for activity in self.activities
            if len(self.actors_of[activity.pk]) > 1
        ]
        self.sizes.add(
            "sammanställningar", Consolidation.objects.bulk_create(consolidations, batch_size=BATCH)
        )
        assessments = [
            Assessment(
                round=r,
                goal=goal,
                option=rng.choice(scale),
                analysis="Arbetet går framåt; några aktiviteter är försenade.",
            )
            for r in rounds
            if r.kind == RoundKind.ANNUAL
            for goal in self.goals
        ]
        self.sizes.add("bedömningar", Assessment.objects.bulk_create(assessments, batch_size=BATCH))
        # The activities carry the result of the last approved round.
        last = len(rounds) - 2
        for activity in self.activities:
            activity.status = course[activity.pk](last)
            activity.status_date = rounds[last].period_end
        Activity.objects.bulk_update(self.activities, ["status", "status_date"], batch_size=BATCH)

    def make_measure_values(self) -> None:
        rng = self.rng
        values = []
        for measure in self.measures:
            level = float(measure.baseline_value or 20)
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS - 1):
                level = max(0.0, level + rng.uniform(-4, 6))
                genders = (Gender.TOTAL, Gender.WOMEN, Gender.MEN)
                for gender in genders if measure.kind == MeasureKind.COUNT else (Gender.TOTAL,):
                    value = round(level if gender == Gender.TOTAL else level / 2)
                    values.append(
                        MeasureValue(
                            measure=measure,
                            year=year,
                            gender=gender,
                            value=Decimal(value),
                            source=ValueSource.MANUAL,
                            entered_by=self.coordinator,
                        )
                    )
        self.sizes.add("måttvärden", MeasureValue.objects.bulk_create(values, batch_size=BATCH))

    # --- statistics and training ---------------------------------------------------

    def make_statistics(self) -> None:
        rng = self.rng
        data_set = DataSet.objects.create(
            organization=self.organization,
            name="Ärenden som rör våld i nära relationer",
            frequency=Frequency.YEARLY,
            first_year=FIRST_YEAR,
        )
        DataSetPublication.objects.create(data_set=data_set, published_at=self.now)
        elements = DataElement.objects.bulk_create(
            DataElement(
                data_set=data_set,
                code=code,
                name=name,
                definition="Antal ärenden under året, räknade en gång per ärende.",
                breakdown=breakdown,
                position=n,
            )
            for n, (code, name, breakdown) in enumerate(
                (
                    ("A1", "Orosanmälningar om hedersrelaterat våld", Breakdown.GENDER),
                    ("A2", "Ärenden om våld i nära relation", Breakdown.NONE),
                    ("A3", "Placeringar i skyddat boende", Breakdown.AGE),
                )
            )
        )
        reporting = [a for a in self.actors if a.kind == ActorKind.COMMITTEE][1:4] or self.actors[
            :1
        ]
        for element in elements:
            element.actors.set(reporting)
        values = []
        for element in elements:
            codes = category_codes(element.breakdown)
            for actor in reporting:
                for year in range(FIRST_YEAR, FIRST_YEAR + YEARS - 1):
                    cells = [rng.randint(0, 12) for _code in codes[1:]]
                    counts = [sum(cells) if cells else rng.randint(0, 40), *cells]
                    values += [
                        DataValue(
                            element=element,
                            actor=actor,
                            year=year,
                            category=code,
                            value=count,
                            state=ValueState.APPROVED,
                            number=1,
                            author=self.reporter_of[actor.pk],
                        )
                        for code, count in zip(codes, counts, strict=True)
                    ]
        self.sizes.add("statistikvärden", DataValue.objects.bulk_create(values, batch_size=BATCH))

    def make_trainings(self) -> None:
        rng = self.rng
        topic_rows = list(topics(self.organization))
        group_rows = list(groups(self.organization))
        trainings = Training.objects.bulk_create(
            Training(
                organization=self.organization,
                title=f"Grundutbildning om våld, omgång {n + 1}",
                format=rng.choice(TrainingFormat.values),
                starts_on=datetime.date(FIRST_YEAR + n % YEARS, 3, 1),
                ends_on=datetime.date(FIRST_YEAR + n % YEARS, 11, 30),
            )
            for n in range(rng.randint(5, 15))
        )
        self.sizes.add("utbildningar", trainings)
        through_topics = Training.topics.through
        through_topics.objects.bulk_create(
            through_topics(training_id=t.pk, topic_id=rng.choice(topic_rows).pk) for t in trainings
        )
        through_activities = Training.activities.through
        through_activities.objects.bulk_create(
            through_activities(training_id=t.pk, activity_id=rng.choice(self.activities).pk)
            for t in trainings
        )
        committees = [a for a in self.actors if a.kind == ActorKind.COMMITTEE][1:] or self.actors
        participations = []
        for training in trainings:
            year = training.starts_on.year if training.starts_on else FIRST_YEAR
            for actor in rng.sample(committees, min(3, len(committees))):
                for group in rng.sample(group_rows, 2):
                    staff = rng.randint(10, 120)
                    participations.append(
                        Participation(
                            training=training,
                            year=year,
                            actor=actor,
                            group=group,
                            participants=rng.randint(0, staff),
                            staff=staff,
                            entered_by=self.coordinator,
                        )
                    )
        self.sizes.add(
            "deltaganden", Participation.objects.bulk_create(participations, batch_size=BATCH)
        )
        lines = CompetencePlanLine.objects.bulk_create(
            CompetencePlanLine(organization=self.organization, actor=actor, group=group)
            for actor in committees[:3]
            for group in group_rows[:2]
        )
        CompetencePlanLine.trainings.through.objects.bulk_create(
            CompetencePlanLine.trainings.through(
                competenceplanline_id=line.pk, training_id=trainings[0].pk
            )
            for line in lines
        )
        years = CompetenceYear.objects.bulk_create(
            CompetenceYear(
                organization=self.organization,
                line=line,
                year=year,
                staff=rng.randint(20, 200),
                target_share=80,
            )
            for line in lines
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS)
        )
        self.sizes.add("kompetensplanens år", years)


def _course(rng: random.Random, rounds: int) -> Callable[[int], str]:
    """An activity's status per round: not started, then ongoing, then
    completed; one in eight is delayed on the way, one in twelve cancelled."""
    begins = rng.randint(0, rounds // 2)
    ends = begins + rng.randint(2, rounds)
    fate = rng.random()

    def status(n: int) -> str:
        if n < begins:
            return ActivityStatus.NOT_STARTED
        if n < ends:
            if fate < 0.125 and n > begins + 1:
                return ActivityStatus.DELAYED
            return ActivityStatus.ONGOING
        return ActivityStatus.CANCELLED if fate > 11 / 12 else ActivityStatus.COMPLETED

    return status


def _open_task_state(rng: random.Random) -> str:
    """Halfway through the open round: some tasks untouched, some drafted, some sent in."""
    return rng.choice(
        (TaskState.NOT_STARTED, TaskState.NOT_STARTED, TaskState.DRAFT, TaskState.SUBMITTED)
    )
