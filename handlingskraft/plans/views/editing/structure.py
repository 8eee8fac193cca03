"""Editing a plan's goals (målbilder, utvecklingsområden …) and their prerequisites."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans import services
from handlingskraft.plans.forms import GoalForm, PrerequisiteForm
from handlingskraft.plans.models import Goal, Prerequisite

from .common import (
    FormPage,
    acting_user,
    editing_plan,
    expected_version,
    handle_delete,
    handle_form,
    handle_move,
    item_or_404,
    not_editable,
    posted,
    short,
)


@requires(Capability.EDIT_PLAN)
def goal_create(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    plan = editing_plan(request, organization, plan_slug)
    if not plan.is_editable:
        return not_editable(request, plan)
    form = GoalForm(posted(request), instance=Goal(plan=plan), plan=plan)
    page = FormPage(
        heading=_("Lägg till %(label)s") % {"label": plan.section_label},
        success_message=_("Tillagt i planen."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.goal_create(
            user=acting_user(request),
            plan=plan,
            fields=services.fields_from(services.GoalFields, data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def goal_update(
    request: HttpRequest, organization: Organization, plan_slug: str, goal_id: int
) -> HttpResponse:
    goal = item_or_404(Goal, organization, plan_slug, goal_id)
    plan = goal.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    form = GoalForm(
        posted(request),
        instance=goal,
        plan=plan,
        initial={"version_token": services.version_token(goal)},
    )
    page = FormPage(
        heading=_("Redigera %(label)s %(number)s")
        % {"label": plan.section_label, "number": goal.number},
        success_message=_("Ändringen är sparad."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.goal_update(
            user=acting_user(request),
            goal=goal,
            fields=services.fields_from(services.GoalFields, data),
            expected_version=expected_version(data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def goal_delete(
    request: HttpRequest, organization: Organization, plan_slug: str, goal_id: int
) -> HttpResponse:
    goal = item_or_404(Goal, organization, plan_slug, goal_id)
    plan = goal.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    contents = _goal_contents(goal)
    consequences = (
        [_("Med den tas också bort: %(items)s.") % {"items": ", ".join(contents)}]
        if contents
        else []
    )
    return handle_delete(
        request,
        plan=plan,
        obj=goal,
        heading=_("Ta bort %(label)s %(number)s?")
        % {"label": plan.section_label, "number": goal.number},
        description=short(goal.title),
        consequences=consequences,
        delete=lambda token: services.goal_delete(
            user=acting_user(request), goal=goal, expected_version=token
        ),
    )


def _goal_contents(goal: Goal) -> list[str]:
    """What goes with a goal: "2 förutsättningar, 1 mått, 3 aktiviteter"."""
    plan = goal.plan
    prerequisites = goal.prerequisites.count()
    measures = goal.measures.count()
    activities = goal.activities.count()
    contents = []
    if prerequisites:
        contents.append(
            ngettext("%(count)d förutsättning", "%(count)d förutsättningar", prerequisites)
            % {"count": prerequisites}
        )
    if measures:
        contents.append(
            ngettext("%(count)d mått", "%(count)d mått", measures) % {"count": measures}
        )
    if activities:
        label = plan.activity_label if activities == 1 else plan.activity_label_plural
        contents.append(f"{activities} {label}")
    return contents


@requires(Capability.EDIT_PLAN)
def goal_move(
    request: HttpRequest, organization: Organization, plan_slug: str, goal_id: int
) -> HttpResponse:
    goal = item_or_404(Goal, organization, plan_slug, goal_id)
    return handle_move(
        request,
        plan=goal.plan,
        anchor=f"del-{goal.pk}",
        move=lambda direction: services.goal_move(
            user=acting_user(request), goal=goal, direction=direction
        ),
    )


# --- prerequisites ------------------------------------------------------------


@requires(Capability.EDIT_PLAN)
def prerequisite_create(
    request: HttpRequest, organization: Organization, plan_slug: str, goal_id: int
) -> HttpResponse:
    goal = item_or_404(Goal, organization, plan_slug, goal_id)
    plan = goal.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    form = PrerequisiteForm(posted(request), instance=Prerequisite(goal=goal))
    page = FormPage(
        heading=_("Lägg till förutsättning för %(label)s %(number)s")
        % {"label": plan.section_label, "number": goal.number},
        intro=goal.title,
        success_message=_("Tillagt i planen."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.prerequisite_create(
            user=acting_user(request),
            goal=goal,
            fields=services.fields_from(services.PrerequisiteFields, data),
        ),
    )


def _prerequisite(organization: Organization, plan_slug: str, pk: int) -> Prerequisite:
    return item_or_404(Prerequisite, organization, plan_slug, pk, via="goal__")


@requires(Capability.EDIT_PLAN)
def prerequisite_update(
    request: HttpRequest, organization: Organization, plan_slug: str, prerequisite_id: int
) -> HttpResponse:
    prerequisite = _prerequisite(organization, plan_slug, prerequisite_id)
    goal = prerequisite.goal
    plan = goal.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    form = PrerequisiteForm(
        posted(request),
        instance=prerequisite,
        initial={"version_token": services.version_token(prerequisite)},
    )
    page = FormPage(
        heading=_("Redigera förutsättning för %(label)s %(number)s")
        % {"label": plan.section_label, "number": goal.number},
        intro=goal.title,
        success_message=_("Ändringen är sparad."),
    )
    return handle_form(
        request,
        plan=plan,
        form=form,
        page=page,
        save=lambda data: services.prerequisite_update(
            user=acting_user(request),
            prerequisite=prerequisite,
            fields=services.fields_from(services.PrerequisiteFields, data),
            expected_version=expected_version(data),
        ),
    )


@requires(Capability.EDIT_PLAN)
def prerequisite_delete(
    request: HttpRequest, organization: Organization, plan_slug: str, prerequisite_id: int
) -> HttpResponse:
    prerequisite = _prerequisite(organization, plan_slug, prerequisite_id)
    plan = prerequisite.goal.plan
    if not plan.is_editable:
        return not_editable(request, plan)
    return handle_delete(
        request,
        plan=plan,
        obj=prerequisite,
        heading=_("Ta bort förutsättningen?"),
        description=short(prerequisite.text),
        consequences=[],
        delete=lambda token: services.prerequisite_delete(
            user=acting_user(request), prerequisite=prerequisite, expected_version=token
        ),
    )
