"""Haninge's report-back of June 2023 as a locked round."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from handlingskraft.followup.models import FollowUpRound, RoundState, TaskState
from handlingskraft.followup.seeds import HANINGE_ROUND
from handlingskraft.followup.services import current_reports

pytestmark = pytest.mark.django_db


def test_the_demo_holds_haninges_locked_round_with_the_june_2023_statuses(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    round = FollowUpRound.objects.get(name=HANINGE_ROUND)
    assert round.state == RoundState.LOCKED
    assert round.organization.slug == "haninge"
    assert round.tasks.count() == 7
    assert set(round.tasks.values_list("state", flat=True)) == {TaskState.APPROVED}
    reports = sorted(current_reports(round.tasks.all()), key=lambda r: r.task.activity.position)
    assert [r.status.label for r in reports] == [
        "Genomförd",
        "Genomförd",
        "Pågår",
        "Pågår",
        "Pågår",
        "Ej påbörjad",
        "Genomförd",
    ]
    assert reports[2].done == (
        "Arbete pågår med att ta fram broschyrer och affischer riktade mot barn och unga."
    )
    assert round.period_end.isoformat() == "2023-06-12"


def test_loading_the_demo_twice_keeps_one_haninge_round(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert FollowUpRound.objects.filter(name=HANINGE_ROUND).count() == 1
