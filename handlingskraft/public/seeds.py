"""Example contents of the help page for the demo organisations: EXAMPLE DATA,
to be checked by each organisation's coordinator before anyone relies on it.

Sources (checked when written, November 2026; numbers and addresses change,
which is why every seeded row is marked `is_example` until a coordinator saves
it):
- 112: SOS Alarm, the emergency number.
- Polisen 114 14: the police's number for matters that are not urgent.
- Kvinnofridslinjen 020-50 50 50 (kvinnofridslinjen.se): the national helpline
  for those subjected to threats, violence or sexual abuse.
- BRIS 116 111 (bris.se): for children and young people under 18.
- Origo (origo.se): Stockholm County's resource centre against honour-related
  oppression and violence; Botkyrka's plan (section 3.3) asks the municipality
  to show the way to Origo for young people who do not want to confide in the
  municipality or the health services. Seeded for municipalities in
  Stockholm County (codes 01xx). No phone number is seeded: none is given in
  the source documents.
- Nationella kompetensteamet mot hedersrelaterat våld och förtryck
  (hedersfortryck.se), at Länsstyrelsen Östergötland: advice for professionals.
- The municipality's social services and a women's shelter the plan names
  (Botkyrka kvinnojour, section 5.8): seeded without phone number or address,
  which the coordinator fills in (a contact without either is not shown
  publicly).
The young people's text for Botkyrka is the municipality's own "fri att leva"
text from its web page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from handlingskraft.organizations.models import Actor, Organization

from .models import ContactKind, HelpContact, HelpText

STOCKHOLM_COUNTY_PREFIX = "01"
BOTKYRKA = "0127"


@dataclass(frozen=True)
class ContactSeed:
    name: str
    kind: str
    phone: str = ""
    web: str = ""
    text: str = ""


EMERGENCY = ContactSeed(
    "112",
    ContactKind.EMERGENCY,
    phone="112",
    text="Ring 112 om det är akut: om du eller någon annan är i fara just nu.",
)
NATIONAL = (
    ContactSeed(
        "Kvinnofridslinjen",
        ContactKind.NATIONAL_HELPLINE,
        phone="020-50 50 50",
        web="https://kvinnofridslinjen.se/",
        text=(
            "Nationell stödtelefon för den som utsatts för hot, våld eller sexuella "
            "övergrepp, och för närstående och yrkesverksamma. Öppen dygnet runt. "
            "Samtalet är avgiftsfritt och syns inte på telefonräkningen."
        ),
    ),
    ContactSeed(
        "BRIS – Barnens rätt i samhället",
        ContactKind.NATIONAL_HELPLINE,
        phone="116 111",
        web="https://www.bris.se/",
        text="För dig som är under 18 år. Ring, chatta eller mejla. Du kan vara anonym.",
    ),
    ContactSeed(
        "Polisen",
        ContactKind.OTHER,
        phone="114 14",
        web="https://polisen.se/",
        text="Ring 114 14 för att göra en polisanmälan eller få råd när det inte är akut.",
    ),
)
ORIGO = ContactSeed(
    "Origo – resurscentrum mot hedersrelaterat förtryck och våld",
    ContactKind.REGIONAL_RESOURCE_CENTRE,
    web="https://www.origo.se/",
    text=(
        "Stockholms läns resurscentrum mot hedersrelaterat förtryck och våld. Hit kan du "
        "vända dig om du inte vill anförtro dig åt någon i kommunen eller i hälso- och "
        "sjukvården. Origo ger också råd till yrkesverksamma."
    ),
)
NATIONAL_TEAM = ContactSeed(
    "Nationella kompetensteamet mot hedersrelaterat våld och förtryck",
    ContactKind.OTHER,
    web="https://www.hedersfortryck.se/",
    text="För yrkesverksamma: råd och stöd i ärenden som rör hedersrelaterat våld och förtryck.",
)

FREE_TO_LIVE = (
    "Upplever du att du är utsatt för våld, förtryck eller begränsningar av din familj "
    "eller släkt? Om du eller någon som du litar på kontaktar oss, så finns det hjälp och "
    "stöd att få."
)
YOUNG_PEOPLE = (
    "Upplever du att du är utsatt för våld, hot eller begränsningar av din familj eller "
    "släkt? Du har rätt att bestämma över ditt eget liv. Det finns hjälp och stöd att få: "
    "kontakta någon av dem nedan, själv eller tillsammans med någon du litar på."
)
ORIGO_FOR_YOUNG_PEOPLE = (
    "Vill du inte prata med någon i kommunen eller i vården kan du vända dig till Origo."
)
PROFESSIONALS = (
    "Är du orolig för att ett barn eller en ung person utsätts för våld eller förtryck? "
    "Gör en orosanmälan till socialtjänsten. Är det akut, ring 112. Råd i ärenden som rör "
    "hedersrelaterat våld och förtryck ger Nationella kompetensteamet"
)


def contact_seeds(organization: Organization) -> list[ContactSeed]:
    """The example contacts for `organization`, most urgent first."""
    name = organization.name
    social = ContactSeed(
        f"Socialtjänsten i {name}",
        ContactKind.SOCIAL_SERVICES,
        text="Socialtjänsten ger stöd och skydd till barn, unga och vuxna som utsätts för "
        "våld eller förtryck.",
    )
    seeds = [EMERGENCY, social, *NATIONAL]
    if organization.municipality_code.startswith(STOCKHOLM_COUNTY_PREFIX):
        seeds.append(ORIGO)
    shelters = Actor.objects.filter(organization=organization, name__icontains="kvinnojour")
    seeds += [
        ContactSeed(
            shelter.name,
            ContactKind.WOMENS_SHELTER,
            text="Stöd till kvinnor och tjejer som utsätts för våld, hot eller förtryck.",
        )
        for shelter in shelters.order_by("name")
    ]
    seeds.append(NATIONAL_TEAM)
    return seeds


def swedish_text(organization: Organization) -> tuple[str, str]:
    """The example texts (for young people, for professionals)."""
    in_stockholm_county = organization.municipality_code.startswith(STOCKHOLM_COUNTY_PREFIX)
    young = FREE_TO_LIVE if organization.municipality_code == BOTKYRKA else YOUNG_PEOPLE
    if in_stockholm_county:
        young = f"{young}\n\n{ORIGO_FOR_YOUNG_PEOPLE}"
    professionals = PROFESSIONALS + (" och Origo." if in_stockholm_county else ".")
    return young, professionals


@transaction.atomic
def seed_help_page(organization: Organization) -> None:
    """Example contacts and a Swedish text for the organisation's help page,
    all marked as examples to check. Does nothing where the page has content."""
    if HelpContact.objects.filter(organization=organization).exists():
        return
    for position, seed in enumerate(contact_seeds(organization)):
        HelpContact.objects.create(
            organization=organization,
            position=position,
            is_example=True,
            name=seed.name,
            kind=seed.kind,
            phone=seed.phone,
            web=seed.web,
            text=seed.text,
        )
    if not HelpText.objects.filter(organization=organization).exists():
        young, professionals = swedish_text(organization)
        HelpText.objects.create(
            organization=organization,
            language="sv",
            young_people=young,
            professionals=professionals,
            is_example=True,
        )
