"""The languages a help text can be written in: their codes, names and
writing direction.

The list holds the languages most spoken in Sweden besides Swedish, the
national minority languages and English. Each language is named in Swedish
(for the coordinator's form) and in itself (for the visitor looking for their
language). The direction follows from the code: Arabic, Persian, Dari,
Pashto, Urdu, Sorani Kurdish, Hebrew and Yiddish are written right to left."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Base language codes (ISO 639) written right to left.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs", "ps", "ur", "ckb", "he", "yi", "sd", "ug", "dv"})


@dataclass(frozen=True)
class Language:
    code: str
    name: str | Promise
    """In Swedish (translated for an English interface)."""
    native_name: str
    """In the language itself."""

    @property
    def direction(self) -> str:
        return direction_of(self.code)


def direction_of(code: str) -> str:
    """ "rtl" for a language written right to left, else "ltr" (a region or
    script suffix, as in "ar-SE", does not change the direction)."""
    return "rtl" if code.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


LANGUAGES = [
    Language("sv", _("svenska"), "svenska"),
    Language("en", _("engelska"), "English"),
    Language("ar", _("arabiska"), "العربية"),
    Language("fa", _("persiska"), "فارسی"),
    Language("prs", _("dari"), "دری"),
    Language("ps", _("pashto"), "پښتو"),
    Language("ur", _("urdu"), "اردو"),
    Language("ckb", _("kurdiska (sorani)"), "کوردی"),
    Language("kmr", _("kurdiska (kurmanji)"), "Kurmancî"),
    Language("so", _("somaliska"), "Soomaali"),
    Language("ti", _("tigrinska"), "ትግርኛ"),
    Language("am", _("amhariska"), "አማርኛ"),
    Language("tr", _("turkiska"), "Türkçe"),
    Language("bs", _("bosniska"), "bosanski"),
    Language("sq", _("albanska"), "shqip"),
    Language("pl", _("polska"), "polski"),
    Language("uk", _("ukrainska"), "українська"),
    Language("ru", _("ryska"), "русский"),
    Language("es", _("spanska"), "español"),
    Language("fr", _("franska"), "français"),
    Language("fi", _("finska"), "suomi"),
    Language("se", _("nordsamiska"), "davvisámegiella"),
    Language("fit", _("meänkieli"), "meänkieli"),
    Language("rom", _("romani chib"), "romani čhib"),
    Language("yi", _("jiddisch"), "ייִדיש"),
    Language("he", _("hebreiska"), "עברית"),
]
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT_LANGUAGE = "sv"


def language_choices() -> list[tuple[str, str]]:
    """For the form: each language in Swedish, with its own name beside it."""
    return [
        (language.code, f"{language.name} – {language.native_name}")
        if language.native_name != str(language.name)
        else (language.code, str(language.name))
        for language in LANGUAGES
    ]
