"""Template tags that show links only to what the user may use."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import Capability, capabilities_of
from handlingskraft.organizations.models import Organization

register = template.Library()

# (label, URL name, capability), in the order the navigation shows them. The
# labels are translated when shown; gettext_noop marks them for the catalogue.
ORGANIZATION_LINKS = [
    ("Översikt", "plans:organization_home", Capability.VIEW_PLAN),
    ("Att rapportera", "followup:todo", Capability.REPORT),
    ("Uppföljning", "followup:round_list", Capability.VIEW_INTERNAL),
    ("Mått", "indicators:measure_list", Capability.VIEW_PLAN),
    ("Statistik", "statistics:dataset_list", Capability.VIEW_PLAN),
    ("Utbildning", "training:training_list", Capability.VIEW_PLAN),
    ("Publicering", "public:publishing", Capability.PUBLISH),
    ("Användare", "accounts:member_list", Capability.MANAGE_USERS),
    ("Historik", "audit:organization_log", Capability.VIEW_AUDIT_LOG),
]


def page_organization(context: Any) -> Organization | None:
    """The organisation a page is about: `organization`, or the plan's."""
    organization = context.get("organization")
    if isinstance(organization, Organization):
        return organization
    plan = context.get("plan")
    return getattr(plan, "organization", None)


@register.inclusion_tag("includes/organization_nav.html", takes_context=True)
def organization_nav(context: Any) -> dict[str, Any]:
    """The organisation's menu, with the links the user's role gives access to."""
    organization = page_organization(context)
    if organization is None:
        return {"links": []}
    request = context["request"]
    capabilities = capabilities_of(request.user, organization)
    links = []
    for label, name, capability in ORGANIZATION_LINKS:
        if capability in capabilities:
            url = reverse(name, kwargs={"org_slug": organization.slug})
            links.append({"label": _(label), "url": url, "current": request.path == url})
    return {"organization": organization, "links": links}


@register.simple_tag(takes_context=True)
def may(context: dict[str, Any], organization: Organization, capability: str) -> bool:
    """`{% may organization "edit_plan" as can_edit %}`: whether the user has the capability."""
    return Capability(capability) in capabilities_of(context["request"].user, organization)
