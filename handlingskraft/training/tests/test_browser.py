"""The training pages in a real browser, with axe-core's WCAG 2.1 AA checks,
on Botkyrka's demo data. Pages checked:

* as the coordinator: the training list, the base training and the in-person
  meeting (flagged), adding a training, the competence plan and a line of it,
  the coverage view, the employee survey with its entry and import forms,
  the settings and lists, the measures fed from the competence plan, the
  activity list with its trainings and the start page with the flag;
* as a reader: the meeting and the coverage view after disclosure control;
* as a reporter: the participation form, before and after a refused save
  (more participants than staff)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.browser_testing import axe_violations, log_in_as, screenshot
from handlingskraft.plans.models import Plan
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR
from handlingskraft.training.models import CompetencePlanLine, Training
from handlingskraft.training.seeds import BASE_TRAINING, MEETING, seed_botkyrka_training

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def botkyrka() -> Plan:
    plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    coordinator = User.objects.create_user(username="botkyrka-samordnare")
    Membership.objects.create(
        user=coordinator, organization=plan.organization, role=Role.COORDINATOR
    )
    seed_botkyrka_training(plan.organization, user=coordinator)
    return plan


def member(plan: Plan, username: str, role: str, actor_name: str | None = None) -> User:
    user = User.objects.create_user(username=username)
    actor = plan.organization.actors.get(name=actor_name) if actor_name else None
    Membership.objects.create(user=user, organization=plan.organization, role=role, actor=actor)
    return user


def org_url(plan: Plan, name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org_slug": plan.organization.slug, **kwargs})


def check(page: Any, address: str) -> None:
    page.goto(address)
    assert axe_violations(page) == [], address


def test_the_coordinators_training_pages_pass_axe(
    browser_page: Any, live_server: Any, botkyrka: Plan
) -> None:
    page = browser_page
    log_in_as(page, User.objects.get(username="botkyrka-samordnare"), live_server.url)
    base = Training.objects.get(title=BASE_TRAINING)
    meeting = Training.objects.get(title=MEETING)
    line = CompetencePlanLine.objects.order_by("pk").first()
    assert line is not None
    page.goto(org_url(botkyrka, "training:training_list"))
    assert page.get_by_role("heading", level=1).inner_text() == "Utbildning"
    assert page.get_by_role("table", name="Utbildningar").is_visible()
    assert page.get_by_text("Samordnande aktör saknas bland arrangörerna").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "utbildningar")
    addresses = [
        org_url(botkyrka, "training:training_detail", training_id=base.pk),
        org_url(botkyrka, "training:training_detail", training_id=meeting.pk),
        org_url(botkyrka, "training:training_create"),
        org_url(botkyrka, "training:training_edit", training_id=meeting.pk),
        org_url(botkyrka, "training:competence_plan"),
        org_url(botkyrka, "training:line_create"),
        org_url(botkyrka, "training:line_edit", line_id=line.pk),
        org_url(botkyrka, "training:coverage"),
        org_url(botkyrka, "training:survey_results"),
        org_url(botkyrka, "training:survey_result_create"),
        org_url(botkyrka, "training:survey_import"),
        org_url(botkyrka, "training:settings"),
        org_url(botkyrka, "training:measure_feeds"),
        org_url(botkyrka, "plans:organization_home"),
        org_url(botkyrka, "plans:activity_list", plan_slug=botkyrka.slug),
    ]
    for address in addresses:
        check(page, address)
    page.goto(org_url(botkyrka, "training:coverage"))
    screenshot(page, "utbildning-tackning")


def test_a_reader_sees_the_flag_and_protected_counts_without_violations(
    browser_page: Any, live_server: Any, botkyrka: Plan
) -> None:
    page = browser_page
    log_in_as(page, member(botkyrka, "lasare", Role.READER), live_server.url)
    meeting = Training.objects.get(title=MEETING)
    check(page, org_url(botkyrka, "training:training_detail", training_id=meeting.pk))
    flag = page.get_by_role("note")
    assert "Deltagarna kommer från 3 förvaltningar" in flag.inner_text()
    # The two from leisure and culture are a small count.
    assert page.get_by_role("table", name="Deltagare 2023").get_by_text("<5").first.is_visible()
    check(page, org_url(botkyrka, "training:coverage"))
    assert page.get_by_text("560 av 850").first.is_visible()


def test_a_reporter_is_told_next_to_the_field_when_participants_exceed_staff(
    browser_page: Any, live_server: Any, botkyrka: Plan
) -> None:
    page = browser_page
    log_in_as(page, member(botkyrka, "rapportor", Role.REPORTER, "Socialnämnden"), live_server.url)
    meeting = Training.objects.get(title=MEETING)
    social = botkyrka.organization.actors.get(name="Socialnämnden")
    check(
        page,
        org_url(
            botkyrka, "training:participation_edit", training_id=meeting.pk, actor_id=social.pk
        ),
    )
    row = page.get_by_role("group", name="Rad 1", exact=True)
    row.get_by_label("Deltagare").fill("500")
    page.get_by_role("button", name="Spara deltagandet").click()
    field = page.get_by_role("group", name="Rad 1", exact=True).get_by_label("Deltagare")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.get_by_text(
        "Deltagarna kan inte vara fler än personalen i gruppen (420)."
    ).first.is_visible()
    assert axe_violations(page) == []
    screenshot(page, "utbildning-deltagande")
