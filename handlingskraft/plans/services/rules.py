"""The rules of a well-formed plan that the database alone cannot state with a
clear message. The forms use them to put the message next to the right field;
the services check them again, so a write outside a form obeys them too."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Goal, Plan


def foreign_actor_message() -> str:
    return _("Välj en aktör i den egna organisationen.")


def foreign_actors(organization: Organization, actors: Iterable[Actor | None]) -> list[Actor]:
    """The actors in `actors` that belong to another organisation."""
    return [
        actor for actor in actors if actor is not None and actor.organization_id != organization.pk
    ]


def lead_message(responsible: Iterable[Actor], lead: Actor | None) -> str | None:
    """Why `lead` cannot lead the activity, or None if it can."""
    if lead is None or lead in list(responsible):
        return None
    return _(
        "%(actor)s är inte en av de ansvariga aktörerna. Den som leder arbetet måste "
        "vara en av dem: kryssa i %(actor)s under Ansvariga aktörer eller välj ”Ingen”."
    ) % {"actor": lead.name}


def goal_number_message(plan: Plan, number: int | None, goal: Goal | None = None) -> str | None:
    """Why `number` cannot be the number of `goal` (a new one if None) in `plan`."""
    if number is None:
        return None
    taken = Goal.objects.filter(plan=plan, number=number)
    if goal is not None and goal.pk is not None:
        taken = taken.exclude(pk=goal.pk)
    if not taken.exists():
        return None
    return _(
        "Det finns redan en %(label)s med nummer %(number)s i planen. Välj ett annat nummer."
    ) % {"label": plan.section_label, "number": number}


def plan_slug_message(
    organization: Organization, slug: str, plan: Plan | None = None
) -> str | None:
    """Why `slug` cannot name `plan` (a new plan if None) in `organization`.
    Every version of a plan shares its slug, so a slug is taken by any other plan."""
    taken = Plan.objects.filter(organization=organization, slug=slug)
    if plan is not None and plan.pk is not None:
        if slug == plan.slug:
            return None
        if Plan.objects.filter(organization=organization, slug=plan.slug).count() > 1:
            return _("Kortnamnet delas av planens alla versioner och kan inte ändras i en version.")
        taken = taken.exclude(pk=plan.pk)
    if not taken.exists():
        return None
    return _(
        "Det finns redan en plan med kortnamnet ”%(slug)s” i organisationen. Välj ett annat."
    ) % {"slug": slug}
