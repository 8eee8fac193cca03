"""The statistics Botkyrka's action plan asks for (section 3 and 3.1.1), as an
example data set the coordinator can change: the working group's pilot survey
("pilotenkät"), in which each administration concerned enters its HRV
statistics and which the working group follows up every year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from handlingskraft.organizations.models import Actor, Organization

from .categories import Breakdown
from .models import DataElement, DataSet, Frequency

PILOT_SURVEY = "HRV-statistik, pilotenkät"
NATIONAL_TEAM = "Nationella kompetensteamet mot hedersrelaterat våld och förtryck"
SOCIAL = "Socialnämnden"
EDUCATION = "Utbildningsnämnden"
CULTURE = "Kultur- och fritidsnämnden"
LABOUR = "Arbetsmarknads- och vuxenutbildningsnämnden"
BOARD = "Kommunstyrelsen"


@dataclass(frozen=True)
class ElementSeed:
    code: str
    name: str
    definition: str
    breakdown: str
    actors: tuple[str, ...]
    reported_to: str = ""


PILOT_ELEMENTS = (
    ElementSeed(
        code="HRV-1",
        name="Ärenden hos socialtjänsten som rör HRV",
        definition=(
            "Antal ärenden som aktualiserats hos socialförvaltningen under perioden och som "
            "rör hedersrelaterat våld och förtryck, som utsatt eller som utövare. Räkna "
            "varje ärende en gång, även om det aktualiseras flera gånger under perioden. "
            "Handlingsplanen avsnitt 3.1.1."
        ),
        breakdown=Breakdown.GENDER_AND_AGE,
        actors=(SOCIAL,),
    ),
    ElementSeed(
        code="HRV-2",
        name="Barn som förts utomlands där HRV misstänks",
        definition=(
            "Antal barn som under perioden har förts utomlands och där hedersrelaterat "
            "våld eller förtryck misstänks vara orsaken. Socialförvaltningen räknar, med "
            "uppgifter från utbildningsförvaltningens skolpliktsansvariga om barn utan "
            "skolplacering, så att varje barn räknas en gång. Statistiken lämnas till "
            "det nationella kompetensteamet. Handlingsplanen avsnitt 3 och 3.1.1."
        ),
        breakdown=Breakdown.GENDER,
        actors=(SOCIAL,),
        reported_to=NATIONAL_TEAM,
    ),
    ElementSeed(
        code="HRV-3",
        name="Orosanmälningar som rör HRV",
        definition=(
            "Antal orosanmälningar till socialtjänsten som verksamheten gjort under "
            "perioden och där hedersrelaterat våld eller förtryck finns med i oron. "
            "Räkna anmälningar, inte barn."
        ),
        breakdown=Breakdown.GENDER,
        actors=(EDUCATION, CULTURE, LABOUR),
    ),
    ElementSeed(
        code="HRV-4",
        name="Medarbetare som fått utbildning i HRV",
        definition=(
            "Antal medarbetare som under perioden genomgått utbildning om hedersrelaterat "
            "våld och förtryck (även könsstympning), webbaserad eller på plats. Räkna varje "
            "medarbetare en gång per period."
        ),
        breakdown=Breakdown.NONE,
        actors=(BOARD, SOCIAL, EDUCATION, CULTURE, LABOUR),
    ),
)


BOTKYRKA = "0127"
PLAN_YEAR = 2022  # the plan was adopted in September 2022, the pilot runs four years


def seed_demo_statistics() -> DataSet | None:
    """The pilot survey for Botkyrka, if the demo data has Botkyrka."""
    organization = Organization.objects.filter(municipality_code=BOTKYRKA).first()
    return seed_pilot_survey(organization) if organization else None


@transaction.atomic
def seed_pilot_survey(organization: Organization, *, first_year: int = PLAN_YEAR) -> DataSet:
    """Create the pilot survey's data set for `organization`, marked as an
    example, with the elements the plan names, reported by those of the
    plan's committees the organisation has. Does nothing if it exists."""
    existing = DataSet.objects.filter(organization=organization, name=PILOT_SURVEY).first()
    if existing is not None:
        return existing
    data_set = DataSet.objects.create(
        organization=organization,
        name=PILOT_SURVEY,
        description=(
            "Arbetsgruppens pilotenkät enligt handlingsplanen: varje förvaltning som berörs "
            "för in statistik kring HRV, och arbetsgruppen följer upp enkäten varje år. "
            "Efter fyra år ses kommunens ordinarie statistikindelningar över."
        ),
        frequency=Frequency.YEARLY,
        first_year=first_year,
        is_example=True,
    )
    actors = {actor.name: actor for actor in Actor.objects.filter(organization=organization)}
    for position, seed in enumerate(PILOT_ELEMENTS):
        element = DataElement.objects.create(
            data_set=data_set,
            code=seed.code,
            name=seed.name,
            definition=seed.definition,
            breakdown=seed.breakdown,
            reported_to=seed.reported_to,
            position=position,
        )
        element.actors.set([actors[name] for name in seed.actors if name in actors])
    return data_set
