"""The status list of the public plan and round pages (public/_status_groups.html),
with each activity's line about its goal and responsible actors put together
once, in Python: a plan lists hundreds of activities, and a loop over each
one's actors in the template costs more than the rest of the item. The actors
are read as plain rows, not model instances, for the same reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from handlingskraft.plans.models import Activity, ActivityActor, Plan

from .status import ActivityResult, StatusGroup


@dataclass(frozen=True)
class ShownResult:
    result: ActivityResult
    meta: SafeString
    """The activity's goal and its responsible actors, the lead in bold."""


@dataclass(frozen=True)
class ShownGroup:
    group: StatusGroup
    results: list[ShownResult]


def responsible_actors(
    plan: Plan, activities: Sequence[Activity]
) -> dict[int, list[tuple[bool, str]]]:
    """The responsible actors of `activities` (all of the plan version's), in
    the plan's order, as (leads, name); one query, none without activities."""
    if not activities:
        return {}
    rows = (
        ActivityActor.objects.filter(activity__plan=plan)
        .order_by("position", "pk")
        .values_list("activity_id", "is_lead", "actor__name")
    )
    actors: dict[int, list[tuple[bool, str]]] = {}
    for activity_id, is_lead, name in rows:
        actors.setdefault(activity_id, []).append((is_lead, name))
    return actors


def shown_groups(
    groups: list[StatusGroup], plan: Plan, actors: dict[int, list[tuple[bool, str]]]
) -> list[ShownGroup]:
    """The groups with each activity's line ready (in the active language);
    `plan` is the version whose words (what its goals are called) the page uses."""
    section_label = conditional_escape(capfirst(plan.section_label))
    responsible_label = conditional_escape(_("Ansvariga:"))
    leads = format_html(' <span class="visually-hidden">({})</span>', _("leder arbetet"))

    def meta(activity: Activity) -> SafeString:
        goal = f"{section_label} {activity.goal.number}. " if activity.goal is not None else ""
        names = [
            format_html("<strong>{}</strong>{}", name, leads)
            if is_lead
            else conditional_escape(name)
            for is_lead, name in actors.get(activity.pk, [])
        ]
        responsible = f"{responsible_label} {', '.join(names)}" if names else ""
        return mark_safe(goal + responsible)

    return [
        ShownGroup(group, [ShownResult(result, meta(result.activity)) for result in group.results])
        for group in groups
    ]
