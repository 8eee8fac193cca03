"""Plan versions: the list of versions, revising, comparing with a reason per
change, and adopting a version."""

from __future__ import annotations

import uuid
from typing import cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from handlingskraft.accounts.models import User
from handlingskraft.accounts.permissions import Capability, capabilities_of, requires
from handlingskraft.organizations.models import Actor, ActorKind, Organization
from handlingskraft.plans.models import Plan
from handlingskraft.plans.versions import (
    VersionError,
    compare_versions,
    open_revision,
    plan_adopt,
    plan_revise,
    revision_note_set,
)
from handlingskraft.plans.views.pages import version_number


def _versions(organization: Organization, plan_slug: str) -> list[Plan]:
    versions = list(
        Plan.objects.filter(organization=organization, slug=plan_slug)
        .select_related("decided_by", "revision_of")
        .order_by("-version")
    )
    if not versions:
        raise Http404(_("Planen finns inte."))
    return versions


def _plan_url(plan: Plan) -> str:
    url = reverse(
        "plans:plan_detail", kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug}
    )
    return f"{url}?version={plan.version}"


@requires(Capability.VIEW_PLAN)
def plan_versions(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    versions = _versions(organization, plan_slug)
    can_edit = Capability.EDIT_PLAN in capabilities_of(request.user, organization)
    return render(
        request,
        "plans/versions/list.html",
        {
            "organization": organization,
            "plan": versions[0],
            "versions": versions,
            "can_edit": can_edit,
            "open_revision": open_revision(versions[0]),
        },
    )


@requires(Capability.EDIT_PLAN)
def plan_revise_view(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    versions = _versions(organization, plan_slug)
    adopted = next((v for v in versions if v.status == "adopted"), None)
    if request.method == "POST" and adopted is not None:
        try:
            revision = plan_revise(plan=adopted, user=cast(User, request.user))
        except VersionError as error:
            messages.error(request, str(error))
            return redirect("plans:plan_versions", org_slug=organization.slug, plan_slug=plan_slug)
        messages.success(
            request,
            _("Version %(version)s är skapad. Ändra i den; den antagna versionen är orörd.")
            % {"version": revision.version},
        )
        return redirect(_plan_url(revision))
    return render(
        request,
        "plans/versions/revise.html",
        {"plan": versions[0], "adopted": adopted, "open_revision": open_revision(versions[0])},
    )


def _compared(versions: list[Plan], request: HttpRequest) -> tuple[Plan, Plan]:
    by_number = {plan.version: plan for plan in versions}
    newer = by_number.get(version_number(request.GET.get("till")) or versions[0].version)
    if newer is None:
        raise Http404(_("Versionen finns inte."))
    default_older = newer.revision_of.version if newer.revision_of else newer.version - 1
    older = by_number.get(version_number(request.GET.get("fran")) or default_older)
    if older is None or older == newer:
        raise Http404(_("Det finns ingen tidigare version att jämföra med."))
    return older, newer


@requires(Capability.VIEW_PLAN)
def plan_compare(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    versions = _versions(organization, plan_slug)
    older, newer = _compared(versions, request)
    can_edit = Capability.EDIT_PLAN in capabilities_of(request.user, organization)
    return render(
        request,
        "plans/versions/compare.html",
        {
            "plan": newer,
            "older": older,
            "newer": newer,
            "versions": versions,
            "changes": compare_versions(older, newer),
            "can_give_reasons": can_edit and newer.is_editable,
        },
    )


@requires(Capability.EDIT_PLAN)
@require_POST
def revision_note(request: HttpRequest, organization: Organization, plan_slug: str) -> HttpResponse:
    plan = Plan.objects.version_for(
        organization, plan_slug, version_number(request.POST.get("version"))
    )
    try:
        lineage = uuid.UUID(request.POST.get("lineage", ""))
    except ValueError:
        lineage = None
    if plan is None or lineage is None:
        raise Http404(_("Versionen finns inte."))
    if not plan.is_editable:
        messages.error(request, _("Skälen kan bara ändras medan versionen revideras."))
    else:
        revision_note_set(
            plan=plan,
            lineage=lineage,
            reason=request.POST.get("reason", ""),
            user=cast(User, request.user),
        )
        messages.success(request, _("Skälet är sparat."))
    url = reverse(
        "plans:plan_compare", kwargs={"org_slug": organization.slug, "plan_slug": plan_slug}
    )
    return redirect(f"{url}?till={plan.version}#andring-{lineage}")


class AdoptForm(forms.Form):
    decided_by = forms.ModelChoiceField(
        label=gettext_lazy("Beslutat av"),
        queryset=Actor.objects.none(),
        empty_label=gettext_lazy("Välj beslutande organ"),
    )
    decided_on = forms.DateField(
        label=gettext_lazy("Beslutsdatum"),
        help_text=gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    diarienummer = forms.CharField(
        label=gettext_lazy("Diarienummer"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("Till exempel KS/2024:123."),
    )

    def __init__(self, *args: object, organization: Organization, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ModelChoiceField, self.fields["decided_by"])
        field.queryset = Actor.objects.filter(
            organization=organization, kind=ActorKind.COMMITTEE
        ).order_by("name")


@requires(Capability.EDIT_PLAN)
def plan_adopt_view(
    request: HttpRequest, organization: Organization, plan_slug: str
) -> HttpResponse:
    versions = _versions(organization, plan_slug)
    candidate = open_revision(versions[0])
    form = AdoptForm(request.POST or None, organization=organization)
    if candidate is not None and request.method == "POST" and form.is_valid():
        try:
            adopted = plan_adopt(plan=candidate, user=cast(User, request.user), **form.cleaned_data)
        except VersionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Version %(version)s är antagen.") % {"version": adopted.version}
            )
            return redirect(_plan_url(adopted))
    return render(
        request,
        "plans/versions/adopt.html",
        {"plan": versions[0], "candidate": candidate, "form": form},
    )
