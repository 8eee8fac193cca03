"""Who may do what: the one place that decides.

Every view either declares the capability it needs with `@requires(...)`, or is
marked `@public`. Another organisation's objects answer 404, never 403, so the
existence of another tenant's data does not leak."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from handlingskraft.organizations.models import Organization

from .models import Membership, Role, User

P = ParamSpec("P")
V = TypeVar("V", bound=Callable[..., HttpResponseBase])


class Capability(StrEnum):
    VIEW_PLAN = "view_plan"
    """Read the plan itself (every member)."""
    VIEW_INTERNAL = "view_internal"
    """Read everything internal in the organisation: all reports, statistics, logs."""
    REPORT = "report"
    """Report status and statistics for one's own actor."""
    REPORT_FOR_ANY_ACTOR = "report_for_any_actor"
    REVIEW_REPORTS = "review_reports"
    EDIT_PLAN = "edit_plan"
    MANAGE_ROUNDS = "manage_rounds"
    PUBLISH = "publish"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(Capability),
    Role.WORKING_GROUP_MEMBER: frozenset(
        {
            Capability.VIEW_PLAN,
            Capability.VIEW_INTERNAL,
            Capability.REPORT,
            Capability.REVIEW_REPORTS,
        }
    ),
    Role.REPORTER: frozenset({Capability.VIEW_PLAN, Capability.REPORT}),
    Role.READER: frozenset({Capability.VIEW_PLAN, Capability.VIEW_INTERNAL}),
}


def membership_of(user: User | Any, organization: Organization) -> Membership | None:
    """The user's active membership in `organization`, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, organization=organization, is_active=True)
        .select_related("actor")
        .first()
    )


def capabilities_of(user: User | Any, organization: Organization) -> frozenset[Capability]:
    """What `user` may do in `organization`. Administrators (superusers) may do
    everything everywhere; everyone else through an active membership."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return frozenset(Capability)
    # Asked several times per request (decorator, navigation, templates): keep
    # the answer on the user object, which lives as long as the request.
    cache: dict[int, frozenset[Capability]] = user.__dict__.setdefault("_capabilities", {})
    if organization.pk not in cache:
        membership = membership_of(user, organization)
        cache[organization.pk] = ROLE_CAPABILITIES[membership.role] if membership else frozenset()
    return cache[organization.pk]


def organization_for(request: HttpRequest, org_slug: str, capability: Capability) -> Organization:
    """The organisation named in the URL if the user may act in it with
    `capability`: 404 if the user is not a member, 403 if a member lacks it."""
    organization = Organization.objects.filter(slug=org_slug).first()
    if organization is None:
        raise Http404(_("Organisationen finns inte."))
    capabilities = capabilities_of(request.user, organization)
    if not capabilities:
        raise Http404(_("Organisationen finns inte."))
    if capability not in capabilities:
        raise PermissionDenied(_("Din roll ger inte behörighet till det här."))
    return organization


def requires(
    capability: Capability,
) -> Callable[
    [Callable[Concatenate[HttpRequest, Organization, P], HttpResponse]],
    Callable[Concatenate[HttpRequest, str, P], HttpResponse],
]:
    """Declare the capability a view needs. The view receives the organisation
    (resolved from `org_slug` and checked) instead of the slug."""

    def decorator(
        view: Callable[Concatenate[HttpRequest, Organization, P], HttpResponse],
    ) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
        @wraps(view)
        def wrapper(
            request: HttpRequest, org_slug: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organization = organization_for(request, org_slug, capability)
            return view(request, organization, *args, **kwargs)

        wrapper.required_capability = capability  # type: ignore[attr-defined]
        return wrapper

    return decorator


def requires_login(view: V) -> V:
    """For views outside any organisation that any logged-in user may use."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.required_capability = "login"  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def public(view: V) -> V:
    """Mark a view as deliberately open to everyone, logged in or not."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def declared_access(view: Callable[..., Any]) -> str | None:
    """What a view declares about access, for the test that walks every URL."""
    if getattr(view, "is_public", False):
        return "public"
    capability = getattr(view, "required_capability", None)
    return str(capability) if capability else None


def may_report_for(user: User | Any, organization: Organization, actor_id: int) -> bool:
    """Whether `user` may write reports for the actor: its own actor with the
    REPORT capability, or any actor with REPORT_FOR_ANY_ACTOR (coordinators)."""
    capabilities = capabilities_of(user, organization)
    if Capability.REPORT_FOR_ANY_ACTOR in capabilities:
        return True
    if Capability.REPORT not in capabilities:
        return False
    membership = membership_of(user, organization)
    return membership is not None and membership.actor_id == actor_id


def may_consolidate(
    user: User | Any, organization: Organization, lead_actor_id: int | None
) -> bool:
    """Whether `user` may write an activity's consolidated status: the lead
    actor's reporters, or the coordinator (always, and alone where there is no lead)."""
    if Capability.REPORT_FOR_ANY_ACTOR in capabilities_of(user, organization):
        return True
    return lead_actor_id is not None and may_report_for(user, organization, lead_actor_id)


def reportable_actor_ids(
    user: User | Any, organization: Organization, actor_ids: Iterable[int]
) -> set[int]:
    """The actors among `actor_ids` that `user` may write reports for, by the
    rule of `may_report_for`, asking the database at most once."""
    wanted = set(actor_ids)
    capabilities = capabilities_of(user, organization)
    if Capability.REPORT_FOR_ANY_ACTOR in capabilities:
        return wanted
    if Capability.REPORT not in capabilities or not wanted:
        return set()
    membership = membership_of(user, organization)
    if membership is None or membership.actor_id is None:
        return set()
    return wanted & {membership.actor_id}


def may_enter_values(
    user: User | Any, organization: Organization, *, reporting_actor_ids: Iterable[int]
) -> bool:
    """Whether `user` may enter a measure's values: the coordinator (who edits
    the plan or manages rounds) always; otherwise the reporters of
    `reporting_actor_ids`, which the caller fills with the actors responsible
    for the activities of the measure's goal only while a follow-up round of
    the plan is open."""
    capabilities = capabilities_of(user, organization)
    if capabilities & {Capability.EDIT_PLAN, Capability.MANAGE_ROUNDS}:
        return True
    return bool(reportable_actor_ids(user, organization, reporting_actor_ids))
