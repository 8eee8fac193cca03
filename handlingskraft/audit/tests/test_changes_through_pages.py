"""A change made through a page shows up in the organisation's log, with who
made it and the old and new value."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.accounts.models import Role
from handlingskraft.conftest import World

pytestmark = pytest.mark.django_db


def test_a_role_changed_on_the_member_page_appears_in_the_log(
    world: World, client_as: Callable[[str], Client]
) -> None:
    coordinator = client_as("coordinator")
    membership = world.users["reader"].memberships.get()
    edit = reverse(
        "accounts:member_edit",
        kwargs={"org_slug": world.organization.slug, "membership_id": membership.pk},
    )
    response = coordinator.post(edit, {"role": Role.REPORTER, "actor": world.school.pk})
    assert response.status_code == 302

    log = reverse("audit:organization_log", kwargs={"org_slug": world.organization.slug})
    html = coordinator.get(log, {"what": "accounts.membership"}).content.decode()
    rows = [" ".join(row.split()) for row in html.split("<tr")]
    changed = [row for row in rows if "<td>Ändrad</td>" in row]
    assert len(changed) == 2, "one row per changed field: role and actor"
    role, actor = changed
    assert "<td>samordnare</td>" in role and "<td>Roll</td>" in role
    assert "Läsare</td>" in role and "Rapportör</td>" in role
    assert "<td>Företräder aktör</td>" in actor and "Utbildningsnämnden</td>" in actor

    export = reverse("audit:organization_log_csv", kwargs={"org_slug": world.organization.slug})
    rows = b"".join(coordinator.get(export).streaming_content).decode("utf-8-sig")
    assert any(
        "samordnare" in row and "Läsare" in row and "Rapportör" in row for row in rows.splitlines()
    )
