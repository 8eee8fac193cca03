"""Helpers for the tests of the editing pages: addresses, form data, and
reading what a page says next to a field."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.models import FollowUpRound, ReportingTask
from handlingskraft.plans import services
from handlingskraft.plans.models import Activity, Plan

ClientAs = Callable[[str], Client]
PERSONNUMMER = "19811218-9876"


def url(name: str, plan: Plan, query: str = "", **ids: int) -> str:
    path = reverse(
        f"plans:{name}",
        kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, **ids},
    )
    return f"{path}?{query}" if query else path


def text_of(response: Any) -> str:
    return str(response.content.decode())


def field_error(page: str, field_id: str) -> str:
    """The error shown next to the field with id `field_id` ("" if none), after
    checking that the field points at it (aria-describedby) and is aria-invalid."""
    found = re.search(rf'<div class="field-errors" id="{field_id}_error">(.*?)</div>', page, re.S)
    if found is None:
        return ""
    assert re.search(rf'aria-describedby="[^"]*{field_id}_error', page), field_id
    assert re.search(rf'aria-invalid="true"[^>]*id="{field_id}(_0)?"', page), field_id
    return re.sub(r"<[^>]+>", "", found.group(1)).replace("Fel: ", "").strip()


def summary_links(page: str) -> list[str]:
    """The fields the error summary (role="alert") links to."""
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>\s*$', page, re.S | re.M)
    assert summary is not None, "no error summary"
    return re.findall(r'<a href="#([^"]+)"', summary.group(0))


def token_on(page: str) -> str:
    found = re.search(r'name="version_token" value="(\d+)"', page)
    assert found is not None
    return found.group(1)


def activity_data(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "goal": world.goal.pk,
        "description": "Informera föräldrar.",
        "responsible_actors": [world.social.pk, world.school.pk],
        "lead": world.social.pk,
        "prevention_level": "",
        "status": "",
        "version_token": services.version_token(world.activity),
    }
    return {**data, **changes}


PLAN_DATA = {
    "title": "Handlingsplan mot hedersrelaterat våld",
    "slug": "hedersplan",
    "section_label": "målbild",
    "section_label_plural": "målbilder",
    "activity_label": "aktivitet",
    "activity_label_plural": "aktiviteter",
}


def followed_up(world: World, plan: Plan, activity: Activity) -> None:
    """A follow-up round with a reporting task on `activity`."""
    round_ = FollowUpRound.objects.create(
        organization=world.organization,
        plan=plan,
        kind="annual",
        name="Årsuppföljning 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        opens_on=datetime.date(2026, 1, 2),
        deadline=datetime.date(2026, 1, 31),
        created_by=world.users["coordinator"],
    )
    ReportingTask.objects.create(round=round_, actor=world.social, activity=activity)
