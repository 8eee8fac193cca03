"""The coordinator's publishing pages: what is public, and the buttons that
publish and unpublish plan versions, approved rounds and statistics. The
actions call the domain's services; nothing here decides what a publication
allows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.datacollection.models import DataSet
from handlingskraft.followup.models import FollowUpRound, RoundState
from handlingskraft.followup.services import FollowUpError, round_publish, round_unpublish
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan
from handlingskraft.plans.publishing import PublishError, plan_publish, plan_unpublish

from ..models import DataSetPublication, HelpContact, HelpText
from ..services import data_set_publish, data_set_unpublish

PUBLISH, UNPUBLISH = "publicera", "avpublicera"


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _wants_publish(request: HttpRequest) -> bool | None:
    """True to publish, False to unpublish, None for anything else."""
    return {PUBLISH: True, UNPUBLISH: False}.get(request.POST.get("action", ""))


def overview_url(organization: Organization) -> str:
    return reverse("public:publishing", args=[organization.slug])


@dataclass
class PlanEntry:
    """A plan on the overview: its latest version, the version that is public
    (if any) and how many of its approved rounds are."""

    plan: Plan
    published_version: int | None = None
    approved_rounds: int = 0
    published_rounds: int = 0


@requires(Capability.PUBLISH)
def publishing(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Every plan with how much of it is public, the statistics, and the way to
    the help page and the comparison links."""
    entries: dict[str, PlanEntry] = {}
    plans = Plan.objects.filter(organization=organization).order_by("title", "slug", "version")
    for plan in plans:
        entry = entries.setdefault(plan.slug, PlanEntry(plan))
        entry.plan = plan
        if plan.published_at is not None:
            entry.published_version = plan.version
    rounds = (
        FollowUpRound.objects.filter(organization=organization, state=RoundState.LOCKED)
        .values("plan__slug")
        .annotate(approved=Count("pk"), published=Count("pk", filter=Q(published_at__isnull=False)))
    )
    for row in rounds:
        if row["plan__slug"] in entries:
            entries[row["plan__slug"]].approved_rounds = row["approved"]
            entries[row["plan__slug"]].published_rounds = row["published"]
    published = Exists(
        DataSetPublication.objects.filter(data_set=OuterRef("pk"), published_at__isnull=False)
    )
    context = {
        "organization": organization,
        "entries": list(entries.values()),
        "data_sets": DataSet.objects.filter(organization=organization)
        .annotate(is_published=published)
        .order_by("name"),
        "contact_count": HelpContact.objects.filter(organization=organization).count(),
        "example_count": HelpContact.objects.filter(
            organization=organization, is_example=True
        ).count(),
        "text_count": HelpText.objects.filter(organization=organization).count(),
    }
    return render(request, "public/publishing/overview.html", context)


@requires(Capability.PUBLISH)
def publishing_plan(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    """One plan: its versions and its approved rounds, each with its button."""
    versions = list(
        Plan.objects.filter(organization=organization, slug=plan_slug).order_by("-version")
    )
    if not versions:
        raise Http404(_("Planen finns inte."))
    rounds = FollowUpRound.objects.filter(organization=organization, plan__slug=plan_slug)
    context = {
        "organization": organization,
        "plan": versions[0],
        "versions": versions,
        "rounds": rounds.select_related("plan").order_by("-period_end", "-pk"),
    }
    return render(request, "public/publishing/plan.html", context)


@requires(Capability.PUBLISH)
@require_POST
def plan_publication(
    request: HttpRequest, organization: Organization, plan_id: int
) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id, organization=organization)
    back = reverse("public:publishing_plan", args=[organization.slug, plan.slug])
    wanted = _wants_publish(request)
    try:
        if wanted:
            plan_publish(plan=plan, user=acting_user(request))
            messages.success(
                request, _("Version %(version)s är publicerad.") % {"version": plan.version}
            )
        elif wanted is False:
            plan_unpublish(plan=plan, user=acting_user(request))
            messages.success(
                request,
                _("Version %(version)s är inte längre publicerad.") % {"version": plan.version},
            )
    except PublishError as error:
        messages.error(request, str(error))
    return redirect(back)


@requires(Capability.PUBLISH)
@require_POST
def round_publication(
    request: HttpRequest, organization: Organization, round_id: int
) -> HttpResponse:
    round = get_object_or_404(
        FollowUpRound.objects.select_related("plan"), pk=round_id, organization=organization
    )
    back = reverse("public:publishing_plan", args=[organization.slug, round.plan.slug])
    wanted = _wants_publish(request)
    try:
        if wanted:
            round_publish(round=round, user=acting_user(request))
            messages.success(request, _("”%(name)s” är publicerad.") % {"name": round.name})
        elif wanted is False:
            round_unpublish(round=round, user=acting_user(request))
            messages.success(
                request, _("”%(name)s” är inte längre publicerad.") % {"name": round.name}
            )
    except FollowUpError as error:
        messages.error(request, str(error))
    return redirect(back)


@requires(Capability.PUBLISH)
@require_POST
def data_set_publication(
    request: HttpRequest, organization: Organization, data_set_id: int
) -> HttpResponse:
    data_set = get_object_or_404(DataSet, pk=data_set_id, organization=organization)
    wanted = _wants_publish(request)
    if wanted:
        data_set_publish(data_set=data_set, user=acting_user(request))
        messages.success(
            request,
            _("Statistiken i ”%(name)s” är publicerad, efter röjandekontroll.")
            % {"name": data_set.name},
        )
    elif wanted is False:
        data_set_unpublish(data_set=data_set, user=acting_user(request))
        messages.success(
            request,
            _("Statistiken i ”%(name)s” är inte längre publicerad.") % {"name": data_set.name},
        )
    return redirect(overview_url(organization))
