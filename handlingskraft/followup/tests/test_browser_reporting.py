"""A reporter's round in a real browser: the todo list, the report form with a
mistake, a draft, submitting, and a conflict with someone else's save."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound, StatusOption, TaskState
from handlingskraft.followup.services import ReportInput, report_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reporter_drafts_and_submits_a_report_in_the_browser(
    browser_page: Any,
    live_server: Any,
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
) -> None:
    page = browser_page
    log_in_as(page, world.users["reporter"], live_server.url)
    checked = []

    page.goto(reverse("followup:todo", kwargs={"org_slug": world.organization.slug}))
    assert page.get_by_role("heading", level=1).inner_text() == "Att rapportera"
    checked.append(page.url)
    assert axe_violations(page) == []
    screenshot(page, "att-rapportera")

    page.get_by_role("link", name="Informera föräldrar.", exact=True).click()
    checked.append(page.url)
    assert axe_violations(page) == []
    screenshot(page, "rapportformular")

    page.get_by_label("Status").select_option(label="Pågår")
    page.get_by_label("Vad som gjorts under perioden").fill("Två informationsträffar hölls.")
    page.get_by_label("Länkar till underlag").fill("intranätet/protokoll")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_text("är inte en webbadress").first.is_visible()
    checked.append(page.url + "#fel")
    assert axe_violations(page) == []

    page.get_by_label("Länkar till underlag").fill("https://intranat.example.se/protokoll")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_text("Utkastet är sparat.").wait_for()
    page.get_by_role("button", name="Skicka in").click()
    page.get_by_text("Rapporten är inskickad. Tack!").wait_for()
    assert page.get_by_text("väntar på granskning").is_visible()
    checked.append(page.url + "#inskickad")
    assert axe_violations(page) == []
    task = round.tasks.get(actor=world.social, activity=world.activity)
    assert task.state == TaskState.SUBMITTED

    responsibility = round.tasks.get(responsibility__isnull=False)
    page.goto(
        reverse(
            "followup:task_report",
            kwargs={
                "org_slug": world.organization.slug,
                "round_id": round.pk,
                "task_id": responsibility.pk,
            },
        )
    )
    report_save(  # someone else saves while the reporter writes
        task=responsibility,
        user=world.users["coordinator"],
        data=ReportInput(status=statuses["ongoing"], done="Samordnarens text."),
        based_on=0,
        submit=False,
    )
    page.get_by_label("Vad som gjorts under perioden").fill("Rapportörens text.")
    page.get_by_role("button", name="Spara utkast").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Någon annan har sparat rapporten medan du skrev"
    )
    assert page.get_by_text("Samordnarens text.").is_visible()
    checked.append(page.url + "#krock")
    assert axe_violations(page) == []

    base = f"/{world.organization.slug}/"
    assert [url.split(live_server.url)[1] for url in checked] == [
        f"{base}att-rapportera/",
        f"{base}uppfoljning/{round.pk}/uppgift/{task.pk}/",
        f"{base}uppfoljning/{round.pk}/uppgift/{task.pk}/#fel",
        f"{base}uppfoljning/{round.pk}/uppgift/{task.pk}/#inskickad",
        f"{base}uppfoljning/{round.pk}/uppgift/{responsibility.pk}/#krock",
    ]


def test_the_coordinators_follow_up_pages_have_no_accessibility_violations(
    browser_page: Any,
    live_server: Any,
    world: World,
    round: FollowUpRound,
    statuses: dict[str, StatusOption],
) -> None:
    task = round.tasks.get(actor=world.social, activity=world.activity)
    data = ReportInput(status=statuses["ongoing"], done="Två informationsträffar.")
    report_save(task=task, user=world.users["reporter"], data=data, based_on=0, submit=True)
    page = browser_page
    log_in_as(page, world.users["coordinator"], live_server.url)
    org = {"org_slug": world.organization.slug}
    in_round = {**org, "round_id": round.pk}
    urls = [
        reverse("followup:round_list", kwargs=org),
        reverse("followup:round_create", kwargs=org),
        reverse("followup:round_detail", kwargs=in_round),
        reverse("followup:review_list", kwargs=in_round),
        reverse("followup:task_review", kwargs={**in_round, "task_id": task.pk}),
        reverse("followup:consolidate", kwargs={**in_round, "activity_id": world.activity.pk}),
        reverse("followup:assessments", kwargs=in_round),
        reverse("followup:round_lock", kwargs=in_round),
        reverse("followup:activity_history", kwargs={**org, "activity_id": world.activity.pk}),
    ]
    for url in urls:
        page.goto(url)
        assert axe_violations(page) == [], url
    page.goto(reverse("followup:round_detail", kwargs=in_round))
    screenshot(page, "uppfoljningsomgang")

    page.goto(reverse("followup:task_review", kwargs={**in_round, "task_id": task.pk}))
    page.get_by_role("button", name="Skicka tillbaka för komplettering").click()
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == []

    page.goto(reverse("followup:round_lock", kwargs=in_round))
    page.get_by_role("button", name="Godkänn och lås omgången").click()
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Stäng med saknade rapporter").check()
    page.get_by_role("button", name="Godkänn och lås omgången").click()
    page.get_by_text("Omgången är godkänd och låst.").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Öppna omgången igen").click()
    page.get_by_role("button", name="Öppna omgången igen").click()
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == []
