"""The follow-up flow through its services: open, report, review, lock, reopen."""

from __future__ import annotations

import pytest

from handlingskraft.conftest import World
from handlingskraft.followup.defaults import assessment_options, status_options
from handlingskraft.followup.models import (
    FollowUpRound,
    ReportingTask,
    RoundEvent,
    RoundState,
    StatusOption,
    StatusReport,
    TaskState,
)
from handlingskraft.followup.services import (
    FollowUpError,
    ReportConflict,
    ReportInput,
    assessment_save,
    consolidation_save,
    current_report,
    report_review,
    report_save,
    round_lock,
    round_open,
    round_reopen,
)
from handlingskraft.plans.models import Activity, ActivityActor, ActivityStatus, Responsibility

from .conftest import round_input

pytestmark = pytest.mark.django_db


def task_of(round: FollowUpRound, world: World, actor_name: str = "Socialnämnden") -> ReportingTask:
    return round.tasks.get(activity=world.activity, actor__name=actor_name)


def test_opening_creates_a_task_per_activity_and_actor_and_per_responsibility(world: World):
    extra = Activity.objects.create(plan=world.plan, description="Föra statistik.")
    ActivityActor.objects.create(activity=extra, actor=world.school)
    Responsibility.objects.create(plan=world.plan, actor=world.school, text="Skolans ansvar.")
    round = round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())
    assignments = ActivityActor.objects.filter(activity__plan=world.plan).count()
    responsibilities = world.plan.responsibilities.count()
    assert round.tasks.count() == assignments + responsibilities == 5
    assert set(round.tasks.values_list("state", flat=True)) == {TaskState.NOT_STARTED}
    assert round.events.get().action == RoundEvent.Action.OPENED
    assert round.tasks.first().history.count() == 1


def test_a_round_with_its_deadline_before_opening_is_refused(world: World):
    with pytest.raises(FollowUpError, match="före öppningsdagen"):
        round_open(
            plan=world.plan,
            user=world.users["coordinator"],
            data=round_input(deadline=round_input().opens_on.replace(day=1)),
        )
    assert not FollowUpRound.objects.exists()


