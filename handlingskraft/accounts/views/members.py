"""User administration for coordinators: members, invitations, roles, and
deactivation. Memberships and invitations are always looked up within the
organisation in the address, so another organisation's ids answer 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handlingskraft.organizations.models import Organization

from .. import services
from ..forms import InvitationForm, MembershipForm
from ..models import Membership
from ..permissions import Capability, requires


def _membership(organization: Organization, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "actor", "organization"),
        pk=membership_id,
        organization=organization,
    )


@requires(Capability.MANAGE_USERS)
def member_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Everyone with a membership, active or not, and the invitations still open."""
    memberships = organization.memberships.select_related("user", "actor").order_by(
        "-is_active", "user__last_name", "user__first_name", "user__username"
    )
    invitations = (
        organization.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("actor")
        .order_by("email")
    )
    context = {
        "organization": organization,
        "memberships": memberships,
        "invitations": invitations,
    }
    return render(request, "accounts/member_list.html", context)


@requires(Capability.MANAGE_USERS)
def invitation_create(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Invite someone by e-mail into a role (and an actor when the role needs one)."""
    form = InvitationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                acting_user=request.user,  # type: ignore[arg-type]
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=form.cleaned_data["actor"],
            )
        except services.AccountsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("En inbjudan har skickats till %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:member_list", org_slug=organization.slug)
    context = {"organization": organization, "form": form}
    return render(request, "accounts/invitation_create.html", context)


@requires(Capability.MANAGE_USERS)
def member_edit(
    request: HttpRequest, organization: Organization, membership_id: int
) -> HttpResponse:
    """Change a member's role and actor; also where they are deactivated or reactivated."""
    membership = _membership(organization, membership_id)
    initial = {"role": membership.role, "actor": membership.actor}
    form = MembershipForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                acting_user=request.user,  # type: ignore[arg-type]
                membership=membership,
                role=form.cleaned_data["role"],
                actor=form.cleaned_data["actor"],
            )
        except services.AccountsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("accounts:member_list", org_slug=organization.slug)
    context = {
        "organization": organization,
        "membership": membership,
        "form": form,
        "is_self": membership.user_id == request.user.pk,
    }
    return render(request, "accounts/member_edit.html", context)


def _change_activity(
    request: HttpRequest, organization: Organization, membership_id: int, *, active: bool
) -> HttpResponse:
    membership = _membership(organization, membership_id)
    change: Any = services.membership_reactivate if active else services.membership_deactivate
    try:
        change(acting_user=request.user, membership=membership)
    except services.AccountsError as error:
        messages.error(request, str(error))
        return redirect(
            "accounts:member_edit", org_slug=organization.slug, membership_id=membership.pk
        )
    name = membership.user.get_full_name() or membership.user.get_username()
    if active:
        messages.success(request, _("%(name)s har fått tillgång igen.") % {"name": name})
    else:
        messages.success(request, _("%(name)s har inte längre tillgång.") % {"name": name})
    return redirect("accounts:member_list", org_slug=organization.slug)


@requires(Capability.MANAGE_USERS)
@require_POST
def member_deactivate(
    request: HttpRequest, organization: Organization, membership_id: int
) -> HttpResponse:
    """End a member's access. Never for oneself."""
    return _change_activity(request, organization, membership_id, active=False)


@requires(Capability.MANAGE_USERS)
@require_POST
def member_reactivate(
    request: HttpRequest, organization: Organization, membership_id: int
) -> HttpResponse:
    """Give a deactivated member access again."""
    return _change_activity(request, organization, membership_id, active=True)
