"""An activity's status across the organisation's follow-up rounds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Activity

from ..queries import activity_results
from ._common import has, organization_crumbs


@requires(Capability.VIEW_PLAN)
def activity_history(
    request: HttpRequest, organization: Organization, activity_id: int
) -> HttpResponse:
    """Everyone in the organisation sees the approved results of locked rounds;
    internal readers also see what is reported in open rounds."""
    activity = get_object_or_404(
        Activity.objects.select_related("plan", "goal"),
        pk=activity_id,
        plan__organization=organization,
    )
    internal = has(request, organization, Capability.VIEW_INTERNAL)
    plan_url = reverse("plans:plan_detail", args=[organization.slug, activity.plan.slug])
    return render(
        request,
        "followup/activity_history.html",
        {
            "organization": organization,
            "activity": activity,
            "results": activity_results(organization, activity, include_open=internal),
            "internal": internal,
            "crumbs": [*organization_crumbs(organization), (activity.plan.title, plan_url)],
        },
    )
