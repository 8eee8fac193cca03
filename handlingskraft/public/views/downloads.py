"""The public data as files (CSV and JSON), built from what the pages show."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from handlingskraft.accounts.permissions import public

from ..downloads import activity_rows, csv_response, json_response, measure_rows, plan_document
from ..published import organization_or_404, published_plan, published_rounds
from ._shared import plan_results, plan_trends


@public
def plan_json(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    organization = organization_or_404(org_slug)
    plan = published_plan(organization, plan_slug)
    rounds = list(published_rounds(organization, plan_slug))
    latest = rounds[0] if rounds else None
    document = plan_document(plan, latest, plan_results(plan, latest), plan_trends(plan), rounds)
    return json_response(f"{organization.slug}-{plan.slug}.json", document)


@public
def activities_csv(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    organization = organization_or_404(org_slug)
    plan = published_plan(organization, plan_slug)
    latest = published_rounds(organization, plan_slug).first()
    rows = activity_rows(plan, plan_results(plan, latest), latest)
    return csv_response(f"{organization.slug}-{plan.slug}-status.csv", rows)


@public
def measures_csv(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    organization = organization_or_404(org_slug)
    plan = published_plan(organization, plan_slug)
    rows = measure_rows(plan, plan_trends(plan))
    return csv_response(f"{organization.slug}-{plan.slug}-matt.csv", rows)
