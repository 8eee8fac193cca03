"""The co-organiser rule as a pure function: flagged exactly when the
participants come from more than one administration and the coordinating
actor is not among the organisers."""

from __future__ import annotations

import pytest

from handlingskraft.organizations.models import ActorKind
from handlingskraft.training.rules import (
    ActorRef,
    administration_count,
    administration_key,
    breaks_coorganiser_rule,
)

BOARD = ActorRef(1, ActorKind.COMMITTEE)
SOCIAL = ActorRef(2, ActorKind.COMMITTEE)
SCHOOL = ActorRef(3, ActorKind.COMMITTEE)
SOCIAL_ADMINISTRATION = ActorRef(12, ActorKind.ADMINISTRATION, serves_id=2)
CENTRE = ActorRef(10, ActorKind.ADMINISTRATION, serves_id=1)
LONE_ADMINISTRATION = ActorRef(20, ActorKind.ADMINISTRATION)
POLICE = ActorRef(30, ActorKind.EXTERNAL_PARTNER)
COMPANY = ActorRef(31, ActorKind.MUNICIPAL_COMPANY)
WORKING_GROUP = ActorRef(32, ActorKind.WORKING_GROUP)


def test_a_committee_and_the_administration_serving_it_are_one_administration():
    assert administration_key(SOCIAL) == administration_key(SOCIAL_ADMINISTRATION) == 2
    assert administration_count([SOCIAL, SOCIAL_ADMINISTRATION]) == 1


def test_an_administration_serving_no_committee_is_its_own():
    assert administration_key(LONE_ADMINISTRATION) == 20


@pytest.mark.parametrize("actor", [POLICE, COMPANY, WORKING_GROUP])
def test_partners_companies_and_working_groups_are_no_administration(actor: ActorRef):
    assert administration_key(actor) is None
    assert administration_count([SOCIAL, actor]) == 1


@pytest.mark.parametrize(
    ("participating", "organisers", "broken"),
    [
        # Two administrations, the centre not organising: broken.
        ([SOCIAL, SCHOOL], [SOCIAL.pk], True),
        ([SOCIAL_ADMINISTRATION, SCHOOL], [], True),
        # The centre among the organisers: kept.
        ([SOCIAL, SCHOOL], [SOCIAL.pk, CENTRE.pk], False),
        # One administration, in two guises: kept.
        ([SOCIAL, SOCIAL_ADMINISTRATION], [SOCIAL.pk], False),
        # One administration and external partners: kept.
        ([SCHOOL, POLICE, COMPANY], [SCHOOL.pk], False),
        # No participants at all: kept.
        ([], [], False),
        # The board and the centre, which is part of the board's administration,
        # count as one; a third administration makes two.
        ([BOARD, CENTRE], [], False),
        ([BOARD, CENTRE, SCHOOL], [BOARD.pk], True),
    ],
)
def test_the_rule_is_broken_exactly_when_several_administrations_lack_the_centre(
    participating: list[ActorRef], organisers: list[int], broken: bool
):
    assert breaks_coorganiser_rule(participating, organisers, CENTRE.pk) is broken


def test_without_a_coordinating_actor_nothing_is_flagged():
    assert breaks_coorganiser_rule([SOCIAL, SCHOOL], [], None) is False
