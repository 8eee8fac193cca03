"""The coordinator links the organisation's measures to shared indicators, so
that the public comparison pages can set them beside other organisations'."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.indicators.queries import current_measures
from handlingskraft.organizations.models import Organization

from ..forms import IndicatorLinksForm
from ..models import IndicatorLink, SharedIndicator
from ..services import indicator_link_set
from .publishing import acting_user


@requires(Capability.PUBLISH)
def indicator_links(request: HttpRequest, organization: Organization) -> HttpResponse:
    measures = list(
        current_measures(organization)
        .select_related("plan", "goal")
        .order_by("plan__title", "goal__number", "position", "pk")
    )
    indicators = list(SharedIndicator.objects.order_by("name"))
    by_kpi = {indicator.kolada_kpi: indicator for indicator in indicators if indicator.kolada_kpi}
    by_kolada = [(m, by_kpi[m.kolada_kpi]) for m in measures if m.kolada_kpi in by_kpi]
    linkable = [m for m in measures if m.kolada_kpi not in by_kpi]
    current = {
        str(lineage): indicator_id
        for lineage, indicator_id in IndicatorLink.objects.filter(
            organization=organization
        ).values_list("measure_lineage", "indicator_id")
    }
    form = IndicatorLinksForm(
        request.POST or None, measures=linkable, indicators=indicators, current=current
    )
    if request.method == "POST" and form.is_valid():
        chosen = {indicator.pk: indicator for indicator in indicators}
        changed = 0
        for measure, indicator_id in form.chosen().items():
            if current.get(str(measure.lineage)) == indicator_id:
                continue
            indicator_link_set(
                organization=organization,
                measure_lineage=measure.lineage,
                indicator=chosen.get(indicator_id) if indicator_id else None,
                user=acting_user(request),
            )
            changed += 1
        messages.success(
            request,
            ngettext("%(count)s koppling är ändrad.", "%(count)s kopplingar är ändrade.", changed)
            % {"count": changed},
        )
        return redirect(reverse("public:indicator_links", args=[organization.slug]))
    context = {
        "organization": organization,
        "form": form,
        "by_kolada": by_kolada,
        "has_indicators": bool(indicators),
        "fields": [(measure, form[form.field_name(measure)]) for measure in linkable],
    }
    return render(request, "public/publishing/indicator_links.html", context)
