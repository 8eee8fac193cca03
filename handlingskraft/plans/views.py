from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from handlingskraft.organizations.models import Organization

from .models import Plan


def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.prefetch_related("plans")
    return render(request, "plans/organization_list.html", {"organizations": organizations})


def plan_detail(request: HttpRequest, org_slug: str, plan_slug: str) -> HttpResponse:
    plan = get_object_or_404(
        Plan.objects.with_structure(), organization__slug=org_slug, slug=plan_slug
    )
    return render(request, "plans/plan_detail.html", {"plan": plan})
