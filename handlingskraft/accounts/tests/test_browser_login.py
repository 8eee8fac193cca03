"""Logging in through the real form in a browser, then working in the plan."""

from __future__ import annotations

from typing import Any

import pytest

from handlingskraft.accounts.models import Membership, Role
from handlingskraft.browser_testing import axe_violations, screenshot
from handlingskraft.conftest import make_user
from handlingskraft.plans.planfile import plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_logs_in_with_the_form_and_reaches_the_activity_list(
    browser_page: Any, live_server: Any
) -> None:
    plan = plan_import(text=(SEED_PLAN_DIR / "botkyrka.yaml").read_text(encoding="utf-8"))
    user = make_user("samordnare")
    Membership.objects.create(user=user, organization=plan.organization, role=Role.COORDINATOR)
    page = browser_page
    target = f"/{plan.organization.slug}/planer/{plan.slug}/aktiviteter/"

    page.goto(target)
    assert "/konto/logga-in/" in page.url
    assert axe_violations(page) == []
    screenshot(page, "logga-in")
    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill("fel-lösenord-helt-enkelt")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == []

    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill("ett-långt-lösenord-1")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"**{target}")
    assert page.get_by_role("heading", level=1).inner_text() == "Alla aktiviteter"
    assert page.get_by_text("Inloggad som").is_visible()
