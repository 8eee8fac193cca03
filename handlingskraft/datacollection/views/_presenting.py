"""One version's values laid out for the read-only pages: per element the
total, its breakdown as a small grid and the comment."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..categories import AGE_BANDS, GENDERS, TOTAL, Breakdown, categories
from ..models import DataElement
from ..queries import Version


@dataclass
class ElementValues:
    element: DataElement
    total: int | None
    columns: list[str]
    grid: list[tuple[str, list[int | None]]]
    comment: str


def element_values(elements: list[DataElement], version: Version) -> list[ElementValues]:
    return [_one(element, version) for element in elements]


def _one(element: DataElement, version: Version) -> ElementValues:
    def value(code: str) -> int | None:
        return version.value(element.pk, code)

    columns: list[str] = []
    grid: list[tuple[str, list[int | None]]] = []
    if element.breakdown == Breakdown.GENDER_AND_AGE:
        columns = [str(label) for _code, label in GENDERS]
        grid = [
            (str(label), [value(f"g:{gender}|a:{age}") for gender, _g in GENDERS])
            for age, label in AGE_BANDS
        ]
    elif element.breakdown != Breakdown.NONE:
        cells = categories(element.breakdown)
        columns = [category.label for category in cells]
        grid = [(_("Antal"), [value(category.code) for category in cells])]
    return ElementValues(
        element=element,
        total=value(TOTAL),
        columns=columns,
        grid=grid,
        comment=version.comments.get(element.pk, ""),
    )
