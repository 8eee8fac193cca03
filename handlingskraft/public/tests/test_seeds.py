"""The example help page for the demo organisations: real national numbers,
no invented local ones, everything marked for the coordinator to check."""

from __future__ import annotations

from handlingskraft.conftest import World, make_actor, make_organization
from handlingskraft.public.models import ContactKind, HelpContact, HelpText
from handlingskraft.public.seeds import seed_help_page


def test_botkyrka_gets_origo_its_womens_shelter_and_its_own_text(db: None) -> None:
    botkyrka = make_organization("Botkyrka kommun", "botkyrka", "0127")
    make_actor(botkyrka, "Botkyrka kvinnojour")
    seed_help_page(botkyrka)
    contacts = {
        contact.name: contact for contact in HelpContact.objects.filter(organization=botkyrka)
    }
    assert contacts["112"].phone == "112"
    assert contacts["Kvinnofridslinjen"].phone == "020-50 50 50"
    assert contacts["BRIS – Barnens rätt i samhället"].phone == "116 111"
    assert contacts["Polisen"].phone == "114 14"
    origo = contacts["Origo – resurscentrum mot hedersrelaterat förtryck och våld"]
    assert (origo.kind, origo.web, origo.phone) == (
        ContactKind.REGIONAL_RESOURCE_CENTRE,
        "https://www.origo.se/",
        "",
    )
    shelter = contacts["Botkyrka kvinnojour"]
    assert (shelter.kind, shelter.phone, shelter.web) == (ContactKind.WOMENS_SHELTER, "", "")
    social = contacts["Socialtjänsten i Botkyrka kommun"]
    assert (social.phone, social.web) == ("", "")
    assert all(contact.is_example for contact in contacts.values())
    text = HelpText.objects.get(organization=botkyrka)
    assert text.language == "sv" and text.is_example
    assert text.young_people.startswith("Upplever du att du är utsatt för våld, förtryck")
    assert "Origo" in text.young_people


def test_a_municipality_outside_stockholm_county_gets_no_origo(db: None) -> None:
    orebro = make_organization("Örebro kommun", "orebro", "1880")
    seed_help_page(orebro)
    names = set(HelpContact.objects.filter(organization=orebro).values_list("name", flat=True))
    assert not any("Origo" in name for name in names)
    assert "Origo" not in HelpText.objects.get(organization=orebro).young_people


def test_seeding_twice_changes_nothing_and_respects_the_coordinators_page(world: World) -> None:
    seed_help_page(world.organization)
    count = HelpContact.objects.count()
    seed_help_page(world.organization)
    assert HelpContact.objects.count() == count
    HelpContact.objects.filter(organization=world.other_organization).delete()
    HelpContact.objects.create(
        organization=world.other_organization, name="Egen", kind=ContactKind.OTHER, phone="112"
    )
    seed_help_page(world.other_organization)
    assert HelpContact.objects.filter(organization=world.other_organization).count() == 1
