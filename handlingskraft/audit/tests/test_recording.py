"""Every create, change and delete of domain data lands in the audit log with
who, when and what changed."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Model

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.audit.models import AuditAction, AuditEntry
from handlingskraft.audit.recording import display_value, organization_id_of
from handlingskraft.conftest import World, make_actor, make_organization
from handlingskraft.organizations.models import Unit, UnitKind
from handlingskraft.plans.models import (
    Activity,
    ActivityStatus,
    Plan,
    PlanStatus,
    Prerequisite,
)


def last_entry(obj: Model) -> AuditEntry:
    return AuditEntry.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk)).latest(
        "pk"
    )


def save_as(obj: Model, user: User | None, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._history_user = user  # type: ignore[attr-defined]
    obj.save()


def changes_by_field(entry: AuditEntry) -> dict[str, tuple[str, str]]:
    return {change["field"]: (change["old"], change["new"]) for change in entry.changes}


def test_a_change_records_who_when_and_each_fields_old_and_new_value(world: World) -> None:
    coordinator = world.users["coordinator"]
    coordinator.first_name, coordinator.last_name = "Sara", "Samordnare"
    save_as(
        world.activity,
        coordinator,
        description="Informera alla föräldrar.",
        status=ActivityStatus.ONGOING,
    )

    entry = last_entry(world.activity)
    assert entry.action == AuditAction.CHANGED
    assert entry.user == coordinator
    assert entry.user_display == "Sara Samordnare"
    assert entry.organization == world.organization
    assert entry.model == "plans.activity"
    assert entry.object_repr == "Informera alla föräldrar."
    assert entry.timestamp == world.activity.history.latest().history_date
    assert entry.changes == [
        {
            "field": "description",
            "label": "beskrivning",
            "old": "Informera föräldrar.",
            "new": "Informera alla föräldrar.",
        },
        {"field": "status", "label": "status", "old": "", "new": "Pågår"},
    ]


def test_the_user_display_falls_back_to_the_username(world: World) -> None:
    save_as(world.plan, world.users["reader"], title="Ny titel")
    assert last_entry(world.plan).user_display == "lasare"


def test_a_creation_records_the_initial_values_that_are_not_empty(world: World) -> None:
    prerequisite = Prerequisite(goal=world.goal, position=2, text="Rutiner finns.")
    save_as(prerequisite, world.users["coordinator"])

    entry = last_entry(prerequisite)
    assert entry.action == AuditAction.CREATED
    assert entry.organization == world.organization
    assert entry.changes == [
        {"field": "goal", "label": "målbild", "old": "", "new": str(world.goal)},
        {"field": "position", "label": "ordning", "old": "", "new": "2"},
        {"field": "text", "label": "text", "old": "", "new": "Rutiner finns."},
    ]


def test_a_deletion_records_the_object_without_field_changes(world: World) -> None:
    prerequisite = world.goal.prerequisites.get()
    pk = prerequisite.pk
    prerequisite._history_user = world.users["coordinator"]  # type: ignore[attr-defined]
    prerequisite.delete()

    entry = AuditEntry.objects.filter(model="plans.prerequisite", object_id=str(pk)).latest("pk")
    assert entry.action == AuditAction.DELETED
    assert entry.changes == []
    assert entry.object_repr == "Kunskap finns om förebyggande arbete."
    assert entry.organization == world.organization


def test_relations_choices_and_booleans_read_as_words(world: World) -> None:
    responsibility = world.plan.responsibilities.get()
    save_as(responsibility, None, actor=world.school, followed_up_by=world.social)
    assert changes_by_field(last_entry(responsibility)) == {
        "actor": ("Socialnämnden", "Utbildningsnämnden"),
        "followed_up_by": ("", "Socialnämnden"),
    }

    save_as(world.plan, None, status=PlanStatus.ARCHIVED, annual_review=True)
    assert changes_by_field(last_entry(world.plan)) == {
        "status": ("Antagen", "Arkiverad"),
        "annual_review": ("Nej", "Ja"),
    }


def test_a_save_that_changes_nothing_leaves_no_entry(world: World) -> None:
    before = AuditEntry.objects.count()
    world.plan.save()
    assert AuditEntry.objects.count() == before


def test_a_users_password_and_last_login_never_reach_the_log(world: World) -> None:
    user = world.users["reader"]
    user.set_password("ett-annat-långt-lösenord-2")
    user.save()
    user.last_login = user.date_joined
    user.save()
    user.first_name = "Lars"
    user.save()

    entries = AuditEntry.objects.filter(model="accounts.user", object_id=str(user.pk))
    fields = {change["field"] for entry in entries for change in entry.changes}
    assert "password" not in fields
    assert "last_login" not in fields
    assert changes_by_field(entries.latest("pk")) == {"first_name": ("", "Lars")}
    assert all("pbkdf2" not in str(entry.changes) for entry in entries)


def test_each_object_is_logged_under_its_organisation(world: World) -> None:
    activity = world.activity
    membership = Membership.objects.get(user=world.users["reporter"])
    unit = Unit.objects.create(actor=world.social, name="Familjeenheten", kind=UnitKind.OTHER)
    objects: list[Model] = [
        world.organization,
        world.social,
        unit,
        world.plan,
        world.goal,
        world.goal.prerequisites.get(),
        world.measure,
        activity,
        activity.assignments.first(),  # type: ignore[list-item]
        world.plan.responsibilities.get(),
        membership,
    ]
    for obj in objects:
        assert organization_id_of(obj) == world.organization.pk, obj
    assert organization_id_of(world.users["reader"]) is None
    assert organization_id_of(world.other_plan) == world.other_organization.pk


def test_the_organisation_log_of_a_user_is_empty_and_of_a_plan_its_own(world: World) -> None:
    assert last_entry(world.users["reader"]).organization is None
    assert last_entry(world.other_plan).organization == world.other_organization


def test_deleting_an_organisation_keeps_its_deletions_in_the_log_outside_it(db: None) -> None:
    organization = make_organization("Provkommun", "prov", "9903")
    actor = make_actor(organization, "Kommunstyrelsen")
    user = User.objects.create_user(username="tillfällig", password="ett-långt-lösenord-1")
    Membership.objects.create(user=user, organization=organization, role=Role.READER)
    organization_pk, actor_pk = organization.pk, actor.pk

    organization.delete()
    # The log must not point at the deleted organisation.
    connection.check_constraints()

    deleted = AuditEntry.objects.filter(action=AuditAction.DELETED)
    assert set(deleted.values_list("model", "object_id", "organization")) == {
        ("organizations.organization", str(organization_pk), None),
        ("organizations.actor", str(actor_pk), None),
        ("accounts.membership", str(Membership.history.latest().id), None),
    }


def test_a_value_of_a_related_object_that_is_gone_reads_as_its_id(world: World) -> None:
    record = world.plan.history.latest()
    record.organization_id = 999_999
    field = Plan._meta.get_field("organization")
    assert display_value(record, field) == "#999999"


def test_creating_an_activity_through_the_orm_in_a_request_free_context_is_the_system(
    world: World,
) -> None:
    activity = Activity.objects.create(plan=world.plan, description="Ny aktivitet.")
    entry = last_entry(activity)
    assert entry.user is None
    assert entry.user_display == ""
