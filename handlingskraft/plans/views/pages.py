from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from handlingskraft.accounts.permissions import Capability, requires, requires_login
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan


@requires_login
def organization_list(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to (all of them for administrators)."""
    organizations = Organization.objects.prefetch_related(
        Prefetch("plans", queryset=Plan.objects.order_by("title"))
    )
    if not request.user.is_superuser:
        organizations = organizations.filter(
            memberships__user=request.user, memberships__is_active=True
        )
    return render(request, "plans/organization_list.html", {"organizations": organizations})


@requires(Capability.VIEW_PLAN)
def plan_detail(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    plan = get_object_or_404(
        Plan.objects.with_structure(), organization=organization, slug=plan_slug
    )
    return render(request, "plans/plan_detail.html", {"plan": plan})
