"""Small helpers the page tests share: URLs and form data."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from handlingskraft.datacollection.categories import TOTAL
from handlingskraft.datacollection.forms import ValuesForm
from handlingskraft.datacollection.models import DataSet
from handlingskraft.datacollection.rules import COMMENT
from handlingskraft.organizations.models import Actor
from handlingskraft.plans.periods import Period

from .conftest import YEAR, elements


def url(name: str, data_set: DataSet, **kwargs: Any) -> str:
    return reverse(
        f"statistics:{name}",
        kwargs={"org_slug": data_set.organization.slug, "data_set_id": data_set.pk, **kwargs},
    )


def report_url(data_set: DataSet, actor: Actor, period: Period = YEAR, name: str = "report") -> str:
    return url(name, data_set, actor_id=actor.pk, period=str(period))


def form_data(
    data_set: DataSet,
    *,
    based_on: int = 0,
    action: str = "draft",
    girls: object = 3,
    boys: object = 2,
    unknown: object = 0,
    total: object = None,
    trained: object = 40,
    comment: str = "",
    trained_comment: str = "",
    **extra: object,
) -> dict[str, object]:
    """What the reporter of Socialnämnden posts; "" for an empty field."""
    abroad, staff = elements(data_set)
    name = ValuesForm.name
    if total is None:
        total = sum(v for v in (girls, boys, unknown) if isinstance(v, int))
    return {
        name(abroad.pk, TOTAL): total,
        name(abroad.pk, "g:f"): girls,
        name(abroad.pk, "g:m"): boys,
        name(abroad.pk, "g:x"): unknown,
        name(abroad.pk, COMMENT): comment,
        name(staff.pk, TOTAL): trained,
        name(staff.pk, COMMENT): trained_comment,
        "based_on": based_on,
        "action": action,
        **extra,
    }
