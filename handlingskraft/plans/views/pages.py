from typing import cast

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, requires, requires_login
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan


@requires_login
def organization_list(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to (all of them for administrators)."""
    organizations = Organization.objects.prefetch_related(
        Prefetch("plans", queryset=Plan.objects.order_by("title"))
    )
    user = cast(User, request.user)  # @requires_login: never anonymous here
    if not user.is_superuser:
        organizations = organizations.filter(memberships__user=user, memberships__is_active=True)
    return render(request, "plans/organization_list.html", {"organizations": organizations})


@requires(Capability.VIEW_PLAN)
def plan_detail(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    plan = Plan.objects.with_structure().version_for(
        organization, plan_slug, requested_version(request)
    )
    if plan is None:
        raise Http404(_("Planen finns inte."))
    return render(request, "plans/plan_detail.html", {"plan": plan})


def requested_version(request: HttpRequest) -> int | None:
    """The plan version asked for with ?version=N, if any (a bad value counts as none)."""
    value = request.GET.get("version", "")
    return int(value) if value.isdigit() else None
