"""Swedish and English: Swedish for everyone unless they choose English with the
switch in the footer; the plan's own text stays Swedish and says so; and the
English catalogue is complete, compiled and keeps every placeholder."""

from __future__ import annotations

import ast
import datetime
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from handlingskraft.accounts.models import Role
from handlingskraft.browser_testing import axe_violations, log_in_as
from handlingskraft.conftest import World
from handlingskraft.followup.services import RoundInput, round_open

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
ROUND = RoundInput(
    kind="annual",
    name="Årsuppföljning 2025",
    period_start=datetime.date(2025, 1, 1),
    period_end=datetime.date(2025, 12, 31),
    opens_on=datetime.date(2026, 1, 10),
    deadline=datetime.date(2026, 2, 15),
)


def plan_url(world: World) -> str:
    return reverse(
        "plans:plan_detail",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )


def choose(client: Client, language: str, next_url: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


# --- choosing the language -----------------------------------------------------


def test_the_interface_is_swedish_even_for_a_browser_asking_for_english(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("coordinator").get(plan_url(world), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Arbeta med planen" in html
    assert response["Content-Language"] == "sv"
    # Swedish pages need no lang on the plan's text: it is the page's language.
    assert "<h1>Handlingsplan plan</h1>" in html


def test_choosing_english_shows_the_plan_page_in_english_and_the_plan_text_stays_swedish(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    choose(client, "en", plan_url(world))
    html = client.get(plan_url(world)).content.decode()
    assert '<html lang="en">' in html
    assert "Work with the plan" in html
    assert "Arbeta med planen" not in html
    assert '<h1 lang="sv">Handlingsplan plan</h1>' in html
    assert '<h2 id="malbild-1-rubrik" lang="sv">' in html
    assert '<p class="measure-statement" lang="sv">Andelen skolor ökar.</p>' in html


def test_the_goal_page_in_english_marks_the_activities_and_prerequisites_swedish(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("reader")
    url = reverse(
        "plans:goal_detail",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug, "number": 1},
    )
    choose(client, "en", url)
    html = client.get(url).content.decode()
    assert '<h1 lang="sv">Målbild 1: Verksamheterna förebygger våld</h1>' in html
    assert '<span lang="sv">Kunskap finns om förebyggande arbete.</span>' in html
    assert '<div lang="sv"><p>Informera föräldrar.</p></div>' in html
    assert "To get here, the following needs to be in place" in html


def test_the_login_page_can_be_read_in_english_before_logging_in(db: None) -> None:
    client = Client()
    login = reverse("accounts:login")
    choose(client, "en", login)
    html = client.get(login).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Log in</h1>" in html
    assert "Forgotten your password?" in html


def test_switching_back_to_swedish(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("coordinator")
    choose(client, "en", plan_url(world))
    choose(client, "sv", plan_url(world))
    html = client.get(plan_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="sv">' in html
    assert "Arbeta med planen" in html


def test_a_language_we_do_not_offer_falls_back_to_swedish(db: None) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="sv">' in html


def test_a_get_on_the_switch_changes_nothing(db: None) -> None:
    client = Client()
    response = client.get(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switch_refuses_to_send_the_visitor_to_another_site(db: None) -> None:
    response = Client().post(
        reverse("set_language"), {"language": "en", "next": "https://example.com/"}
    )
    assert response["Location"] == "/"


def test_the_footer_offers_both_languages_each_in_its_own_language(db: None) -> None:
    html = Client().get(reverse("accounts:login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert '<option value="sv" lang="sv" selected>Svenska</option>' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert 'name="next" value="/konto/logga-in/"' in html
    assert '<span lang="sv">Byt språk</span> / <span lang="en">Change language</span>' in html


def test_the_language_can_be_changed_while_two_step_verification_holds_the_user(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.organization.require_two_factor = True
    world.organization.save()
    client = client_as("coordinator")
    setup = reverse("accounts:two_factor")
    choose(client, "en", setup)
    assert "Your role requires two-step verification" in client.get(setup).content.decode()


def test_mail_to_others_is_swedish_whatever_language_the_sender_uses(
    world: World,
    client_as: Callable[[str], Client],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    world.users["reporter"].email = "rapportor@testkommun.se"
    world.users["reporter"].save()
    coordinator = client_as("coordinator")
    invite = reverse("accounts:invitation_create", kwargs={"org_slug": world.organization.slug})
    choose(coordinator, "en", invite)
    round = round_open(plan=world.plan, user=world.users["coordinator"], data=ROUND)
    remind = reverse(
        "followup:round_remind", kwargs={"org_slug": world.organization.slug, "round_id": round.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(invite, {"email": "ny@example.se", "role": Role.READER, "actor": ""})
        response = coordinator.post(remind, follow=True)
    assert "1 reminder was sent to 1 of 2 actors." in response.content.decode()
    invitation, reminder = mail.outbox
    assert invitation.subject == "Inbjudan till Handlingskraft – Testkommun"
    assert "med rollen Läsare" in invitation.body
    assert reminder.subject.startswith("Påminnelse: rapportera senast")
    assert reminder.body.startswith("Hej!")


def test_the_language_cookie_is_kept_from_scripts() -> None:
    assert settings.LANGUAGE_COOKIE_HTTPONLY
    assert settings.LANGUAGE_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE


# --- the catalogue -------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header, msgid "", left out). Enough of the
    format for what makemessages writes: flags, msgid, msgid_plural, msgstr[n]
    and continuation lines."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] = ("msgid", 0)
    keyword = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (".*")$')

    def finish() -> None:
        nonlocal entry
        if entry.line and entry.msgid:
            entries.append(entry)
        entry = Entry()

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            finish()
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := keyword.match(line):
            name, index, text = match.group(1), int(match.group(2) or 0), match.group(3)
            entry.line = entry.line or number
            target = (name, index)
            append(entry, target, ast.literal_eval(text))
        else:
            assert line.startswith('"'), f"{path.name}:{number}: {line}"
            append(entry, target, ast.literal_eval(line))
    finish()
    return entries


def append(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif name == "msgid":
        entry.msgid += text


ENTRIES = read_po(CATALOGUE / "django.po")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
TAG = re.compile(r"</?[a-z]+")


def test_the_catalogue_has_the_interface_strings() -> None:
    assert len(ENTRIES) > 900
    assert {"Logga in", "Arbeta med planen", "Handlingsplaner"} <= {e.msgid for e in ENTRIES}


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    problems = [
        f"django.po:{entry.line}: {entry.msgid[:60]!r}"
        for entry in ENTRIES
        if "fuzzy" in entry.flags
        or not entry.msgstr
        or not all(entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
    ]
    assert problems == []


def test_translations_keep_every_placeholder_and_tag() -> None:
    problems = []
    for entry in ENTRIES:
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for index, translation in entry.msgstr.items():
            source = sources[min(index, 1)]
            for pattern in (PLACEHOLDER, TAG):
                if sorted(pattern.findall(source)) != sorted(pattern.findall(translation)):
                    problems.append(f"django.po:{entry.line}: {pattern.pattern} differs")
    assert problems == []


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    """django.mo is committed: it must have been compiled after the last edit."""
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled: dict[Any, str] = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    stale = []
    for entry in ENTRIES:
        if entry.msgid_plural is None:
            if compiled.get(entry.msgid) != entry.msgstr[0]:
                stale.append(entry.msgid)
        elif any(compiled.get((entry.msgid, i)) != text for i, text in entry.msgstr.items()):
            stale.append(entry.msgid)
    assert stale == [], "kör make messages"


# --- in the browser --------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_footer_switch_turns_the_plan_page_english_without_accessibility_violations(
    browser_page: Any, live_server: Any, world: World
) -> None:
    page = browser_page
    log_in_as(page, world.users["coordinator"], live_server.url)
    page.goto(plan_url(world))
    assert page.locator("html").get_attribute("lang") == "sv"

    page.get_by_label("Språk / Language").select_option("en")
    page.get_by_role("button", name="Byt språk / Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith(plan_url(world))
    assert page.get_by_role("heading", name="Work with the plan").is_visible()
    assert page.locator("h1").get_attribute("lang") == "sv"
    assert axe_violations(page) == []

    page.get_by_label("Språk / Language").select_option("sv")
    page.get_by_role("button", name="Byt språk / Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", name="Arbeta med planen").is_visible()
