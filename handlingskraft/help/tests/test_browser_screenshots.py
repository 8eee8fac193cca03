"""Screenshots for the user guide (docs/anvandarguide/) that no other browser
test takes, on Botkyrka's seed plan with one person per role: each page is
checked for its heading and for WCAG 2.1 A/AA violations before it is saved
in docs/bilder/, so the pictures in the guide show pages as they are now."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import make_user
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound, ReportingTask, StatusOption
from handlingskraft.followup.services import (
    ReportInput,
    RoundInput,
    consolidation_save,
    current_report,
    report_review,
    report_save,
    round_lock,
    round_open,
)
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.models import Activity, Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR
from handlingskraft.plans.versions import plan_revise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Socialnämnden and Kommunstyrelsen share it; Botkyrka's plan names no lead,
# so the coordinator writes its consolidated status.
SHARED_ACTIVITY = "Informera om HRV och könsstympning i introduktionen"


@dataclass
class Botkyrka:
    plan: Plan
    people: dict[str, User]
    last_year: FollowUpRound
    this_year: FollowUpRound
    activity: Activity
    statuses: dict[str, StatusOption]

    @property
    def org(self) -> dict[str, str]:
        return {"org_slug": self.plan.organization.slug}

    @property
    def in_round(self) -> dict[str, Any]:
        return {**self.org, "round_id": self.this_year.pk}

    def task(self, actor: str, round: FollowUpRound | None = None) -> ReportingTask:
        return (round or self.this_year).tasks.get(activity=self.activity, actor__name=actor)


def person(plan: Plan, username: str, name: str, role: str, actor: str = "") -> User:
    first, last = name.split()
    user = make_user(
        username, first_name=first, last_name=last, email=f"{username}@botkyrka.example.se"
    )
    Membership.objects.create(
        user=user,
        organization=plan.organization,
        role=role,
        actor=Actor.objects.get(organization=plan.organization, name=actor) if actor else None,
    )
    return user


def a_round(plan: Plan, user: User, name: str, year: int, opens_on: datetime.date) -> FollowUpRound:
    data = RoundInput(
        kind="annual",
        name=name,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        opens_on=opens_on,
        deadline=opens_on + datetime.timedelta(days=30),
    )
    return round_open(plan=plan, user=user, data=data)


@pytest.fixture
def botkyrka() -> Botkyrka:
    """Botkyrka's plan with a coordinator, a working-group member for
    Utbildningsnämnden, a reporter for Socialnämnden and a reader; last
    year's round approved and locked, this year's open with one report in."""
    plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    people = {
        "coordinator": person(plan, "sara", "Sara Samordnare", Role.COORDINATOR),
        "working_group_member": person(
            plan, "arne", "Arne Arbetsgrupp", Role.WORKING_GROUP_MEMBER, "Utbildningsnämnden"
        ),
        "reporter": person(plan, "rut", "Rut Rapportör", Role.REPORTER, "Socialnämnden"),
        "reader": person(plan, "lars", "Lars Läsare", Role.READER),
    }
    coordinator = people["coordinator"]
    activity = Activity.objects.get(plan=plan, description__startswith=SHARED_ACTIVITY)
    statuses = {option.category: option for option in status_options(plan.organization)}
    today = timezone.localdate()

    last_year = a_round(
        plan, coordinator, "Årsuppföljning 2024", 2024, today - datetime.timedelta(days=365)
    )
    for actor, author in [("Socialnämnden", people["reporter"]), ("Kommunstyrelsen", coordinator)]:
        task = last_year.tasks.get(activity=activity, actor__name=actor)
        text = f"{actor} har tagit fram informationsmaterial till föräldrastödsprogrammen."
        data = ReportInput(status=statuses["ongoing"], done=text)
        report_save(task=task, user=author, data=data, based_on=0, submit=True)
        report_review(task=task, user=coordinator, approve=True)
    consolidation_save(
        round=last_year,
        activity=activity,
        user=coordinator,
        status=statuses["ongoing"],
        text="Materialet är framtaget och används i två av fyra föräldrastödsprogram.",
        based_on=0,
    )
    round_lock(round=last_year, user=coordinator, allow_missing=True)

    this_year = a_round(
        plan, coordinator, "Årsuppföljning 2025", 2025, today - datetime.timedelta(days=10)
    )
    task = this_year.tasks.get(activity=activity, actor__name="Socialnämnden")
    data = ReportInput(
        status=statuses["completed"],
        done="Informationen ingår nu i introduktionen i alla fyra föräldrastödsprogram.",
        next_steps="Följa upp hur deltagarna uppfattar informationen.",
    )
    report_save(task=task, user=people["reporter"], data=data, based_on=0, submit=True)
    return Botkyrka(plan, people, last_year, this_year, activity, statuses)


def check_and_shoot(page: Any, name: str, heading: str) -> None:
    """The page shows `heading` as its h1 and axe-core finds nothing; with
    `make screenshots` the picture docs/bilder/NAME.png is retaken."""
    assert page.get_by_role("heading", level=1).inner_text() == heading, name
    assert axe_violations(page) == [], name
    screenshot(page, name)


def test_screenshots_of_logging_in_and_of_the_coordinators_pages(
    browser_page: Any, live_server: Any, botkyrka: Botkyrka
) -> None:
    page, org, in_round = browser_page, botkyrka.org, botkyrka.in_round
    plan_kwargs = {**org, "plan_slug": botkyrka.plan.slug}

    page.goto(reverse("accounts:login"))
    check_and_shoot(page, "inloggning", "Logga in")

    log_in_as(page, botkyrka.people["coordinator"], live_server.url)
    plan_revise(plan=botkyrka.plan, user=botkyrka.people["coordinator"])
    pages = [
        (reverse("plans:plan_versions", kwargs=plan_kwargs), "versioner", None),
        (reverse("plans:plan_adopt", kwargs=plan_kwargs), "anta-version", "Anta versionen"),
        (
            reverse("followup:round_create", kwargs=org),
            "oppna-omgang",
            "Öppna en uppföljningsomgång",
        ),
        (
            reverse(
                "followup:task_review",
                kwargs={**in_round, "task_id": botkyrka.task("Socialnämnden").pk},
            ),
            "granska-rapport",
            "Granska rapporten från Socialnämnden",
        ),
        (
            reverse(
                "followup:consolidate", kwargs={**in_round, "activity_id": botkyrka.activity.pk}
            ),
            "samlad-status",
            "Samlad status för aktiviteten",
        ),
        (
            reverse("followup:assessments", kwargs=in_round),
            "bedomning",
            "Bedömning och analys – Årsuppföljning 2025",
        ),
        (
            reverse("followup:round_lock", kwargs=in_round),
            "las-omgang",
            "Godkänn och lås Årsuppföljning 2025",
        ),
        (reverse("accounts:member_list", kwargs=org), "anvandare", "Användare i Botkyrka kommun"),
        (reverse("accounts:invitation_create", kwargs=org), "bjud-in", "Bjud in en användare"),
        (reverse("accounts:two_factor"), "tvastegsverifiering", "Tvåstegsverifiering"),
        (
            reverse("audit:organization_log", kwargs=org),
            "historik",
            "Historik för Botkyrka kommun",
        ),
    ]
    for url, name, heading in pages:
        page.goto(url)
        check_and_shoot(page, name, heading or f"Versioner av {botkyrka.plan.title}")


def test_screenshots_of_a_returned_report_a_conflict_and_a_refused_personnummer(
    browser_page: Any, live_server: Any, botkyrka: Botkyrka
) -> None:
    page, people = browser_page, botkyrka.people
    task = botkyrka.task("Socialnämnden")
    report_review(
        task=task,
        user=people["working_group_member"],
        approve=False,
        comment="Skriv gärna hur många som har fått informationen under året.",
    )
    log_in_as(page, people["reporter"], live_server.url)
    url = reverse("followup:task_report", kwargs={**botkyrka.in_round, "task_id": task.pk})

    page.goto(url)
    assert page.get_by_text("Skriv gärna hur många som har fått informationen").is_visible()
    page.locator("#granskning-rubrik").scroll_into_view_if_needed()
    check_and_shoot(page, "aterskickad-rapport", "Rapportera status – Årsuppföljning 2025")

    # Skatteverket's made-up test person: a real-looking number that is nobody's.
    page.get_by_label("Vad som gjorts under perioden").fill(
        "Samtal med familjen till 121212-1212 om stödet."
    )
    page.get_by_role("button", name="Spara utkast").click()
    summary = page.get_by_role("alert")
    assert "personnummer eller samordningsnummer" in summary.inner_text()
    summary.scroll_into_view_if_needed()
    check_and_shoot(page, "personuppgifter-stoppas", "Rapportera status – Årsuppföljning 2025")

    page.goto(url)
    report_save(  # the coordinator saves while the reporter writes
        task=task,
        user=people["coordinator"],
        data=ReportInput(
            status=botkyrka.statuses["completed"],
            done="Informationen ingår i alla fyra program; 120 föräldrar har fått den.",
        ),
        based_on=current_report(task).number,  # type: ignore[union-attr]
        submit=False,
    )
    page.get_by_label("Vad som gjorts under perioden").fill(
        "Informationen ingår i alla fyra föräldrastödsprogram sedan mars."
    )
    page.get_by_role("button", name="Spara utkast").click()
    check_and_shoot(page, "krock", "Någon annan har sparat rapporten medan du skrev")


def test_screenshots_of_the_working_group_members_review_list_and_a_readers_history(
    browser_page: Any, live_server: Any, botkyrka: Botkyrka
) -> None:
    page = browser_page
    log_in_as(page, botkyrka.people["working_group_member"], live_server.url)
    page.goto(reverse("followup:review_list", kwargs=botkyrka.in_round))
    check_and_shoot(page, "granskningslista", "Granska rapporter – Årsuppföljning 2025")

    page.context.clear_cookies()
    log_in_as(page, botkyrka.people["reader"], live_server.url)
    page.goto(
        reverse(
            "followup:activity_history",
            kwargs={**botkyrka.org, "activity_id": botkyrka.activity.pk},
        )
    )
    assert page.get_by_text("Årsuppföljning 2024").first.is_visible()
    check_and_shoot(page, "status-over-tid", "Aktivitetens status över tid")
