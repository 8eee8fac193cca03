from __future__ import annotations

import datetime

import pytest

from handlingskraft.conftest import World
from handlingskraft.followup.defaults import status_options
from handlingskraft.followup.models import FollowUpRound, StatusOption
from handlingskraft.followup.services import RoundInput, round_open


def round_input(**changes: object) -> RoundInput:
    values: dict[str, object] = {
        "kind": "annual",
        "name": "Årsuppföljning 2025",
        "period_start": datetime.date(2025, 1, 1),
        "period_end": datetime.date(2025, 12, 31),
        "opens_on": datetime.date(2026, 1, 10),
        "deadline": datetime.date(2026, 2, 15),
    }
    values.update(changes)
    return RoundInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def round(world: World) -> FollowUpRound:
    return round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())


@pytest.fixture
def statuses(world: World) -> dict[str, StatusOption]:
    return {option.category: option for option in status_options(world.organization)}
