"""Trainings on other apps' pages: the trainings linked to each activity of
the activity list (one query for the whole list), and the trainings that
break the co-organiser rule on the organisation's attention list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from handlingskraft.organizations.models import Organization
from handlingskraft.plans.activity_filters import ActivityRow
from handlingskraft.plans.models import Plan

from ..queries import TrainingLink, linked_trainings, settings_of, trainings_breaking_rule

register = template.Library()


@register.simple_tag
def trainings_of_rows(rows: Iterable[ActivityRow], plan: Plan) -> dict[int, list[TrainingLink]]:
    """`{% trainings_of_rows rows plan as trainings %}`: activity id → its
    linked trainings, for every row of the activity list."""
    return linked_trainings((row.activity for row in rows), plan.organization_id)


@register.filter
def trainings_for(trainings: dict[int, list[TrainingLink]], activity_id: int) -> list[TrainingLink]:
    """`{{ trainings|trainings_for:activity.pk }}`: one activity's trainings."""
    return trainings.get(activity_id, [])


@register.inclusion_tag("training/includes/attention.html")
def training_attention(organization: Organization) -> dict[str, Any]:
    """The trainings breaking the co-organiser rule, for the start page's
    attention list (nothing when the organisation names no coordinating actor)."""
    settings = settings_of(organization)
    if settings.coordinating_actor_id is None:
        return {"flagged": []}
    return {
        "organization": organization,
        "coordinating_actor": settings.coordinating_actor,
        "flagged": trainings_breaking_rule(organization, settings.coordinating_actor_id),
    }
