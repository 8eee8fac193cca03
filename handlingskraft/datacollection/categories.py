"""The breakdowns a data element can have and their fixed categories. Every
breakdown's cells add up to the element's total, so each has a category for
"unknown": the sum check must be possible to meet honestly."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

TOTAL = "total"


class Breakdown(models.TextChoices):
    NONE = "none", _("Ingen uppdelning")
    GENDER = "gender", _("Kön")
    AGE = "age", _("Åldersgrupp")
    GENDER_AND_AGE = "gender_age", _("Kön och åldersgrupp")


GENDERS = (
    ("f", _("Flickor och kvinnor")),
    ("m", _("Pojkar och män")),
    ("x", _("Kön okänt eller annat")),
)
AGE_BANDS = (
    ("0-12", _("0–12 år")),
    ("13-17", _("13–17 år")),
    ("18-25", _("18–25 år")),
    ("26-", _("26 år och äldre")),
    ("u", _("Ålder okänd")),
)


@dataclass(frozen=True)
class Category:
    """One cell of a breakdown. `code` is what is stored with a value."""

    code: str
    gender: str = ""
    age: str = ""

    @property
    def label(self) -> str:
        names = [str(dict(GENDERS)[self.gender])] if self.gender else []
        if self.age:
            names.append(str(dict(AGE_BANDS)[self.age]))
        return ", ".join(names)


def categories(breakdown: str) -> list[Category]:
    """The cells of a breakdown, in the order forms and tables show them:
    for gender and age, age band by age band."""
    if breakdown == Breakdown.GENDER:
        return [Category(f"g:{gender}", gender=gender) for gender, _label in GENDERS]
    if breakdown == Breakdown.AGE:
        return [Category(f"a:{age}", age=age) for age, _label in AGE_BANDS]
    if breakdown == Breakdown.GENDER_AND_AGE:
        return [
            Category(f"g:{gender}|a:{age}", gender=gender, age=age)
            for age, _age_label in AGE_BANDS
            for gender, _label in GENDERS
        ]
    return []


def category_codes(breakdown: str) -> list[str]:
    """The stored codes of an element's values: the total, then its cells."""
    return [TOTAL, *(category.code for category in categories(breakdown))]
