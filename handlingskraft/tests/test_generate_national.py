"""The national data generator (bench/national.py, `manage.py generate_national`):
the shapes the issue asks for, whole organisations only, a larger scale built
on a smaller one, and pages whose query counts do not grow with the data."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.national import YEARS, generate, organizations_at, round_calendar
from handlingskraft.accounts.models import Membership, Role
from handlingskraft.followup.models import (
    FollowUpRound,
    ReportingTask,
    RoundState,
    StatusReport,
    TaskState,
)
from handlingskraft.organizations.models import Organization, Unit
from handlingskraft.plans.models import Activity, Plan

pytestmark = pytest.mark.django_db


def test_scale_one_is_every_municipality() -> None:
    assert organizations_at(1) == 290
    assert organizations_at(0.1) == 29
    assert organizations_at(0.001) == 1
    with pytest.raises(ValueError):
        organizations_at(0)


def test_the_calendar_is_ten_years_of_tertials_and_annual_rounds() -> None:
    calendar = round_calendar()
    assert len({spec.year for spec in calendar}) == YEARS
    assert sum(spec.kind == "annual" for spec in calendar) == YEARS - 1
    assert sum(spec.kind == "tertial" for spec in calendar) == 2 * YEARS
    ends = [spec.period_end for spec in calendar]
    assert len(set(ends)) == len(ends)


def test_generated_organisations_have_the_asked_for_shapes() -> None:
    made, sizes = generate(0.01)
    assert made == 3
    organizations = Organization.objects.filter(slug__startswith="gen-")
    assert organizations.count() == 3
    for organization in organizations:
        plan = Plan.objects.get(organization=organization)
        assert 4 <= plan.goals.count() <= 8
        assert 15 <= plan.activities.count() <= 60
        assert 5 <= organization.actors.count() <= 15
        assert 20 <= Unit.objects.filter(actor__organization=organization).count() <= 200
        rounds = list(FollowUpRound.objects.filter(plan=plan).order_by("period_end", "kind"))
        assert len(rounds) == len(round_calendar())
        assert [r.state for r in rounds].count(RoundState.OPEN) == 1
        assert rounds[-1].state == RoundState.OPEN
    assert sizes.counts["organisationer"] == 3
    assert sizes.counts["rapporteringsuppgifter"] == ReportingTask.objects.count()


def test_every_task_of_an_approved_round_has_one_submitted_report() -> None:
    generate(0.004)
    locked = ReportingTask.objects.filter(round__state=RoundState.LOCKED)
    assert locked.exclude(state=TaskState.APPROVED).count() == 0
    counts = locked.annotate(n=Count("reports")).values_list("n", flat=True)
    assert set(counts) == {1}
    assert not StatusReport.objects.filter(task__in=locked, submitted=False).exists()
    untouched = ReportingTask.objects.filter(
        round__state=RoundState.OPEN, state=TaskState.NOT_STARTED
    )
    assert not StatusReport.objects.filter(task__in=untouched).exists()


def test_activities_carry_the_last_approved_status() -> None:
    generate(0.004)
    assert not Activity.objects.filter(status="").exists()


def test_a_larger_scale_adds_only_what_is_missing() -> None:
    generate(0.004)
    tasks = ReportingTask.objects.count()
    made, _sizes = generate(0.004)
    assert made == 0
    assert ReportingTask.objects.count() == tasks
    made, _sizes = generate(0.008)
    assert made == 1
    slugs = Organization.objects.filter(slug__startswith="gen-").values_list("slug", flat=True)
    assert sorted(slugs) == ["gen-001", "gen-002"]


def test_the_command_reports_its_sizes_and_refuses_a_bad_scale() -> None:
    out = io.StringIO()
    call_command("generate_national", scale=0.004, stdout=out)
    assert "1 nya kommuner" in out.getvalue()
    assert "rapporteringsuppgifter:" in out.getvalue()
    with pytest.raises(CommandError, match="Skalan"):
        call_command("generate_national", scale=0)


def _queries(client: Client, url: str) -> int:
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_page_queries_do_not_grow_with_the_number_of_organisations() -> None:
    """The benchmark compares scale 0.1 with 1; here, one municipality with three."""
    generate(0.004)
    organization = Organization.objects.get(slug="gen-001")
    plan = Plan.objects.get(organization=organization)
    open_round = FollowUpRound.objects.get(plan=plan, state=RoundState.OPEN)
    coordinator = Membership.objects.get(organization=organization, role=Role.COORDINATOR).user
    client = Client()
    client.force_login(coordinator)
    anonymous = Client()
    internal = [
        "/gen-001/",
        "/gen-001/planer/handlingsplan/",
        "/gen-001/planer/handlingsplan/aktiviteter/",
        f"/gen-001/uppfoljning/{open_round.pk}/",
    ]
    public = ["/offentligt/gen-001/planer/handlingsplan/", "/offentligt/jamforelse/gen-1/"]
    before = [_queries(client, url) for url in internal] + [
        _queries(anonymous, url) for url in public
    ]
    generate(0.01)
    after = [_queries(client, url) for url in internal] + [
        _queries(anonymous, url) for url in public
    ]
    assert Organization.objects.filter(slug__startswith="gen-").count() == 3
    assert after == before
