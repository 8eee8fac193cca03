"""What the editing views share: which plan version they work on, the page for
a version that cannot change, and the form, delete and move flows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.organizations.models import Organization
from handlingskraft.plans import services
from handlingskraft.plans.forms import PlanEditForm
from handlingskraft.plans.models import Goal, Plan
from handlingskraft.plans.views.pages import requested_version

M = TypeVar("M", bound=models.Model)


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)  # @requires: never anonymous here


def editing_plan(request: HttpRequest, organization: Organization, plan_slug: str) -> Plan:
    """The version the editing pages work on: the one asked for with ?version=N,
    else the newest version (a draft or revision is always the newest)."""
    versions = Plan.objects.select_related("organization").filter(
        organization=organization, slug=plan_slug
    )
    version = requested_version(request)
    if version is not None:
        versions = versions.filter(version=version)
    plan = versions.order_by("-version").first()
    if plan is None:
        raise Http404(_("Planen finns inte."))
    return plan


def item_or_404(
    model: type[M],
    organization: Organization,
    plan_slug: str,
    pk: int,
    *,
    via: str = "",
    related: tuple[str, ...] = (),
) -> M:
    """The object `pk` of the plan `plan_slug` in `organization` (else 404); `via`
    is the path from the object to its plan ("goal__" for a prerequisite)."""
    return get_object_or_404(
        model._default_manager.select_related(f"{via}plan__organization", *related),
        pk=pk,
        **{f"{via}plan__organization": organization, f"{via}plan__slug": plan_slug},
    )


def not_editable(request: HttpRequest, plan: Plan) -> HttpResponse:
    """The answer for an adopted or archived version: 409, why, and the way on."""
    newest = (
        Plan.objects.filter(organization_id=plan.organization_id, slug=plan.slug)
        .order_by("-version")
        .first()
    )
    open_version = newest if newest and newest.is_editable and newest.pk != plan.pk else None
    context = {"plan": plan, "open_version": open_version}
    return render(request, "plans/edit/not_editable.html", context, status=409)


def plan_url(plan: Plan, name: str = "plans:plan_detail", **query: Any) -> str:
    """The URL of a plan-wide page for this very version."""
    url = reverse(name, kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug})
    return f"{url}?{urlencode({'version': plan.version, **query})}"


def next_url(request: HttpRequest) -> str | None:
    """The page the user came from (`next`), if it is a page of this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if safe else None


def landing_url(plan: Plan, obj: models.Model | None, *, deleted: bool = False) -> str:
    """The reading page that shows `obj`: its goal's page (the goal's own, for
    a goal), else the plan's page."""
    goal = obj if isinstance(obj, Goal) and not deleted else getattr(obj, "goal", None)
    if isinstance(goal, Goal) and goal.pk is not None:
        kwargs = {"org_slug": plan.organization.slug, "plan_slug": plan.slug}
        try:
            path = reverse("plans:goal_detail", kwargs={**kwargs, "number": goal.number})
        except NoReverseMatch:
            return plan_url(plan)
        return f"{path}?{urlencode({'version': plan.version})}"
    return plan_url(plan)


def posted(request: HttpRequest) -> Any:
    """The form data of a POST, None for any other request (an unbound form)."""
    return request.POST if request.method == "POST" else None


def short(text: str) -> str:
    return Truncator(" ".join(text.split())).words(10)


# --- forms --------------------------------------------------------------------


@dataclass(frozen=True)
class FormPage:
    heading: str
    success_message: str
    submit_label: str = ""
    intro: str = ""


def handle_form(
    request: HttpRequest,
    *,
    plan: Plan,
    form: PlanEditForm,
    page: FormPage,
    save: Callable[[dict[str, Any]], models.Model],
) -> HttpResponse:
    """Show the form; on a valid POST save through `save` (a service call) and
    go back where the user came from, else to the page that shows what was
    saved. A concurrent edit keeps the user's input and shows what the other
    person saved; saving again then overwrites it deliberately."""
    back = next_url(request)
    cancel = back or landing_url(plan, form.instance)
    conflict: services.EditConflict | None = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except services.PlanNotEditable:
            return not_editable(request, plan)
        except services.EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version_token"] = str(error.current_token)
            form.data = data
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, page.success_message)
            return redirect(back or landing_url(plan, saved))
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "conflict": conflict,
        "next": back,
        "cancel": cancel,
    }
    status = 409 if conflict else 200
    return render(request, "plans/edit/form.html", context, status=status)


def add_errors(form: PlanEditForm, error: ValidationError) -> None:
    """Put a service's validation errors next to the form's fields."""
    for name, messages_ in error.message_dict.items():
        field = name if name in form.fields and name != NON_FIELD_ERRORS else None
        for message in messages_:
            form.add_error(field, message)


def expected_version(data: dict[str, Any]) -> int:
    return int(data.get("version_token") or 0)


# --- delete and move ----------------------------------------------------------


def handle_delete(
    request: HttpRequest,
    *,
    plan: Plan,
    obj: models.Model,
    heading: str,
    description: str,
    consequences: list[str],
    delete: Callable[[int], None],
) -> HttpResponse:
    """A confirmation page (GET), then the deletion (POST). The page carries
    the version token, so a change made meanwhile is shown before anything goes."""
    back = next_url(request)
    token = services.version_token(obj)
    conflict: services.EditConflict | None = None
    refusal = ""
    if request.method == "POST":
        try:
            delete(_posted_token(request))
        except services.PlanNotEditable:
            return not_editable(request, plan)
        except services.EditConflict as error:
            conflict, token = error, error.current_token
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, _("Borttaget ur planen: %(text)s") % {"text": description})
            return redirect(back or landing_url(plan, obj, deleted=True))
    context = {
        "plan": plan,
        "heading": heading,
        "description": description,
        "consequences": consequences,
        "token": token,
        "conflict": conflict,
        "refusal": refusal,
        "next": back,
        "cancel": back or landing_url(plan, obj),
    }
    status = 409 if conflict or refusal else 200
    return render(request, "plans/edit/confirm_delete.html", context, status=status)


def _posted_token(request: HttpRequest) -> int:
    value = request.POST.get("version_token", "")
    return int(value) if value.isdigit() else 0


def handle_move(
    request: HttpRequest, *, plan: Plan, anchor: str, move: Callable[[services.Move], bool]
) -> HttpResponse:
    """Move an item one step (a plain POST form, so it works without JavaScript)
    and go back to the same place on the page. Only POST moves; the item has
    been looked up first, so another organisation's item is 404 for any method."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Ange riktning: upp eller ned."))
    try:
        moved = move(cast(services.Move, direction))
    except services.PlanNotEditable:
        return not_editable(request, plan)
    if moved:
        messages.success(request, _("Ordningen är ändrad."))
    elif direction == "up":
        messages.info(request, _("Den ligger redan först. Inget flyttades."))
    else:
        messages.info(request, _("Den ligger redan sist. Inget flyttades."))
    return redirect(f"{next_url(request) or plan_url(plan, 'plans:plan_edit')}#{anchor}")
