"""Template helpers for the reports: charts as data addresses for the PDF,
and the download links the plan and round pages include."""

from __future__ import annotations

import base64
from typing import Any

from django import template

from handlingskraft.exports.downloads import plan_download_context, round_download_context
from handlingskraft.exports.report.model import Figure

register = template.Library()


@register.filter
def svg_data_uri(figure: Figure) -> str:
    """The chart's SVG as a data: address, for an <img> with alt text (the PDF)."""
    encoded = base64.b64encode(figure.svg.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


@register.inclusion_tag("exports/_round_download_list.html", takes_context=True)
def round_downloads(context: template.Context, round: Any, heading: bool = True) -> dict[str, Any]:
    """The round's report in every format and its frozen versions."""
    return round_download_context(context["request"], round, heading=heading)


@register.inclusion_tag("exports/_plan_download_list.html", takes_context=True)
def plan_downloads(
    context: template.Context, plan: Any, version: int | None = None
) -> dict[str, Any]:
    """The plan document and the activity list in every format."""
    return plan_download_context(context["request"], plan, version)
