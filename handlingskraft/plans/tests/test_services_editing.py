"""The services that write a plan: rules, history with the acting user,
ordering, and the refusal of edits based on an older version."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from handlingskraft.accounts.models import User
from handlingskraft.conftest import World, make_actor
from handlingskraft.plans import services
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Goal,
    Measure,
    Plan,
    PlanStatus,
    Prerequisite,
    Responsibility,
)
from handlingskraft.plans.services import (
    ActivityFields,
    GoalFields,
    MeasureFields,
    PlanFields,
    PrerequisiteFields,
    ResponsibilityFields,
)
from handlingskraft.plans.tests.access_editing import make_draft
from handlingskraft.plans.tests.editing_support import PERSONNUMMER, followed_up


@pytest.fixture
def plan(world: World) -> Plan:
    return make_draft(world)


@pytest.fixture
def coordinator(world: World) -> User:
    return world.users["coordinator"]


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def lead_of(activity: Activity) -> int | None:
    row = activity.assignments.filter(is_lead=True).first()
    return row.actor_id if row else None


# --- plans --------------------------------------------------------------------


def test_a_new_plan_is_a_draft_in_version_one_with_the_user_in_its_history(
    world: World, coordinator: User
) -> None:
    plan = services.plan_create(
        user=coordinator,
        organization=world.organization,
        fields=PlanFields(title="Ny handlingsplan", slug="ny", decided_by=world.social),
    )
    assert (plan.status, plan.version, plan.organization) == (
        PlanStatus.DRAFT,
        1,
        world.organization,
    )
    assert plan.history.get().history_user == coordinator


def test_a_plan_slug_already_used_in_the_organisation_is_refused(
    world: World, coordinator: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            user=coordinator,
            organization=world.organization,
            fields=PlanFields(title="Dubblett", slug=world.plan.slug),
        )
    assert "kortnamnet" in messages_of(error)["slug"][0]


def test_a_plan_cannot_be_decided_by_another_organisations_actor(
    world: World, coordinator: User
) -> None:
    foreign = world.other_plan.responsibilities.get().actor
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            user=coordinator,
            organization=world.organization,
            fields=PlanFields(title="Plan", slug="annan", decided_by=foreign),
        )
    assert messages_of(error)["decided_by"] == ["Välj en aktör i den egna organisationen."]


def test_a_plan_update_changes_the_facts_but_never_the_status(
    plan: Plan, coordinator: User
) -> None:
    services.plan_update(
        user=coordinator,
        plan=plan,
        fields=PlanFields(title="Nytt namn", slug=plan.slug, diarienummer="KS/2025:12"),
        expected_version=services.version_token(plan),
    )
    plan.refresh_from_db()
    assert (plan.title, plan.diarienummer, plan.status) == (
        "Nytt namn",
        "KS/2025:12",
        PlanStatus.DRAFT,
    )


def test_an_adopted_plan_cannot_be_changed(world: World, coordinator: User) -> None:
    assert world.plan.status == PlanStatus.ADOPTED
    with pytest.raises(services.PlanNotEditable):
        services.goal_create(
            user=coordinator, plan=world.plan, fields=GoalFields(number=2, title="Ny")
        )
    with pytest.raises(services.PlanNotEditable):
        services.activity_update(
            user=coordinator,
            activity=world.activity,
            fields=ActivityFields(description="Ändrad"),
            expected_version=services.version_token(world.activity),
        )
    assert world.plan.goals.count() == 1
    world.activity.refresh_from_db()
    assert world.activity.description == "Informera föräldrar."


# --- goals and prerequisites --------------------------------------------------


def test_a_goal_number_already_in_the_plan_is_refused_on_the_number_field(
    plan: Plan, coordinator: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.goal_create(user=coordinator, plan=plan, fields=GoalFields(number=1, title="X"))
    assert messages_of(error) == {
        "number": ["Det finns redan en målbild med nummer 1 i planen. Välj ett annat nummer."]
    }


def test_moving_a_goal_up_numbers_all_goals_in_their_new_order(
    plan: Plan, world: World, coordinator: User
) -> None:
    second = Goal.objects.create(plan=plan, number=2, title="Två")
    fifth = Goal.objects.create(plan=plan, number=5, title="Fem")
    assert services.goal_move(user=coordinator, goal=fifth, direction="up")
    numbers = dict(plan.goals.values_list("pk", "number"))
    assert numbers == {world.goal.pk: 1, fifth.pk: 2, second.pk: 3}
    assert fifth.history.latest().history_user == coordinator


def test_moving_the_first_goal_up_changes_nothing(
    plan: Plan, world: World, coordinator: User
) -> None:
    assert not services.goal_move(user=coordinator, goal=world.goal, direction="up")
    assert list(plan.goals.values_list("number", flat=True)) == [1]


def test_deleting_a_goal_deletes_its_parts_and_names_the_user_for_each(
    plan: Plan, world: World, coordinator: User
) -> None:
    assignment_ids = list(world.activity.assignments.values_list("pk", flat=True))
    services.goal_delete(
        user=coordinator, goal=world.goal, expected_version=services.version_token(world.goal)
    )
    assert not Goal.objects.filter(plan=plan).exists()
    assert not Activity.objects.filter(plan=plan).exists()
    assert not Measure.objects.filter(plan=plan).exists()
    deletions = [
        *Goal.history.filter(history_type="-"),
        *Activity.history.filter(history_type="-"),
        *ActivityActor.history.filter(history_type="-", id__in=assignment_ids),
        *Measure.history.filter(history_type="-"),
        *Prerequisite.history.filter(history_type="-"),
    ]
    assert len(deletions) == 6
    assert {record.history_user for record in deletions} == {coordinator}


def test_prerequisites_are_added_last_changed_and_removed(
    plan: Plan, world: World, coordinator: User
) -> None:
    added = services.prerequisite_create(
        user=coordinator, goal=world.goal, fields=PrerequisiteFields(text="Rutiner finns.")
    )
    assert list(world.goal.prerequisites.values_list("text", flat=True))[-1] == "Rutiner finns."
    services.prerequisite_update(
        user=coordinator,
        prerequisite=added,
        fields=PrerequisiteFields(text="Rutiner finns och är kända."),
        expected_version=services.version_token(added),
    )
    added.refresh_from_db()
    assert added.text == "Rutiner finns och är kända."
    services.prerequisite_delete(
        user=coordinator, prerequisite=added, expected_version=services.version_token(added)
    )
    assert not Prerequisite.objects.filter(pk=added.pk).exists()


# --- activities ---------------------------------------------------------------


def test_an_activity_gets_its_responsible_actors_and_lead(
    plan: Plan, world: World, coordinator: User
) -> None:
    activity = services.activity_create(
        user=coordinator,
        plan=plan,
        fields=ActivityFields(
            goal=world.goal,
            description="Utbilda personal.",
            responsible_actors=[world.school, world.social],
            lead=world.school,
        ),
    )
    assert set(activity.responsible_actors.all()) == {world.school, world.social}
    assert lead_of(activity) == world.school.pk
    assert activity.position == 1  # after the goal's first activity
    assert activity.history.get().history_user == coordinator


def test_the_lead_must_be_one_of_the_responsible_actors(
    plan: Plan, world: World, coordinator: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=coordinator,
            plan=plan,
            fields=ActivityFields(
                description="Utbilda.", responsible_actors=[world.social], lead=world.school
            ),
        )
    assert (
        "Utbildningsnämnden är inte en av de ansvariga aktörerna" in (messages_of(error)["lead"][0])
    )
    assert plan.activities.count() == 1


def test_an_actor_of_another_organisation_cannot_be_responsible(
    plan: Plan, world: World, coordinator: User
) -> None:
    foreign = world.other_plan.responsibilities.get().actor
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=coordinator,
            plan=plan,
            fields=ActivityFields(description="Utbilda.", responsible_actors=[foreign]),
        )
    assert messages_of(error)["responsible_actors"] == ["Välj en aktör i den egna organisationen."]


def test_an_activity_cannot_end_before_it_starts(plan: Plan, coordinator: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=coordinator,
            plan=plan,
            fields=ActivityFields(
                description="Utbilda.",
                starts_on=datetime.date(2025, 5, 1),
                due_on=datetime.date(2025, 4, 1),
            ),
        )
    assert messages_of(error) == {"due_on": ["Slutdatumet kan inte ligga före startdatumet."]}


def test_a_personnummer_in_an_activity_description_is_refused_and_nothing_is_saved(
    plan: Plan, world: World, coordinator: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.activity_update(
            user=coordinator,
            activity=world.activity,
            fields=ActivityFields(description=f"Stöd till {PERSONNUMMER}."),
            expected_version=services.version_token(world.activity),
        )
    assert "personnummer" in messages_of(error)["description"][0]
    world.activity.refresh_from_db()
    assert world.activity.description == "Informera föräldrar."
    assert world.activity.assignments.count() == 2


def test_changing_the_lead_moves_the_mark_and_keeps_the_order_of_kept_actors(
    plan: Plan, world: World, coordinator: User
) -> None:
    third = make_actor(world.organization, "Kultur- och fritidsnämnden")
    services.activity_update(
        user=coordinator,
        activity=world.activity,
        fields=ActivityFields(
            description="Informera föräldrar.",
            goal=world.goal,
            responsible_actors=[third, world.school, world.social],
            lead=world.school,
        ),
        expected_version=services.version_token(world.activity),
    )
    rows = list(world.activity.assignments.order_by("position"))
    assert [(row.actor, row.is_lead) for row in rows] == [
        (world.social, False),
        (world.school, True),
        (third, False),
    ]


def test_removing_every_responsible_actor_leaves_no_lead(
    plan: Plan, world: World, coordinator: User
) -> None:
    services.activity_update(
        user=coordinator,
        activity=world.activity,
        fields=ActivityFields(description="Informera föräldrar.", goal=world.goal),
        expected_version=services.version_token(world.activity),
    )
    assert not world.activity.assignments.exists()


def test_moving_an_activity_down_swaps_it_with_the_next(
    plan: Plan, world: World, coordinator: User
) -> None:
    second = Activity.objects.create(plan=plan, goal=world.goal, description="Två", position=0)
    ordered = list(plan.activities.filter(goal=world.goal).order_by("position", "pk"))
    assert ordered == [world.activity, second]
    assert services.activity_move(user=coordinator, activity=world.activity, direction="down")
    ordered = list(plan.activities.filter(goal=world.goal).order_by("position", "pk"))
    assert ordered == [second, world.activity]
    assert not services.activity_move(user=coordinator, activity=world.activity, direction="down")


def test_moving_an_activity_to_another_goal_puts_it_last_there(
    plan: Plan, world: World, coordinator: User
) -> None:
    other_goal = Goal.objects.create(plan=plan, number=2, title="Två")
    Activity.objects.create(plan=plan, goal=other_goal, description="Redan där", position=4)
    activity = services.activity_update(
        user=coordinator,
        activity=world.activity,
        fields=ActivityFields(description="Informera föräldrar.", goal=other_goal),
        expected_version=services.version_token(world.activity),
    )
    assert (activity.goal, activity.position) == (other_goal, 5)


# --- concurrent edits ---------------------------------------------------------


def test_a_save_based_on_an_older_version_is_refused_and_shows_what_was_saved(
    plan: Plan, world: World, coordinator: User
) -> None:
    token = services.version_token(world.activity)
    colleague = world.users["administrator"]
    services.activity_update(
        user=colleague,
        activity=world.activity,
        fields=ActivityFields(
            description="Kollegans text.",
            goal=world.goal,
            responsible_actors=[world.social, world.school],
            lead=world.social,
            status="ongoing",
        ),
        expected_version=token,
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.activity_update(
            user=coordinator,
            activity=world.activity,
            fields=ActivityFields(description="Min text.", goal=world.goal),
            expected_version=token,
        )
    saved = {(item.label, item.value) for item in conflict.value.saved}
    assert saved == {("Beskrivning", "Kollegans text."), ("Status", "Pågår")}
    assert conflict.value.saved_by == "admin"
    assert conflict.value.current_token == services.version_token(world.activity)
    world.activity.refresh_from_db()
    assert world.activity.description == "Kollegans text."
    assert world.activity.assignments.count() == 2


def test_a_concurrent_change_of_responsible_actors_is_reported(
    plan: Plan, world: World, coordinator: User
) -> None:
    token = services.version_token(world.activity)
    services.activity_update(
        user=world.users["administrator"],
        activity=world.activity,
        fields=ActivityFields(
            description="Informera föräldrar.",
            goal=world.goal,
            responsible_actors=[world.school],
            lead=world.school,
        ),
        expected_version=token,
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.activity_update(
            user=coordinator,
            activity=world.activity,
            fields=ActivityFields(description="Informera föräldrar.", goal=world.goal),
            expected_version=token,
        )
    assert [(item.label, item.value) for item in conflict.value.saved] == [
        ("Ansvariga aktörer", "Utbildningsnämnden (leder)")
    ]


def test_a_move_meanwhile_does_not_block_an_edit(
    plan: Plan, world: World, coordinator: User
) -> None:
    Activity.objects.create(plan=plan, goal=world.goal, description="Två", position=5)
    token = services.version_token(world.activity)
    services.activity_move(user=coordinator, activity=world.activity, direction="down")
    services.activity_update(
        user=coordinator,
        activity=world.activity,
        fields=ActivityFields(
            description="Ändrad.",
            goal=world.goal,
            responsible_actors=[world.social],
            lead=world.social,
        ),
        expected_version=token,
    )
    world.activity.refresh_from_db()
    assert (world.activity.description, world.activity.position) == ("Ändrad.", 1)


def test_deleting_what_someone_changed_meanwhile_is_refused(
    plan: Plan, world: World, coordinator: User
) -> None:
    token = services.version_token(world.measure)
    services.measure_update(
        user=world.users["administrator"],
        measure=world.measure,
        fields=MeasureFields(statement="Ny formulering.", direction="increase", goal=world.goal),
        expected_version=token,
    )
    with pytest.raises(services.EditConflict):
        services.measure_delete(user=coordinator, measure=world.measure, expected_version=token)
    assert Measure.objects.filter(pk=world.measure.pk).exists()


# --- measures and responsibilities --------------------------------------------


def test_a_measure_cannot_hang_under_another_plans_goal(
    plan: Plan, world: World, coordinator: User
) -> None:
    foreign_goal = world.other_plan.goals.get()
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            user=coordinator,
            plan=plan,
            fields=MeasureFields(statement="Andel", direction="increase", goal=foreign_goal),
        )
    assert messages_of(error) == {"goal": ["Målbilden måste höra till samma plan."]}


def test_a_responsibility_is_followed_up_by_an_actor_of_the_organisation(
    plan: Plan, world: World, coordinator: User
) -> None:
    foreign = world.other_plan.responsibilities.get().actor
    with pytest.raises(ValidationError) as error:
        services.responsibility_create(
            user=coordinator,
            plan=plan,
            fields=ResponsibilityFields(actor=world.school, text="Ansvar.", followed_up_by=foreign),
        )
    assert list(messages_of(error)) == ["followed_up_by"]
    created = services.responsibility_create(
        user=coordinator,
        plan=plan,
        fields=ResponsibilityFields(
            actor=world.school, text="Ansvar.", followed_up_by=world.social
        ),
    )
    assert created.position == 1
    assert Responsibility.objects.filter(plan=plan).count() == 2


# --- what follow-up holds on to ----------------------------------------------


def test_a_followed_up_activity_is_not_deleted_and_neither_is_anything_with_its_goal(
    plan: Plan, world: World, coordinator: User
) -> None:
    followed_up(world, plan, world.activity)
    with pytest.raises(ValidationError) as error:
        services.goal_delete(
            user=coordinator,
            goal=world.goal,
            expected_version=services.version_token(world.goal),
        )
    assert "uppföljning kopplad till det" in error.value.messages[0]
    assert Goal.objects.filter(pk=world.goal.pk).exists()
    assert world.activity.assignments.count() == 2
    assert world.goal.prerequisites.count() == 1