def test_the_whole_flow_from_draft_to_reopening(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    reporter, coordinator = world.users["reporter"], world.users["coordinator"]
    task = task_of(round, world)
    draft = ReportInput(status=statuses["ongoing"], done="Informationsträffar hölls.")
    report_save(task=task, user=reporter, data=draft, based_on=0, submit=False)
    task.refresh_from_db()
    assert task.state == TaskState.DRAFT
    report_save(task=task, user=reporter, data=draft, based_on=1, submit=True)
    task.refresh_from_db()
    assert task.state == TaskState.SUBMITTED
    with pytest.raises(FollowUpError, match="Skriv vad som behöver kompletteras"):
        report_review(task=task, user=coordinator, approve=False)
    report_review(task=task, user=coordinator, approve=False, comment="Hur många deltog?")
    task.refresh_from_db()
    assert task.state == TaskState.RETURNED
    completed = ReportInput(status=statuses["completed"], done="Tre träffar, 40 deltagare.")
    report_save(task=task, user=reporter, data=completed, based_on=2, submit=True)
    report_review(task=task, user=coordinator, approve=True)
    task.refresh_from_db()
    assert task.state == TaskState.APPROVED
    with pytest.raises(FollowUpError, match="inte godkända"):
        round_lock(round=round, user=coordinator)
    for other in round.tasks.exclude(pk=task.pk):
        report_save(task=other, user=coordinator, data=completed, based_on=0, submit=True)
        report_review(task=other, user=coordinator, approve=True)
    round_lock(round=round, user=coordinator)
    round.refresh_from_db()
    assert (round.state, round.closed_with_missing) == (RoundState.LOCKED, False)
    with pytest.raises(FollowUpError, match="låst"):
        report_save(task=task, user=reporter, data=draft, based_on=3, submit=False)
    with pytest.raises(FollowUpError, match="Ange varför"):
        round_reopen(round=round, user=coordinator, reason="  ")
    round_reopen(round=round, user=coordinator, reason="Fel siffror i socialnämndens rapport.")
    event = round.events.order_by("-pk").first()
    assert event is not None
    assert (event.action, event.reason, event.user) == (
        RoundEvent.Action.REOPENED,
        "Fel siffror i socialnämndens rapport.",
        coordinator,
    )
    assert [r.number for r in task.reports.order_by("number")] == [1, 2, 3]


def test_a_submitted_report_cannot_be_changed_until_returned(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    task = task_of(round, world)
    data = ReportInput(status=statuses["ongoing"])
    report_save(task=task, user=world.users["reporter"], data=data, based_on=0, submit=True)
    with pytest.raises(FollowUpError, match="inskickad"):
        report_save(task=task, user=world.users["reporter"], data=data, based_on=1, submit=False)


def test_submitting_needs_a_status(world: World, round: FollowUpRound):
    with pytest.raises(FollowUpError, match="Välj en status"):
        report_save(
            task=task_of(round, world),
            user=world.users["reporter"],
            data=ReportInput(status=None, done="Text"),
            based_on=0,
            submit=True,
        )


def test_the_second_of_two_concurrent_saves_is_refused_and_both_texts_are_kept(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    task = task_of(round, world)
    first = ReportInput(status=statuses["ongoing"], done="Första personens text.")
    second = ReportInput(status=statuses["ongoing"], done="Andra personens text.")
    report_save(task=task, user=world.users["reporter"], data=first, based_on=0, submit=False)
    with pytest.raises(ReportConflict) as caught:
        report_save(
            task=task, user=world.users["coordinator"], data=second, based_on=0, submit=False
        )
    assert caught.value.theirs.done == "Första personens text."
    assert caught.value.mine.done == "Andra personens text."
    current = current_report(task)
    assert current is not None and current.done == "Första personens text."
    kept = StatusReport.objects.filter(task=task).values_list("done", "is_conflict")
    assert sorted(kept) == [("Andra personens text.", True), ("Första personens text.", False)]


def test_locking_with_missing_reports_is_a_choice_the_round_remembers(
    world: World, round: FollowUpRound
):
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    round.refresh_from_db()
    assert round.closed_with_missing is True


def test_locking_makes_the_consolidated_status_the_activitys_status(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    consolidation_save(
        round=round,
        activity=world.activity,
        user=world.users["reporter"],
        status=statuses["delayed"],
        text="Försenad på grund av vakanser.",
        based_on=0,
    )
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    world.activity.refresh_from_db()
    assert world.activity.status == ActivityStatus.DELAYED
    assert world.activity.status_note == "Försenad på grund av vakanser."
    assert world.activity.status_date == round.period_end


def test_a_single_actors_approved_report_becomes_the_activitys_status(
    world: World, statuses: dict[str, StatusOption]
):
    ActivityActor.objects.filter(activity=world.activity, actor=world.school).delete()
    round = round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())
    task = task_of(round, world)
    data = ReportInput(status=statuses["completed"], done="Klart.")
    report_save(task=task, user=world.users["reporter"], data=data, based_on=0, submit=True)
    report_review(task=task, user=world.users["coordinator"], approve=True)
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    world.activity.refresh_from_db()
    assert (world.activity.status, world.activity.status_note) == (
        ActivityStatus.COMPLETED,
        "Klart.",
    )


def test_a_consolidation_conflict_keeps_both_texts(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    kwargs = {"round": round, "activity": world.activity, "status": statuses["ongoing"]}
    consolidation_save(user=world.users["reporter"], text="A", based_on=0, **kwargs)
    with pytest.raises(ReportConflict):
        consolidation_save(user=world.users["coordinator"], text="B", based_on=0, **kwargs)
    assert sorted(round.consolidations.values_list("text", "is_conflict")) == [
        ("A", False),
        ("B", True),
    ]


def test_assessments_are_written_per_goal_and_measure_and_rewritten(
    world: World, round: FollowUpRound
):
    fulfilled, partly = assessment_options(world.organization)[:2]
    user = world.users["coordinator"]
    assessment_save(round=round, user=user, subject=world.goal, option=fulfilled, analysis="Bra.")
    assessment_save(round=round, user=user, subject=world.goal, option=partly, analysis="Delvis.")
    assessment_save(
        round=round, user=user, subject=world.measure, option=None, analysis="Data saknas."
    )
    assert round.assessments.count() == 2
    assert round.assessments.get(goal=world.goal).option == partly


def test_the_default_lists_are_created_once(world: World):
    assert [o.label for o in status_options(world.organization)] == [
        "Ej påbörjad",
        "Pågår",
        "Genomförd",
        "Försenad",
        "Avbruten",
    ]
    assert len(status_options(world.organization)) == 5
    assert [o.label for o in assessment_options(world.organization)] == [
        "Uppfyllt",
        "Delvis uppfyllt",
        "Ej uppfyllt",
        "Kan ej bedömas",
    ]


def test_a_save_based_on_an_old_version_is_kept_even_if_the_report_was_submitted_meanwhile(
    world: World, round: FollowUpRound, statuses: dict[str, StatusOption]
):
    task = task_of(round, world)
    submitted = ReportInput(status=statuses["completed"], done="Inskickat av samordnaren.")
    report_save(task=task, user=world.users["coordinator"], data=submitted, based_on=0, submit=True)
    late = ReportInput(status=None, done="Rapportörens text, skriven samtidigt.")
    with pytest.raises(ReportConflict) as caught:
        report_save(task=task, user=world.users["reporter"], data=late, based_on=0, submit=False)
    assert caught.value.theirs.done == "Inskickat av samordnaren."
    assert StatusReport.objects.get(task=task, is_conflict=True).done == late.done
    task.refresh_from_db()
    assert task.state == TaskState.SUBMITTED
