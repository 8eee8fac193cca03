"""Importing a plan file: every check runs before anything is written, and the
writing happens in one transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Actor, Organization, Unit
from handlingskraft.plans.models import (
    Activity,
    ActivityActor,
    Goal,
    Measure,
    MeasureTarget,
    Plan,
    Prerequisite,
    Responsibility,
)

from .errors import PlanFileError
from .loading import load_yaml
from .rules import parse_date, rule_errors
from .schema import schema_errors


def parse_plan_text(text: str) -> dict[str, Any]:
    """The plan file `text` as checked data; raises PlanFileError listing every
    problem found in the file itself (syntax, schema, references, dates, personal
    data)."""
    data = load_yaml(text)
    if data is None:
        raise PlanFileError([_("Filen är tom.")])
    errors = schema_errors(data)
    if errors:
        raise PlanFileError(errors)
    errors = rule_errors(data)
    if errors:
        raise PlanFileError(errors)
    return cast(dict[str, Any], data)


def _database_errors(data: dict[str, Any]) -> list[str]:
    """What the file contradicts in the database: another organisation's code or
    slug, an actor of another kind, a plan that already exists."""
    org_data = data["organization"]
    errors = []
    by_code = Organization.objects.filter(municipality_code=org_data["municipality_code"]).first()
    by_slug = Organization.objects.filter(slug=org_data["slug"]).first()
    if by_code and (by_code.slug != org_data["slug"] or by_code.name != org_data["name"]):
        errors.append(
            _("organization.municipality_code: kommunkoden %(code)s tillhör redan %(name)s")
            % {"code": org_data["municipality_code"], "name": by_code.name}
        )
    elif by_slug and by_slug != by_code:
        errors.append(
            _("organization.slug: ”%(slug)s” används redan av %(name)s")
            % {"slug": org_data["slug"], "name": by_slug.name}
        )
    if by_code is None or errors:
        return errors
    kinds = dict(Actor.objects.filter(organization=by_code).values_list("name", "kind"))
    for index, actor in enumerate(data.get("actors", [])):
        known_kind = kinds.get(actor["name"])
        if known_kind is not None and known_kind != actor["kind"]:
            errors.append(
                _("actors[%(n)s].kind: ”%(name)s” finns redan med en annan typ (%(kind)s)")
                % {"n": index + 1, "name": actor["name"], "kind": known_kind}
            )
    if Plan.objects.filter(organization=by_code, slug=data["slug"]).exists():
        errors.append(
            _("slug: planen ”%(slug)s” finns redan hos %(name)s")
            % {"slug": data["slug"], "name": by_code.name}
        )
    return errors


def plan_import(*, text: str, user: User | None = None) -> Plan:
    """Create the plan described by the plan file `text` (and its organisation and
    actors where they do not exist yet). Nothing is written if anything is wrong."""
    data = parse_plan_text(text)
    with transaction.atomic():
        errors = _database_errors(data)
        if errors:
            raise PlanFileError(errors)
        organization, _created = Organization.objects.get_or_create(
            municipality_code=data["organization"]["municipality_code"],
            defaults={"name": data["organization"]["name"], "slug": data["organization"]["slug"]},
        )
        actors = _write_actors(organization, data.get("actors", []))
        return _write_plan(organization, actors, data)


def _write_actors(organization: Organization, items: list[dict[str, Any]]) -> dict[str, Actor]:
    actors = {actor.name: actor for actor in organization.actors.all()}
    for item in items:
        if item["name"] not in actors:
            actors[item["name"]] = Actor.objects.create(
                organization=organization,
                name=item["name"],
                kind=item["kind"],
                abbreviation=item.get("abbreviation", ""),
                description=item.get("description", ""),
            )
        for unit in item.get("units", []):
            Unit.objects.get_or_create(
                actor=actors[item["name"]], name=unit["name"], defaults={"kind": unit["kind"]}
            )
    for item in items:
        actor = actors[item["name"]]
        if "serves" in item and actor.serves_id is None:
            actor.serves = actors[item["serves"]]
            actor.save(update_fields=["serves"])
    return actors


def _write_plan(organization: Organization, actors: dict[str, Actor], data: dict[str, Any]) -> Plan:
    review = data.get("review", {})
    plan = Plan.objects.create(
        organization=organization,
        title=data["title"],
        slug=data["slug"],
        status=data.get("status", "draft"),
        vision=data.get("vision", ""),
        purpose=data.get("purpose", ""),
        decided_by=actors.get(data.get("decided_by", "")),
        decided_on=parse_date(data.get("decided_on")),
        valid_from=parse_date(data.get("valid_from")),
        valid_until=parse_date(data.get("valid_until")),
        annual_review=review.get("annual", False),
        evaluation_interval_years=review.get("evaluation_interval_years"),
        next_revision_year=review.get("next_revision_year"),
        **{key: data[key] for key in LABEL_FIELDS if key in data},
    )
    for goal_data in data.get("goals", []):
        goal = Goal.objects.create(
            plan=plan,
            number=goal_data["number"],
            title=goal_data["title"],
            description=goal_data.get("description", ""),
        )
        for index, text in enumerate(goal_data.get("prerequisites", [])):
            Prerequisite.objects.create(goal=goal, position=index, text=text)
        _write_measures(plan, goal, goal_data.get("measures", []))
        _write_activities(plan, goal, actors, goal_data.get("activities", []))
    _write_measures(plan, None, data.get("measures", []))
    _write_activities(plan, None, actors, data.get("activities", []))
    for index, item in enumerate(data.get("responsibilities", [])):
        Responsibility.objects.create(
            plan=plan,
            actor=actors[item["actor"]],
            position=index,
            title=item.get("title", ""),
            text=item["text"],
            followed_up_by=actors.get(item.get("followed_up_by", "")),
        )
    return plan


LABEL_FIELDS = ("section_label", "section_label_plural", "activity_label", "activity_label_plural")


def _decimal(value: int | float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _write_measures(plan: Plan, goal: Goal | None, items: list[dict[str, Any]]) -> None:
    for index, item in enumerate(items):
        baseline, target = item.get("baseline", {}), item.get("target", {})
        measure = Measure.objects.create(
            plan=plan,
            goal=goal,
            position=index,
            statement=item["statement"],
            direction=item["direction"],
            unit_of_analysis=item.get("unit_of_analysis", ""),
            baseline_year=baseline.get("year"),
            baseline_value=_decimal(baseline.get("value")),
            target_year=target.get("year"),
            target_value=_decimal(target.get("value")),
            data_source=item.get("data_source", ""),
            kind=item.get("kind", ""),
            share_of=item.get("share_of", ""),
            kolada_kpi=item.get("kolada_kpi", ""),
        )
        for target_item in item.get("targets", []):
            MeasureTarget.objects.create(
                measure=measure,
                year=target_item["year"],
                tertial=target_item.get("tertial", 0),
                value=Decimal(str(target_item["value"])),
            )


def _write_activities(
    plan: Plan, goal: Goal | None, actors: dict[str, Actor], items: list[dict[str, Any]]
) -> None:
    for index, item in enumerate(items):
        activity = Activity.objects.create(
            plan=plan,
            goal=goal,
            position=index,
            description=item["description"],
            partner_note=item.get("partner_note", ""),
            prevention_level=item.get("prevention_level", ""),
            starts_on=parse_date(item.get("starts_on")),
            due_on=parse_date(item.get("due_on")),
            recurrence=item.get("recurrence", ""),
            status=item.get("status", ""),
            status_note=item.get("status_note", ""),
            status_date=parse_date(item.get("status_date")),
        )
        for position, name in enumerate(item.get("responsible", [])):
            ActivityActor.objects.create(
                activity=activity,
                actor=actors[name],
                position=position,
                is_lead=name == item.get("lead"),
            )
