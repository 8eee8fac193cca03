"""The report page and the pages with the download links, in a browser:
no WCAG 2.1 A/AA violations (axe-core)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as

from .conftest import load_botkyrka

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_page_and_the_download_links_are_accessible(
    browser_page: Any, live_server: Any
) -> None:
    botkyrka = load_botkyrka()
    round, plan = botkyrka.round, botkyrka.round.plan
    page = browser_page
    log_in_as(page, botkyrka.coordinator, live_server.url)
    org = plan.organization.slug
    page.goto(reverse("exports:round_report", kwargs={"org_slug": org, "round_id": round.pk}))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Uppföljning av")
    assert page.get_by_role("img", name="Antal aktiviteter per status").count() == 1
    assert axe_violations(page) == []
    page.goto(reverse("followup:round_detail", kwargs={"org_slug": org, "round_id": round.pk}))
    assert page.get_by_role("link", name="Rapporten som Word-dokument (DOCX)").count() == 1
    assert (
        page.get_by_role("table", name="Frysta versioner, sparade när omgången godkändes").count()
        == 1
    )
    assert axe_violations(page) == []
    page.goto(reverse("plans:plan_detail", kwargs={"org_slug": org, "plan_slug": plan.slug}))
    assert page.get_by_role("link", name="Planen som PDF").count() == 1
    assert axe_violations(page) == []
