"""The status list page in a browser: accessible, also when it refuses a change."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from handlingskraft.browser_testing import axe_violations, log_in_as
from handlingskraft.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_status_list_page_is_accessible_with_and_without_an_error(
    browser_page: Any, live_server: Any, world: World
) -> None:
    page = browser_page
    log_in_as(page, world.users["coordinator"], live_server.url)
    page.goto(reverse("followup:lists", kwargs={"org_slug": world.organization.slug}))
    assert page.get_by_role("heading", level=1).inner_text() == "Statuslista och bedömningsskala"
    assert axe_violations(page) == []
    page.get_by_role("group", name="Status 2").get_by_label("Benämning").fill("Genomförd")
    page.get_by_role("button", name="Spara listorna").click()
    assert (
        page.get_by_role("alert")
        .inner_text()
        .endswith("Benämningen ”Genomförd” förekommer två gånger.")
    )
    assert axe_violations(page) == []
