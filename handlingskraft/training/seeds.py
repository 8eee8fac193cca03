"""Training demo data for Botkyrka, from its plan (sections 2, 4.4 and 5.1):
the violence-prevention centre (Våldspreventivt center) is the coordinating
actor and draws up the competence supply plan; the base training is
web-based and the trainings needing dialogue across administrations are held
in person; staff in preschool, school, leisure and culture, social services
and labour market are to be trained in HRV and female genital mutilation;
the employee survey asks whether staff were offered HRV training, with 2022
as the baseline. Goal 4's measure computes from the competence plan.

The figures are invented for the demo. The in-person meeting between the
education and social administrations is organised without the centre, so the
demo shows the co-organiser rule's flag."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Plan

from . import defaults
from .employee_survey import SurveyResultInput, survey_result_record
from .feeding import coverage_measure_set
from .models import (
    CompetencePlanLine,
    CompetenceYear,
    CoverageBasis,
    Participation,
    ProfessionalGroup,
    SurveyQuestion,
    Topic,
    Training,
    TrainingFormat,
    TrainingSettings,
)

BOTKYRKA = "0127"
PLAN_SLUG = "hrv-handlingsplan"
COORDINATOR = "Våldspreventivt center"
BASE_TRAINING = "Grundutbildning om hedersrelaterat våld och förtryck och könsstympning"
MEETING = "Erfarenhetsträff: samverkan kring enskilda HRV-ärenden"
EDUCATION, SOCIAL = "Utbildningsnämnden", "Socialnämnden"
CULTURE, LABOUR = "Kultur- och fritidsnämnden", "Arbetsmarknads- och vuxenutbildningsnämnden"
YEARS = (2023, 2024, 2025)

# (actor, group, staff, targets per year, base-training participants per year)
PLAN_LINES = (
    (EDUCATION, "Förskola", 850, (30, 60, 90), (300, 260, 200)),
    (EDUCATION, "Skola", 1200, (25, 50, 80), (250, 400, 300)),
    (SOCIAL, "Socialtjänst", 420, (40, 70, 90), (180, 100, 120)),
    (CULTURE, "Fritid och kultur", 160, (30, 60, 90), (40, 70, 40)),
    (LABOUR, "Arbetsmarknad", 140, (30, 60, 90), (12, 60, 50)),
)
# (actor, group, participants, staff) at the meeting in October 2023; the two
# from leisure and culture are a small count, hidden from all but the
# coordinator. (The meeting is no need of the competence plan, so the hiding
# stays in its own table and the coverage view shows the base training.)
MEETING_PARTICIPANTS = (
    (EDUCATION, "Skola", 18, 1200),
    (SOCIAL, "Socialtjänst", 14, 420),
    (CULTURE, "Fritid och kultur", 2, 160),
)
# (year, actor or None for the whole organisation, question, share, respondents)
SURVEY_RESULTS = (
    (2022, None, SurveyQuestion.OFFERED_TRAINING, "31.5", 1250),
    (2022, None, SurveyQuestion.EXPOSED_AT_WORK, "12.4", 1250),
    (2024, None, SurveyQuestion.OFFERED_TRAINING, "58.0", 1302),
    (2024, None, SurveyQuestion.EXPOSED_AT_WORK, "11.8", 1302),
    (2022, SOCIAL, SurveyQuestion.OFFERED_TRAINING, "44.0", 310),
    (2024, SOCIAL, SurveyQuestion.OFFERED_TRAINING, "71.5", 322),
    (2024, CULTURE, SurveyQuestion.EXPOSED_AT_WORK, "25.0", 4),
)


def seed_demo_training() -> Training | None:
    """Botkyrka's trainings, if the demo data has Botkyrka's plan."""
    organization = Organization.objects.filter(municipality_code=BOTKYRKA).first()
    if organization is None:
        return None
    user = User.objects.filter(username=f"{organization.slug}-samordnare").first()
    return seed_botkyrka_training(organization, user=user)


@transaction.atomic
def seed_botkyrka_training(organization: Organization, *, user: User | None) -> Training | None:
    """Create the demo trainings, competence plan and survey results for
    Botkyrka and compute goal 4's measure. Does nothing if the base training
    exists or the plan is missing."""
    plan = Plan.objects.filter(organization=organization, slug=PLAN_SLUG).order_by("version").last()
    goal = plan.goals.filter(number=4).first() if plan else None
    if (
        goal is None
        or Training.objects.filter(organization=organization, title=BASE_TRAINING).exists()
    ):
        return None
    actors = {actor.name: actor for actor in Actor.objects.filter(organization=organization)}
    TrainingSettings.objects.update_or_create(
        organization=organization, defaults={"coordinating_actor": actors.get(COORDINATOR)}
    )
    defaults.ensure_lists(organization)
    topics = list(Topic.objects.filter(organization=organization).order_by("position"))
    groups = {
        group.name: group for group in ProfessionalGroup.objects.filter(organization=organization)
    }
    activities = list(goal.activities.order_by("position", "pk"))
    base = _training(
        organization,
        title=BASE_TRAINING,
        format=TrainingFormat.WEB,
        description=(
            "Webbaserad basutbildning för alla medarbetare: fakta om våld och särskilt "
            "hedersrelaterat våld och förtryck, könsstympning, hur förtrycket och våldet "
            "upptäcks och vilken hjälp man som anställd kan erbjuda."
        ),
        is_ongoing=True,
        starts_on=datetime.date(2023, 1, 16),
    )
    base.topics.set(topics[:2])
    base.target_groups.set(groups.values())
    base.organisers.set([actors[COORDINATOR]] if COORDINATOR in actors else [])
    base.activities.set(activities[:2])
    meeting = _training(
        organization,
        title=MEETING,
        format=TrainingFormat.IN_PERSON,
        description=(
            "Erfarenhetsträff på plats för utbildningsförvaltningen och socialtjänsten om "
            "effektiv samverkan kring enskilda HRV-ärenden."
        ),
        starts_on=datetime.date(2023, 10, 12),
        ends_on=datetime.date(2023, 10, 12),
    )
    meeting.topics.set(topics[:1])
    meeting.target_groups.set([groups["Skola"], groups["Socialtjänst"]])
    meeting.organisers.set([actors[name] for name in (EDUCATION, SOCIAL) if name in actors])
    meeting.activities.set(activities[2:3])
    _participation_and_plan(organization, base, meeting, actors, groups, user)
    for year, actor, question, share, respondents in SURVEY_RESULTS:
        survey_result_record(
            organization=organization,
            user=user,
            data=SurveyResultInput(
                year, question, Decimal(share), actors.get(actor) if actor else None, respondents
            ),
        )
    measure = goal.measures.order_by("position", "pk").first()
    if measure is not None:
        coverage_measure_set(measure=measure, user=user, basis=CoverageBasis.ACTORS)
    return base


def _training(organization: Organization, **fields: object) -> Training:
    training = Training(organization=organization, **fields)
    training.save()
    return training


def _participation_and_plan(
    organization: Organization,
    base: Training,
    meeting: Training,
    actors: dict[str, Actor],
    groups: dict[str, ProfessionalGroup],
    user: User | None,
) -> None:
    for name, group_name, staff, targets, taken in PLAN_LINES:
        actor, group = actors.get(name), groups[group_name]
        if actor is None:
            continue
        line = CompetencePlanLine.objects.create(
            organization=organization, actor=actor, group=group
        )
        line.trainings.set([base])
        for year, target, participants in zip(YEARS, targets, taken, strict=True):
            CompetenceYear.objects.create(
                organization=organization,
                line=line,
                year=year,
                staff=staff,
                target_share=Decimal(target),
            )
            Participation.objects.create(
                training=base,
                year=year,
                actor=actor,
                group=group,
                participants=participants,
                staff=staff,
                entered_by=user,
            )
    for name, group_name, participants, staff in MEETING_PARTICIPANTS:
        if name in actors:
            Participation.objects.create(
                training=meeting,
                year=2023,
                actor=actors[name],
                group=groups[group_name],
                participants=participants,
                staff=staff,
                entered_by=user,
            )
