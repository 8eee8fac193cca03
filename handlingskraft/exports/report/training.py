"""The report's training section, kept apart: it appears only when the
training app is installed and its competence plan has coverage for the
round's last year. The coverage comes from the training app's own
computation after disclosure control (`coverage_data(raw=False)`): a figure
built on a hidden participation count is hidden (".."), as on its pages."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

from django.apps import apps
from django.utils.translation import gettext as _

from handlingskraft.datacollection.disclosure import HIDDEN_TEXT
from handlingskraft.datacollection.models import StatisticsSettings
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.organizations.models import Organization

from .model import Table, TrainingSection

TRAINING_APP = "handlingskraft.training"


def _percent(value: Decimal | None) -> str:
    return HIDDEN_TEXT if value is None else f"{format_decimal(value, 1)} %"


def training_section(
    organization: Organization, start: datetime.date, end: datetime.date
) -> TrainingSection | None:
    """Coverage per actor and professional group in the round's last year, or
    None without the training app or without coverage data for that year."""
    if not apps.is_installed(TRAINING_APP):
        return None
    queries = importlib.import_module(f"{TRAINING_APP}.queries")
    threshold = StatisticsSettings.threshold_for(organization)
    data = queries.coverage_data(organization, threshold=threshold, raw=False)
    lines = {line.pk: line for line in data.lines}
    year = end.year
    rows = []
    for item in data.years:
        if item.year != year:
            continue
        line = lines[item.line.pk]
        target = item.target
        rows.append(
            [
                line.actor.name,
                line.group.name,
                str(item.staff),
                HIDDEN_TEXT if item.trained is None else str(item.trained),
                _percent(item.share),
                "–" if target is None else _percent(target),
            ]
        )
    if not rows:
        return None
    table = Table(
        caption=_("Personal med den utbildning kompetensförsörjningsplanen anger, %(year)s")
        % {"year": year},
        header=[
            _("Aktör"),
            _("Yrkesgrupp"),
            _("Personal"),
            _("Utbildade"),
            _("Andel"),
            _("Mål"),
        ],
        rows=rows,
        notes=[_("”..” är dolt för att skydda små tal.")],
    )
    return TrainingSection(
        heading=_("Utbildning"),
        text=_("Hur stor del av personalen som har fått den utbildning den behöver."),
        tables=[table],
    )
