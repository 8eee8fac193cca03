"""The help page "Få stöd och hjälp": contacts, texts per language with their
writing direction, the quick exit on every public page, and the
coordinator's editing with the personal-data guard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.public.languages import LANGUAGES, direction_of
from handlingskraft.public.models import ContactKind, HelpContact, HelpText

from .conftest import ARABIC_HEADING, ARABIC_YOUNG, PublicWorld, help_page
from .test_crawl import crawl

# A personnummer that passes the check digit (a test number from Skatteverket's series).
PERSONNUMMER = "19121212-1212"


def help_url(world: World, language: str = "") -> str:
    if language:
        return reverse("public:help_language", args=[world.organization.slug, language])
    return reverse("public:help", args=[world.organization.slug])


def edit_url(name: str, world: World, **ids: int) -> str:
    return reverse(f"public:{name}", kwargs={"org_slug": world.organization.slug, **ids})


RIGHT_TO_LEFT = ["ar", "fa", "ur", "he", "ps", "ckb", "ar-SE"]
LEFT_TO_RIGHT = ["sv", "en", "so", "kmr"]


@pytest.mark.parametrize(
    ("code", "direction"),
    [(code, "rtl") for code in RIGHT_TO_LEFT] + [(code, "ltr") for code in LEFT_TO_RIGHT],
)
def test_the_direction_follows_from_the_language_code(code: str, direction: str) -> None:
    assert direction_of(code) == direction


def test_every_offered_language_has_a_name_in_itself() -> None:
    assert all(language.native_name for language in LANGUAGES)
    assert len({language.code for language in LANGUAGES}) == len(LANGUAGES)


def test_the_help_page_shows_swedish_first_with_the_contacts(db: None, world: World) -> None:
    help_page(world)
    HelpContact.objects.create(
        organization=world.organization,
        name="Socialtjänsten",
        kind=ContactKind.SOCIAL_SERVICES,
        position=5,
    )
    html = Client().get(help_url(world)).content.decode()
    assert "<h1>Få stöd och hjälp</h1>" in html
    assert '<div class="help-text" lang="sv" dir="ltr"><p>Du har rätt att bestämma' in html
    assert '<a href="tel:020505050">Ring 020-50 50 50</a>' in html
    assert '<a href="tel:112">Ring 112</a>' in html
    # A contact without a number or an address is not shown.
    assert "Socialtjänsten" not in html
    assert (
        f'<a href="{help_url(world, "ar")}" hreflang="ar"><span lang="ar" dir="rtl">العربية</span>'
        " (arabiska)</a>"
    ) in html


def test_the_arabic_text_runs_right_to_left(db: None, world: World) -> None:
    help_page(world)
    html = Client().get(help_url(world, "ar")).content.decode()
    assert '<html lang="sv">' in html
    assert f'<p class="help-heading lead-text" lang="ar" dir="rtl">{ARABIC_HEADING}</p>' in html
    assert f'<div class="help-text" lang="ar" dir="rtl"><p>{ARABIC_YOUNG}</p></div>' in html
    assert "Du har rätt att bestämma" not in html
    assert Client().get(help_url(world, "fa")).status_code == 404


def test_every_public_page_has_the_quick_exit(public_world: PublicWorld, settings: object) -> None:
    pages = crawl(Client(), reverse("public:index"))
    for url, response in pages.items():
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        assert (
            '<a class="quick-exit" href="https://www.google.com/search?q=v%C3%A4der" '
            'data-quick-exit rel="noreferrer noopener" aria-keyshortcuts="Escape">'
            "Lämna sidan snabbt"
        ) in html, url
        assert '<script src="/static/public/quick-exit.js" defer></script>' in html, url


def test_the_neutral_page_comes_from_the_settings(db: None, world: World, settings: object) -> None:
    settings.QUICK_EXIT_URL = "https://www.smhi.se/"  # type: ignore[attr-defined]
    html = Client().get(help_url(world)).content.decode()
    assert '<a class="quick-exit" href="https://www.smhi.se/"' in html


def test_an_unknown_organisation_has_no_help_page(db: None) -> None:
    assert Client().get("/offentligt/finns-inte/stod-och-hjalp/").status_code == 404


# --- the coordinator edits the page ------------------------------------------------


def test_the_coordinator_adds_a_contact(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("coordinator")
    response = client.post(
        edit_url("contact_create", world),
        {
            "name": "Tjejjouren",
            "kind": ContactKind.WOMENS_SHELTER,
            "phone": "08-123 456",
            "web": "https://tjejjouren.example.se/",
            "text": "Chatt varje kväll.",
            "position": "3",
        },
    )
    assert response.status_code == 302
    contact = HelpContact.objects.get(name="Tjejjouren")
    assert contact.organization == world.organization
    assert not contact.is_example
    assert "Tjejjouren" in Client().get(help_url(world)).content.decode()


def test_a_personal_identity_number_is_refused(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("coordinator").post(
        edit_url("contact_create", world),
        {
            "name": "Jouren",
            "kind": ContactKind.OTHER,
            "phone": "112",
            "text": f"Fråga efter {PERSONNUMMER}",
            "position": "0",
        },
    )
    assert response.status_code == 200
    assert "personnummer" in response.content.decode()
    assert not HelpContact.objects.filter(name="Jouren").exists()


def test_a_web_address_must_be_https(world: World, client_as: Callable[[str], Client]) -> None:
    response = client_as("coordinator").post(
        edit_url("contact_create", world),
        {"name": "Jouren", "kind": ContactKind.OTHER, "web": "http://jouren.se/", "position": "0"},
    )
    assert "Ange en säker adress som börjar med https://." in response.content.decode()


def test_saving_an_example_contact_marks_it_checked(
    world: World, client_as: Callable[[str], Client]
) -> None:
    contact = HelpContact.objects.create(
        organization=world.organization,
        name="Socialtjänsten",
        kind=ContactKind.SOCIAL_SERVICES,
        is_example=True,
    )
    client = client_as("coordinator")
    assert "Förifylld: kontrollera" in client.get(edit_url("help_edit", world)).content.decode()
    response = client.post(
        edit_url("contact_edit", world, contact_id=contact.pk),
        {"name": "Socialtjänsten", "kind": ContactKind.SOCIAL_SERVICES, "position": "1"},
        follow=True,
    )
    assert "visas inte på den offentliga sidan" in response.content.decode()
    contact.refresh_from_db()
    assert not contact.is_example


def test_the_coordinator_deletes_a_contact(
    world: World, client_as: Callable[[str], Client]
) -> None:
    contact = HelpContact.objects.create(
        organization=world.organization, name="112", kind=ContactKind.EMERGENCY, phone="112"
    )
    client_as("coordinator").post(edit_url("contact_delete", world, contact_id=contact.pk))
    assert not HelpContact.objects.exists()


def test_the_coordinator_adds_a_text_in_persian_and_not_twice(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    data = {"language": "fa", "heading": "", "young_people": "کمک وجود دارد.", "professionals": ""}
    assert client.post(edit_url("text_create", world), data).status_code == 302
    text = HelpText.objects.get(language="fa")
    assert text.direction == "rtl"
    html = Client().get(help_url(world, "fa")).content.decode()
    assert '<div class="help-text" lang="fa" dir="rtl"><p>کمک وجود دارد.</p></div>' in html

    again = client.post(edit_url("text_create", world), data)
    assert "Det finns redan en text på det språket" in again.content.decode()
    assert client.post(edit_url("text_edit", world, text_id=text.pk), data).status_code == 302


def test_a_text_with_a_personal_identity_number_is_refused(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("coordinator").post(
        edit_url("text_create", world),
        {"language": "sv", "young_people": f"Ring om {PERSONNUMMER}.", "professionals": ""},
    )
    assert response.status_code == 200
    assert not HelpText.objects.exists()


def test_the_coordinator_deletes_a_text(world: World, client_as: Callable[[str], Client]) -> None:
    text = HelpText.objects.create(organization=world.organization, language="sv", young_people="x")
    client_as("coordinator").post(edit_url("text_delete", world, text_id=text.pk))
    assert not HelpText.objects.exists()


def test_another_organisations_contact_cannot_be_deleted(
    world: World, client_as: Callable[[str], Client]
) -> None:
    contact = HelpContact.objects.create(
        organization=world.other_organization, name="112", kind=ContactKind.EMERGENCY, phone="112"
    )
    response = client_as("coordinator").post(
        edit_url("contact_delete", world, contact_id=contact.pk)
    )
    assert response.status_code == 404
    assert HelpContact.objects.filter(pk=contact.pk).exists()
