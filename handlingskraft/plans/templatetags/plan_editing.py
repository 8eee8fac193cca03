"""The edit actions beside a plan's parts: links to the edit forms and the
move buttons, only for those who may edit, and only on an editable version.

Used through templates/plans/edit/_edit_links.html."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import template
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.plans.models import (
    Activity,
    Goal,
    Measure,
    Plan,
    Prerequisite,
    Responsibility,
)

register = template.Library()


@dataclass(frozen=True)
class EditAction:
    """One action: a link, or (with `direction`) a move button in a POST form.
    `context` is read by screen readers after the label ("Redigera" … what)."""

    label: str
    context: str
    url: str
    direction: str = ""


def may_edit(request: HttpRequest | None, plan: Plan) -> bool:
    """Whether the user may edit `plan` now. The capability is looked up once
    per request and organisation, so a page with many parts costs one query."""
    if request is None or not plan.is_editable:
        return False
    cache: dict[int, bool] = request.__dict__.setdefault("_plan_editing_allowed", {})
    if plan.organization_id not in cache:
        capabilities = capabilities_of(request.user, plan.organization)
        cache[plan.organization_id] = Capability.EDIT_PLAN in capabilities
    return cache[plan.organization_id]


@register.simple_tag(takes_context=True)
def edit_actions(
    context: dict[str, Any],
    obj: models.Model,
    plan: Plan | None = None,
    first: bool = False,
    last: bool = False,
) -> list[EditAction]:
    """The actions for `obj` (a plan or one of its parts); none for a user who
    may not edit. `first`/`last` leave out the move that would do nothing."""
    request = context.get("request")
    plan = plan or (obj if isinstance(obj, Plan) else obj.plan)  # type: ignore[attr-defined]
    if not isinstance(plan, Plan) or not may_edit(request, plan):
        return []
    assert request is not None
    builder = _Actions(plan, request.get_full_path())
    actions = builder.for_object(obj)
    if first:
        actions = [action for action in actions if action.direction != "up"]
    if last:
        actions = [action for action in actions if action.direction != "down"]
    return actions


class _Actions:
    def __init__(self, plan: Plan, back: str) -> None:
        self.plan = plan
        self.back = back

    def url(
        self,
        name: str,
        ids: dict[str, int] | None = None,
        *,
        plan_wide: bool = False,
        goal_id: int = 0,
    ) -> str:
        """A link to an edit page that brings the user back here afterwards.
        Plan-wide pages name the version; `goal_id` starts a new item under a goal."""
        query: dict[str, Any] = {"version": self.plan.version} if plan_wide else {}
        if goal_id:
            query["malbild"] = goal_id
        path = reverse(
            f"plans:{name}",
            kwargs={
                "org_slug": self.plan.organization.slug,
                "plan_slug": self.plan.slug,
                **(ids or {}),
            },
        )
        return f"{path}?{urlencode({**query, 'next': self.back})}"

    def for_object(self, obj: models.Model) -> list[EditAction]:
        if isinstance(obj, Plan):
            return self.for_plan()
        if isinstance(obj, Goal):
            return self.for_goal(obj)
        if isinstance(obj, Activity):
            what = _short(obj.description)
            return [
                *self.edit_and_delete("activity", "activity_id", obj.pk, what),
                *self.moves("activity_move", what, activity_id=obj.pk),
            ]
        if isinstance(obj, Measure):
            return self.edit_and_delete("measure", "measure_id", obj.pk, _short(obj.statement))
        if isinstance(obj, Prerequisite):
            return self.edit_and_delete("prerequisite", "prerequisite_id", obj.pk, _short(obj.text))
        if isinstance(obj, Responsibility):
            what = _short(obj.title or obj.actor.name)
            return self.edit_and_delete("responsibility", "responsibility_id", obj.pk, what)
        return []

    def for_plan(self) -> list[EditAction]:
        plan, title = self.plan, self.plan.title
        return [
            EditAction(
                _("Redigera planens uppgifter"), "", self.url("plan_update", plan_wide=True)
            ),
            EditAction(_("Redigera innehållet"), title, self.url("plan_edit", plan_wide=True)),
            EditAction(
                _("Lägg till %(label)s") % {"label": plan.section_label},
                "",
                self.url("goal_create", plan_wide=True),
            ),
            EditAction(
                _("Lägg till %(label)s") % {"label": plan.activity_label},
                _("för hela planen"),
                self.url("activity_create", plan_wide=True),
            ),
            EditAction(
                _("Lägg till mått"),
                _("för hela planen"),
                self.url("measure_create", plan_wide=True),
            ),
            EditAction(
                _("Lägg till ansvar"), "", self.url("responsibility_create", plan_wide=True)
            ),
        ]

    def for_goal(self, goal: Goal) -> list[EditAction]:
        plan = self.plan
        what = f"{plan.section_label} {goal.number}"
        return [
            *self.edit_and_delete("goal", "goal_id", goal.pk, what),
            *self.moves("goal_move", what, goal_id=goal.pk),
            EditAction(
                _("Lägg till förutsättning"),
                _("för %(what)s") % {"what": what},
                self.url("prerequisite_create", {"goal_id": goal.pk}),
            ),
            EditAction(
                _("Lägg till %(label)s") % {"label": plan.activity_label},
                _("under %(what)s") % {"what": what},
                self.url("activity_create", plan_wide=True, goal_id=goal.pk),
            ),
            EditAction(
                _("Lägg till mått"),
                _("för %(what)s") % {"what": what},
                self.url("measure_create", plan_wide=True, goal_id=goal.pk),
            ),
        ]

    def edit_and_delete(self, kind: str, key: str, pk: int, what: str) -> list[EditAction]:
        return [
            EditAction(_("Redigera"), what, self.url(f"{kind}_update", {key: pk})),
            EditAction(_("Ta bort"), what, self.url(f"{kind}_delete", {key: pk})),
        ]

    def moves(self, name: str, what: str, **ids: int) -> list[EditAction]:
        path = reverse(
            f"plans:{name}",
            kwargs={"org_slug": self.plan.organization.slug, "plan_slug": self.plan.slug, **ids},
        )
        return [
            EditAction(_("Flytta upp"), what, path, direction="up"),
            EditAction(_("Flytta ned"), what, path, direction="down"),
        ]


def _short(text: str) -> str:
    return Truncator(" ".join(text.split())).words(8)
