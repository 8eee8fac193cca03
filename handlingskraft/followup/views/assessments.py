"""Assessments: the coordinator's judgement and analysis of each goal and
measure of the round's plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Goal, Measure

from ..defaults import assessment_options
from ..forms import AssessmentForm
from ..models import Assessment, AssessmentOption, FollowUpRound
from ..services import FollowUpError, assessment_save
from ._common import acting_user, has, locked_message, refuse_locked, round_crumbs, round_of


@dataclass
class Subject:
    """A goal or a measure with its assessment form."""

    item: Goal | Measure
    form: AssessmentForm
    assessment: Assessment | None


@dataclass
class Section:
    """A goal and its measures; `goal` is None for measures outside any goal."""

    goal: Subject | None
    measures: list[Subject] = field(default_factory=list)


def _sections(round: FollowUpRound, options: list[AssessmentOption], data: object) -> list[Section]:
    saved = list(round.assessments.select_related("option"))
    by_goal = {a.goal_id: a for a in saved if a.goal_id}
    by_measure = {a.measure_id: a for a in saved if a.measure_id}

    def subject(item: Goal | Measure) -> Subject:
        if isinstance(item, Goal):
            prefix, assessment = f"malbild-{item.pk}", by_goal.get(item.pk)
        else:
            prefix, assessment = f"matt-{item.pk}", by_measure.get(item.pk)
        form = AssessmentForm(data, prefix=prefix, options=options, assessment=assessment)
        return Subject(item=item, form=form, assessment=assessment)

    goals = round.plan.goals.order_by("number").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("position", "pk"))
    )
    sections = [
        Section(goal=subject(goal), measures=[subject(m) for m in goal.measures.all()])
        for goal in goals
    ]
    loose = round.plan.measures.filter(goal=None).order_by("position", "pk")
    if loose:
        sections.append(Section(goal=None, measures=[subject(m) for m in loose]))
    return sections


@requires(Capability.VIEW_INTERNAL)
def assessments(request: HttpRequest, organization: Organization, round_id: int) -> HttpResponse:
    round = round_of(organization, round_id)
    here = reverse("followup:assessments", args=[organization.slug, round.pk])
    may_edit = has(request, organization, Capability.MANAGE_ROUNDS)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        if not may_edit:
            raise PermissionDenied(_("Bara samordnaren skriver bedömningarna."))
        if round.is_locked:
            return refuse_locked(request, here)
    options = assessment_options(organization)
    sections = _sections(round, options, data)
    subjects = [
        s
        for section in sections
        for s in ([section.goal] if section.goal else []) + section.measures
    ]
    if data is not None and all(s.form.is_valid() for s in subjects):
        changed = [s for s in subjects if s.form.has_changed()]
        try:
            with transaction.atomic():
                for s in changed:
                    assessment_save(
                        round=round,
                        user=acting_user(request),
                        subject=s.item,
                        option=s.form.cleaned_data["option"],
                        analysis=s.form.cleaned_data["analysis"],
                    )
        except FollowUpError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s bedömning är sparad.",
                    "%(count)s bedömningar är sparade.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
        return redirect(here)
    return render(
        request,
        "followup/assessments.html",
        {
            "round": round,
            "sections": sections,
            "has_errors": any(s.form.errors for s in subjects),
            "editable": may_edit and not round.is_locked,
            "locked_message": locked_message() if round.is_locked else "",
            "crumbs": round_crumbs(request, round),
        },
    )
