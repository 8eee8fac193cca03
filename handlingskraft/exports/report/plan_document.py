"""The plan itself as a document (PDF and DOCX), like the adopted plan:
its facts, vision and purpose, each goal with prerequisites, measures and
activities with their responsible actors, and each actor's responsibility."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handlingskraft.plans.models import Goal, Plan

from .activities import activity_entries, activity_table, plan_activities, recorded_results
from .build import plan_with_structure
from .measures import measure_section
from .model import ActivityEntry, PlanDocument, PlanGoal, ResponsibilityEntry


def build_plan_document(plan: Plan) -> PlanDocument:
    """The document of `plan` (the version given), in a fixed number of queries."""
    plan = plan_with_structure(plan.pk)
    activities = plan_activities(plan)
    entries = activity_entries(plan, activities, recorded_results(activities))
    goals = [
        _goal(plan, goal, [e for e in entries if e.number.startswith(f"{goal.number}.")])
        for goal in plan.goals.all()
    ]
    plan_wide_entries = [e for e in entries if "." not in e.number]
    plan_wide = None
    if plan_wide_entries or plan.measures.all():
        plan_wide = PlanGoal(
            anchor="hela-planen",
            heading=_("Hela planen") if goals else plan.activity_label_plural.capitalize(),
            description="",
            prerequisites=[],
            measures=[measure_section(m, [], with_values=False) for m in plan.measures.all()],
            activity_table=activity_table(
                plan_wide_entries, plan.activity_label_plural.capitalize(), with_status=False
            ),
        )
    return PlanDocument(
        language=translation.get_language() or "sv",
        title=plan.title,
        subtitle=plan.organization.name,
        facts=_facts(plan),
        vision=plan.vision,
        purpose=plan.purpose,
        goals=goals,
        plan_wide=plan_wide,
        responsibilities=[
            ResponsibilityEntry(
                heading=r.title or r.actor.name,
                actor=r.actor.name,
                text=r.text,
                followed_up_by=r.followed_up_by.name if r.followed_up_by else "",
            )
            for r in plan.responsibilities.all()
        ],
        activities=entries,
        file_stem=slugify(f"{plan.organization.slug}-{plan.slug}-version-{plan.version}"),
        date=timezone.localdate(),
    )


def _goal(plan: Plan, goal: Goal, entries: list[ActivityEntry]) -> PlanGoal:
    return PlanGoal(
        anchor=f"{slugify(plan.section_label)}-{goal.number}",
        heading=f"{plan.section_label.capitalize()} {goal.number}: {goal.title}",
        description=goal.description,
        prerequisites=[p.text for p in goal.prerequisites.all()],
        measures=[measure_section(m, [], with_values=False) for m in goal.measures.all()],
        activity_table=activity_table(
            entries,
            _("%(label)s under %(section)s %(number)s")
            % {
                "label": plan.activity_label_plural.capitalize(),
                "section": plan.section_label,
                "number": goal.number,
            },
            with_status=False,
        ),
    )


def _facts(plan: Plan) -> list[tuple[str, str]]:
    organization = plan.organization
    facts = [
        (
            _("Organisation"),
            _("%(name)s (kommunkod %(code)s)")
            % {"name": organization.name, "code": organization.municipality_code},
        ),
        (
            _("Status"),
            _("%(status)s, version %(version)s")
            % {"status": plan.get_status_display(), "version": plan.version},
        ),
    ]
    if plan.decided_by or plan.decided_on:
        parts = [plan.decided_by.name if plan.decided_by else "", f"{plan.decided_on or ''}"]
        facts.append((_("Beslut"), ", ".join(part for part in parts if part)))
    if plan.valid_from or plan.valid_until:
        facts.append(
            (_("Giltighet"), f"{plan.valid_from or ''} – {plan.valid_until or ''}".strip(" –"))
        )
    if plan.diarienummer:
        facts.append((_("Diarienummer"), plan.diarienummer))
    return facts
