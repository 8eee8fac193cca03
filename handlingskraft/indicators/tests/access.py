"""Who reaches which indicator page. Surveys are sent the first time a URL
needs one (each test case has its own database)."""

from __future__ import annotations

from typing import Any

from handlingskraft.accounts.tests.access_rules import (
    COORDINATORS,
    INTERNAL,
    MEMBERS,
    REPORTERS,
    Access,
    Kwargs,
    org,
)
from handlingskraft.conftest import World

from .conftest import survey_of_plan

# Closing a survey is a POST: GET answers 405 once access is granted.
COORDINATORS_POST_ONLY = {**COORDINATORS, "coordinator": 405, "administrator": 405}


def a_measure(world: World) -> dict[str, Any]:
    return {**org(world), "measure_id": world.measure.pk}


def other_measure(world: World) -> dict[str, Any]:
    return {**org(world), "measure_id": world.other_plan.measures.get().pk}


def a_survey(world: World) -> dict[str, Any]:
    survey = survey_of_plan(world.plan, world.users["coordinator"])
    return {**org(world), "survey_id": survey.pk}


def other_survey(world: World) -> dict[str, Any]:
    survey = survey_of_plan(world.other_plan, world.users["outsider"])
    return {**org(world), "survey_id": survey.pk}


ACCESS: Access = {
    "indicators:measure_list": (org, MEMBERS),
    "indicators:measure_detail": (a_measure, MEMBERS),
    # Without an open follow-up round only the coordinator enters values.
    "indicators:value_create": (a_measure, COORDINATORS),
    "indicators:survey_create": (a_measure, COORDINATORS),
    "indicators:survey_list": (org, MEMBERS),
    "indicators:survey_detail": (a_survey, INTERNAL),
    # The reporter's and the working-group member's actors each have a preschool.
    "indicators:survey_answer": (a_survey, REPORTERS),
    "indicators:survey_close": (a_survey, COORDINATORS_POST_ONLY),
    "indicators:kolada_import": (org, COORDINATORS),
    "indicators:kolada_export": (org, INTERNAL),
}

CROSS_TENANT: dict[str, Kwargs] = {
    "indicators:measure_detail": other_measure,
    "indicators:value_create": other_measure,
    "indicators:survey_create": other_measure,
    "indicators:survey_detail": other_survey,
    "indicators:survey_answer": other_survey,
}
