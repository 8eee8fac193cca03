"""export_organization → import_organization: the whole organisation comes
back, with new primary keys and every reference remapped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from handlingskraft.accounts.models import User
from handlingskraft.audit.models import AuditEntry
from handlingskraft.followup.models import FollowUpRound, StatusReport
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Prerequisite
from handlingskraft.tests.faults import row_counts
from handlingskraft.transfer import fileformat
from handlingskraft.transfer.exporting import export_organization
from handlingskraft.transfer.importing import import_organization

from .scenario import PASSWORD, Quiet, comparable, empty_database, enrich, load_demo

pytestmark = pytest.mark.django_db

# What the scenario must put in the file, so that the comparison is worth something.
EXPECTED = {
    "organizations.organization", "organizations.actor", "organizations.unit",
    "accounts.membership", "accounts.invitation", "api.apitoken", "audit.auditentry",
    "plans.plan", "plans.goal", "plans.prerequisite", "plans.measure", "plans.activity",
    "plans.activityactor", "plans.responsibility", "followup.followupround",
    "followup.reportingtask", "followup.statusreport", "followup.consolidation",
    "followup.reviewevent", "followup.roundevent", "followup.assessment", "followup.reminder",
    "followup.statusoption", "followup.assessmentoption", "indicators.measurevalue",
    "indicators.unitsurvey", "indicators.unitsurveyanswer", "datacollection.dataset",
    "datacollection.dataelement", "datacollection.dataelement_actors", "datacollection.datavalue",
    "training.training", "training.participation", "training.training_topics",
    "public.helpcontact", "public.indicatorlink", "public.datasetpublication",
    "exports.frozenreport", "plans.historicalgoal", "plans.historicalprerequisite",
    "followup.historicalreportingtask", "organizations.historicalorganization",
}  # fmt: skip


@pytest.fixture
def demo() -> dict[str, Any]:
    load_demo()
    botkyrka = Organization.objects.get(slug="botkyrka")
    enrich(botkyrka)
    return {"organizations": list(Organization.objects.order_by("slug"))}


def test_an_export_restores_into_an_empty_database_unchanged(demo: dict[str, Any], tmp_path: Path):
    exported = {}
    for organization in demo["organizations"]:
        path = tmp_path / f"{organization.slug}.json.gz"
        call_command("export_organization", organization.slug, output=path, stdout=Quiet())
        exported[organization.slug] = fileformat.read(path)
    with_rows = {s["model"] for s in exported["botkyrka"]["models"] if s["rows"]}
    assert with_rows >= EXPECTED
    haninge_rounds = next(
        s for s in exported["haninge"]["models"] if s["model"] == "followup.followupround"
    )
    assert haninge_rounds["rows"]  # the locked seed round goes too

    empty_database()
    assert not Organization.objects.exists() and not User.objects.exists()
    for slug in exported:
        call_command("import_organization", tmp_path / f"{slug}.json.gz", stdout=Quiet())

    for slug, before in exported.items():
        after = export_organization(Organization.objects.get(slug=slug))
        assert comparable(after) == comparable(before), slug
    counts = row_counts()
    # Creating the users wrote their own entries, outside any organisation.
    counts["audit.auditentry"] = AuditEntry.objects.exclude(organization=None).count()
    for section in exported["botkyrka"]["models"]:
        total = sum(
            len(s["rows"])
            for document in exported.values()
            for s in document["models"]
            if s["model"] == section["model"]
        )
        assert counts[section["model"]] == total, section["model"]


def test_moved_users_log_in_with_their_passwords_and_see_the_round(
    demo: dict[str, Any], tmp_path: Path
):
    botkyrka = Organization.objects.get(slug="botkyrka")
    document = export_organization(botkyrka)
    empty_database()
    import_organization(document)
    user = User.objects.get(username="botkyrka-flytt")
    assert user.check_password(PASSWORD)
    client = Client()
    client.force_login(user)
    assert (user.email, user.first_name, user.is_staff, user.is_superuser) == (
        "Flytt@botkyrka.example",
        "Fia",
        False,
        False,
    )
    round = FollowUpRound.objects.get(organization__slug="botkyrka", name="Flyttens uppföljning")
    response = client.get(
        reverse("followup:round_detail", kwargs={"org_slug": "botkyrka", "round_id": round.pk})
    )
    assert response.status_code == 200
    assert StatusReport.objects.filter(task__round=round, is_conflict=True).count() == 1


def test_the_history_of_a_deleted_object_keeps_a_key_no_new_object_gets(
    demo: dict[str, Any],
):
    document = export_organization(Organization.objects.get(slug="botkyrka"))
    empty_database()
    import_organization(document)
    deleted = Prerequisite.history.get(text="Tas bort igen.", history_type="-")
    assert not Prerequisite.objects.filter(pk=deleted.id).exists()
    entry = AuditEntry.objects.get(
        model="plans.prerequisite", object_id=str(deleted.id), action="-"
    )
    assert entry.organization is not None and entry.organization.slug == "botkyrka"
    goal = deleted.goal
    new = Prerequisite.objects.create(goal=goal, text="Ny efter flytten.")
    assert new.pk > deleted.id
