"""The published report files an organisation's public page links to.

THE HOOK TO THE EXPORTS APP: the report files (PDF, DOCX) are frozen when a
round is approved and served by handlingskraft/exports; a file is public once
its round and plan version are published (`FrozenReport.objects.published()`,
served at `exports:published_report`). This module is the only place the
public pages learn about them: if the exports app changes how it exposes its
files, change `published_reports` and nothing else."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.exports.models import FrozenReport
from handlingskraft.organizations.models import Organization


@dataclass(frozen=True)
class PublishedReport:
    title: str
    url: str
    """Where the file is downloaded: a public address, no login needed."""
    file_format: str
    """"PDF", "DOCX" …, shown beside the link."""
    published_on: datetime.date | None = None
    plan_slug: str = ""
    """The plan the report follows up, if any."""


def published_reports(organization: Organization, plan_slug: str = "") -> list[PublishedReport]:
    """The organisation's published report files (of one plan if `plan_slug`
    is given), newest round first, in one query."""
    files = (
        FrozenReport.objects.published()
        .without_content()
        .filter(round__organization=organization)
        .select_related("round", "round__plan")
        .order_by("-round__period_end", "-round_id", "format")
    )
    if plan_slug:
        files = files.filter(round__plan__slug=plan_slug)
    return [
        PublishedReport(
            title=_("Rapport: %(round)s") % {"round": file.round.name},
            url=reverse("exports:published_report", args=[organization.slug, file.pk]),
            file_format=file.get_format_display(),
            published_on=timezone.localdate(file.round.published_at)
            if file.round.published_at
            else None,
            plan_slug=file.round.plan.slug,
        )
        for file in files
    ]
