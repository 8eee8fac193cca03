"""The coordinator's forms for the help page and for linking measures to
shared indicators. Every free-text field passes the personal-data guard (the
models' validators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Measure

from .models import HelpContact, HelpText, SharedIndicator


class HelpContactForm(forms.ModelForm):
    web = forms.URLField(
        label=gettext_lazy("webbadress"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Börja med https://."),
    )

    class Meta:
        model = HelpContact
        fields = ["name", "kind", "phone", "web", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean_web(self) -> str:
        web = str(self.cleaned_data.get("web") or "")
        if web and not web.startswith("https://"):
            raise forms.ValidationError(_("Ange en säker adress som börjar med https://."))
        return web


class HelpTextForm(forms.ModelForm):
    class Meta:
        model = HelpText
        fields = ["language", "heading", "young_people", "professionals"]
        widgets = {
            "young_people": forms.Textarea(attrs={"rows": 6}),
            "professionals": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_language(self) -> str:
        language = str(self.cleaned_data["language"])
        taken = HelpText.objects.filter(organization=self.organization, language=language)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Det finns redan en text på det språket; ändra den i stället.")
            )
        return language


NO_INDICATOR = ""


class IndicatorLinksForm(forms.Form):
    """A choice of shared indicator for each measure that has no Kolada KPI id
    matching one (those are linked by the id)."""

    def __init__(
        self,
        *args: Any,
        measures: list[Measure],
        indicators: list[SharedIndicator],
        current: dict[str, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.measures = measures
        choices = [(NO_INDICATOR, gettext_lazy("Ingen gemensam indikator"))] + [
            (str(indicator.pk), f"{indicator.name} ({indicator.code})") for indicator in indicators
        ]
        for measure in measures:
            self.fields[self.field_name(measure)] = forms.ChoiceField(
                label=measure.statement,
                choices=choices,
                required=False,
                initial=str(current.get(str(measure.lineage), NO_INDICATOR)),
            )

    @staticmethod
    def field_name(measure: Measure) -> str:
        return f"matt_{measure.pk}"

    def chosen(self) -> dict[Measure, int | None]:
        """Each measure's chosen indicator id (None for none)."""
        return {
            measure: int(value) if (value := self.cleaned_data[self.field_name(measure)]) else None
            for measure in self.measures
        }
