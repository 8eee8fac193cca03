"""Plan versions: revise, compare with reasons, adopt."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Goal,
    MeasureKind,
    MeasureTarget,
    Plan,
    PlanStatus,
    RevisionNote,
)
from handlingskraft.plans.publishing import plan_publish
from handlingskraft.plans.versions import (
    VersionError,
    compare_versions,
    plan_adopt,
    plan_revise,
    revision_note_set,
)

pytestmark = pytest.mark.django_db


def url(name: str, world: World) -> str:
    return reverse(
        f"plans:{name}",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )


def test_revising_copies_every_item_and_leaves_the_adopted_version_untouched(world: World):
    coordinator = world.users["coordinator"]
    revision = plan_revise(plan=world.plan, user=coordinator)
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.ADOPTED
    assert (revision.version, revision.status) == (2, PlanStatus.UNDER_REVISION)
    assert revision.revision_of == world.plan
    copied = revision.activities.get()
    assert copied.pk != world.activity.pk
    assert copied.lineage == world.activity.lineage
    assert copied.goal is not None and copied.goal.plan == revision
    assert [a.actor for a in copied.assignments.order_by("position")] == [
        world.social,
        world.school,
    ]
    assert copied.lead == world.social
    assert revision.goals.get().prerequisites.count() == 1
    assert revision.measures.get().goal == revision.goals.get()
    assert revision.responsibilities.count() == 1
    assert world.plan.activities.get() == world.activity


def test_a_plan_under_revision_cannot_be_revised_twice(world: World):
    plan_revise(plan=world.plan, user=world.users["coordinator"])
    with pytest.raises(VersionError, match="revideras redan"):
        plan_revise(plan=world.plan, user=world.users["coordinator"])


def test_a_revision_of_a_published_version_is_not_published(world: World):
    plan_publish(plan=world.plan, user=world.users["coordinator"])
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    assert revision.published_at is None
    assert list(Plan.objects.published()) == [world.plan]


def test_the_comparison_shows_added_changed_and_removed_items_with_old_and_new_text(world: World):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    changed = revision.activities.get()
    changed.description = "Informera föräldrar och personal."
    changed.save()
    ActivityActor.objects.filter(activity=changed, actor=world.school).delete()
    revision.goals.get().prerequisites.get().delete()
    added = Activity.objects.create(plan=revision, goal=revision.goals.get(), description="Ny.")
    changes = {c.lineage: c for c in compare_versions(world.plan, revision)}
    activity_change = changes[changed.lineage]
    assert activity_change.action == "changed"
    assert [(f.label, f.old, f.new) for f in activity_change.fields] == [
        ("Beskrivning", "Informera föräldrar.", "Informera föräldrar och personal."),
        ("Ansvariga", "Socialnämnden, Utbildningsnämnden", "Socialnämnden"),
    ]
    assert changes[added.lineage].action == "added"
    removed = [c for c in changes.values() if c.action == "removed"]
    assert [(c.kind, c.title) for c in removed] == [
        ("Förutsättning", "Kunskap finns om förebyggande arbete.")
    ]


def test_an_unchanged_revision_has_no_changes(world: World):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    assert compare_versions(world.plan, revision) == []


def test_a_reason_is_recorded_per_change_and_can_be_cleared(world: World):
    user = world.users["coordinator"]
    revision = plan_revise(plan=world.plan, user=user)
    goal = revision.goals.get()
    goal.title = "Ny rubrik"
    goal.save()
    revision_note_set(plan=revision, lineage=goal.lineage, reason=" Tydligare. ", user=user)
    (change,) = compare_versions(world.plan, revision)
    assert change.reason == "Tydligare."
    revision_note_set(plan=revision, lineage=goal.lineage, reason="", user=user)
    assert not RevisionNote.objects.exists()


def test_adopting_records_the_decision_and_archives_the_previous_version(world: World):
    user = world.users["coordinator"]
    revision = plan_revise(plan=world.plan, user=user)
    plan_adopt(
        plan=revision,
        user=user,
        decided_by=world.social,
        decided_on=datetime.date(2024, 9, 2),
        diarienummer="KS/2024:12",
    )
    revision.refresh_from_db()
    world.plan.refresh_from_db()
    assert (revision.status, revision.decided_by, revision.diarienummer) == (
        PlanStatus.ADOPTED,
        world.social,
        "KS/2024:12",
    )
    assert world.plan.status == PlanStatus.ARCHIVED
    assert Plan.objects.version_for(world.organization, world.plan.slug) == revision
    assert Plan.objects.version_for(world.organization, world.plan.slug, 1) == world.plan


def test_an_adopted_version_cannot_be_adopted_again(world: World):
    with pytest.raises(VersionError):
        plan_adopt(
            plan=world.plan,
            user=world.users["coordinator"],
            decided_by=world.social,
            decided_on=datetime.date(2024, 1, 1),
        )


def test_the_revision_is_recorded_with_the_user_in_the_history(world: World):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    assert revision.history.latest().history_user == world.users["coordinator"]
    assert (
        Goal.history.filter(plan_id=revision.pk).get().history_user == (world.users["coordinator"])
    )


# --- pages -------------------------------------------------------------------------


def test_a_coordinator_revises_through_the_page_and_lands_on_the_new_version(
    world: World, client_as: Callable[[str], Client]
):
    client = client_as("coordinator")
    response = client.post(url("plan_revise", world))
    assert response.status_code == 302
    assert response["Location"].endswith("?version=2")
    page = client.get(response["Location"]).content.decode()
    assert "Under revidering" in page


def test_the_versions_page_lists_every_version(world: World, client_as: Callable[[str], Client]):
    plan_revise(plan=world.plan, user=world.users["coordinator"])
    html = client_as("reader").get(url("plan_versions", world)).content.decode()
    assert "Version 2" in html and "Version 1" in html
    assert "Jämför med version 1" in html
    assert "Revidera planen" not in html


def test_the_compare_page_shows_changes_and_lets_the_coordinator_give_a_reason(
    world: World, client_as: Callable[[str], Client]
):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    activity = revision.activities.get()
    activity.description = "Informera alla föräldrar."
    activity.save()
    client = client_as("coordinator")
    html = client.get(url("plan_compare", world)).content.decode()
    assert "Ändrad:" in html
    assert "<del>Informera föräldrar.</del>" in html
    assert "<ins>Informera alla föräldrar.</ins>" in html
    response = client.post(
        url("revision_note", world),
        {"version": "2", "lineage": str(activity.lineage), "reason": "Vidgad målgrupp."},
    )
    assert response.status_code == 302
    assert "Vidgad målgrupp." in client.get(url("plan_compare", world)).content.decode()


def test_a_reader_sees_reasons_but_no_form(world: World, client_as: Callable[[str], Client]):
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    goal = revision.goals.get()
    goal.title = "Ändrad"
    goal.save()
    revision_note_set(
        plan=revision, lineage=goal.lineage, reason="Ny lydelse.", user=world.users["coordinator"]
    )
    html = client_as("reader").get(url("plan_compare", world)).content.decode()
    assert "Ny lydelse." in html
    assert "<textarea" not in html


def test_adopting_through_the_page_needs_a_valid_date(
    world: World, client_as: Callable[[str], Client]
):
    plan_revise(plan=world.plan, user=world.users["coordinator"])
    client = client_as("coordinator")
    response = client.post(
        url("plan_adopt", world), {"decided_by": world.social.pk, "decided_on": "2024-02-30"}
    )
    assert response.status_code == 200
    assert "Rätta följande:" in response.content.decode()
    assert Plan.objects.get(version=2).status == PlanStatus.UNDER_REVISION
    response = client.post(
        url("plan_adopt", world),
        {"decided_by": world.social.pk, "decided_on": "2024-02-28", "diarienummer": "KS/1"},
    )
    assert response.status_code == 302
    assert Plan.objects.get(version=2).status == PlanStatus.ADOPTED


def test_adopting_refuses_an_actor_of_another_organisation(
    world: World, client_as: Callable[[str], Client]
):
    plan_revise(plan=world.plan, user=world.users["coordinator"])
    foreign = world.other_plan.organization.actors.get()
    response = client_as("coordinator").post(
        url("plan_adopt", world), {"decided_by": foreign.pk, "decided_on": "2024-02-28"}
    )
    assert response.status_code == 200
    assert Plan.objects.get(organization=world.organization, version=2).status == (
        PlanStatus.UNDER_REVISION
    )


def test_revising_copies_a_measures_kind_kolada_id_and_targets_per_period(world: World):
    world.measure.kind, world.measure.share_of = MeasureKind.SHARE, "school"
    world.measure.kolada_kpi = "N00945"
    world.measure.save()
    MeasureTarget.objects.create(measure=world.measure, year=2025, tertial=1, value=40)
    MeasureTarget.objects.create(measure=world.measure, year=2025, value=60)
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    copied = revision.measures.get()
    assert (copied.kind, copied.share_of, copied.kolada_kpi) == ("share", "school", "N00945")
    assert [(t.year, t.tertial, t.value) for t in copied.targets.order_by("year", "tertial")] == [
        (2025, 0, 60),
        (2025, 1, 40),
    ]
    assert world.measure.targets.count() == 2
