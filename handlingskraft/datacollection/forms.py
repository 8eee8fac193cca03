"""Forms of the statistics pages. Free text goes through the personal-data
guard; the rules for counts live in rules.py, shared with the services."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period

from .categories import AGE_BANDS, GENDERS, TOTAL, Breakdown, Category, categories
from .disclosure import MINIMUM_THRESHOLD
from .models import MAXIMUM_THRESHOLD, DataElement, DataSet
from .rules import COMMENT, ElementEntry, Findings, check_report

GUARDED = [validate_no_personal_data]
COUNT_ERRORS = {
    "invalid": gettext_lazy("Skriv ett heltal, till exempel 0 eller 12."),
    "min_value": gettext_lazy("Antalet kan inte vara negativt."),
    "max_value": gettext_lazy("Antalet är orimligt stort. Kontrollera siffran."),
}


class DataSetForm(forms.ModelForm):
    class Meta:
        model = DataSet
        fields = ["name", "description", "frequency", "first_year", "is_example"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.organization = organization

    def clean_name(self) -> str:
        name = cast(str, self.cleaned_data["name"])
        taken = DataSet.objects.filter(organization=self.organization, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Det finns redan en datamängd med det namnet."))
        return name


class ElementForm(forms.ModelForm):
    class Meta:
        model = DataElement
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "breakdown",
            "actors",
            "reported_to",
            "position",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 5}),
            "actors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, data_set: DataSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.data_set = data_set
        self.data_set = data_set
        actors = cast(forms.ModelMultipleChoiceField, self.fields["actors"])
        actors.queryset = Actor.objects.filter(organization=data_set.organization).order_by("name")
        actors.help_text = _("De aktörer som rapporterar uppgiften.")

    def clean_code(self) -> str:
        code = cast(str, self.cleaned_data["code"])
        taken = DataElement.objects.filter(data_set=self.data_set, code=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Koden används redan i datamängden."))
        return code

    def clean_breakdown(self) -> str:
        breakdown = cast(str, self.cleaned_data["breakdown"])
        element = self.instance
        if element.pk and breakdown != element.breakdown and element.values.exists():
            raise forms.ValidationError(
                _(
                    "Uppdelningen kan inte ändras när värden redan är rapporterade. "
                    "Skapa en ny uppgift i stället."
                )
            )
        return breakdown


class ThresholdForm(forms.Form):
    disclosure_threshold = forms.IntegerField(
        label=gettext_lazy("Gräns för små tal"),
        min_value=MINIMUM_THRESHOLD,
        max_value=MAXIMUM_THRESHOLD,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy(
            "Antal från 1 upp till gränsen visas inte för andra än den som rapporterat och "
            "samordnaren: med gränsen 5 visas 1–4 som ”<5”. Lägst 3."
        ),
        error_messages={
            "invalid": gettext_lazy("Skriv ett heltal, till exempel 5."),
            "min_value": gettext_lazy("Gränsen kan inte vara lägre än %(limit_value)s."),
            "max_value": gettext_lazy("Gränsen kan inte vara högre än %(limit_value)s."),
            "required": gettext_lazy("Ange en gräns."),
        },
    )


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages=COUNT_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


@dataclass
class ElementFields:
    """One element's fields, grouped for the template."""

    element: DataElement
    total: forms.BoundField
    cells: list[tuple[Category, forms.BoundField]]
    comment: forms.BoundField
    previous: int | None
    warning: str

    @property
    def grid(self) -> list[tuple[str, list[forms.BoundField]]]:
        """For gender and age: one row per age band, one cell per gender."""
        by_code = {category.code: field for category, field in self.cells}
        return [
            (str(label), [by_code[f"g:{gender}|a:{age}"] for gender, _g in GENDERS])
            for age, label in AGE_BANDS
        ]

    @property
    def fields(self) -> list[forms.BoundField]:
        return [self.total, *(field for _category, field in self.cells), self.comment]

    @property
    def breakdown_label(self) -> str:
        return str(Breakdown(self.element.breakdown).label).lower()

    @property
    def is_grid(self) -> bool:
        return self.element.breakdown == Breakdown.GENDER_AND_AGE

    @property
    def gender_labels(self) -> list[str]:
        return [str(label) for _code, label in GENDERS]


class ValuesForm(forms.Form):
    """An actor's counts for one period: a total per element, its breakdown
    cells and a comment. A correction also asks for the reason."""

    SAVE_DRAFT = "draft"
    SUBMIT = "submit"

    based_on = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        elements: Sequence[DataElement],
        previous_totals: Mapping[int, int],
        previous_period: Period | None = None,
        submitting: bool = False,
        correction: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.elements = list(elements)
        self.previous_totals = previous_totals
        self.submitting = submitting or correction
        self.correction = correction
        self.findings = Findings()
        for element in self.elements:
            total = self.fields[self.name(element.pk, TOTAL)] = _count_field(_("Totalt"))
            if element.pk in previous_totals and previous_period is not None:
                total.help_text = _("Förra perioden (%(period)s): %(count)s.") % {
                    "period": previous_period.label,
                    "count": previous_totals[element.pk],
                }
            for category in categories(element.breakdown):
                self.fields[self.name(element.pk, category.code)] = _count_field(category.label)
            self.fields[self.name(element.pk, COMMENT)] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                validators=GUARDED,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if correction:
            self.fields["reason"] = forms.CharField(
                label=_("Skäl till rättelsen"),
                validators=GUARDED,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Skälet sparas med rättelsen och syns i historiken."),
                error_messages={"required": _("Ange skälet till rättelsen.")},
            )
        if not self.is_bound:
            self._note_warnings(self._entries_from(self.initial))

    @staticmethod
    def name(element_id: int, code: str) -> str:
        """The field's name; category codes hold characters names should not."""
        safe = code.replace(":", "_").replace("|", "_").replace("-", "_")
        return f"e{element_id}_{safe}"

    @staticmethod
    def initial_from(entries: Mapping[int, ElementEntry], based_on: int) -> dict[str, Any]:
        initial: dict[str, Any] = {"based_on": based_on}
        for element_id, entry in entries.items():
            for code, value in entry.values.items():
                initial[ValuesForm.name(element_id, code)] = value
            initial[ValuesForm.name(element_id, COMMENT)] = entry.comment
        return initial

    def _entries_from(self, data: Mapping[str, Any]) -> dict[int, ElementEntry]:
        entries = {}
        for element in self.elements:
            codes = [TOTAL, *(category.code for category in categories(element.breakdown))]
            values = {code: data.get(self.name(element.pk, code)) for code in codes}
            comment = data.get(self.name(element.pk, COMMENT)) or ""
            entries[element.pk] = ElementEntry(values=values, comment=comment)
        return entries

    def entries(self) -> dict[int, ElementEntry]:
        """The counts as entered (after cleaning), by element id."""
        return self._entries_from(self.cleaned_data)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.findings = check_report(
            self.elements,
            self._entries_from(data),
            {} if self.correction else self.previous_totals,
            submitting=self.submitting,
        )
        for (element_id, code), messages in self.findings.errors.items():
            name = self.name(element_id, code)
            if name not in self.errors:
                for message in messages:
                    self.add_error(name, message)
        self._note_warnings(None)
        return data

    def _note_warnings(self, entries: Mapping[int, ElementEntry] | None) -> None:
        """Show implausible changes in the total's help text (so the input
        points at it), and say on the comment field that it is needed."""
        if entries is not None and not self.correction:
            self.findings = check_report(
                self.elements, entries, self.previous_totals, submitting=False
            )
        for element_id, warning in self.findings.warnings.items():
            total = self.fields[self.name(element_id, TOTAL)]
            if "field-warning" in str(total.help_text):
                continue
            total.help_text = format_html(
                '{}<span class="field-warning"><span aria-hidden="true">! </span>'
                "<strong>{}</strong> {}</span>",
                total.help_text,
                _("Kontrollera:"),
                warning,
            )
            self.fields[self.name(element_id, COMMENT)].help_text = _(
                "Krävs för att skicka in, eftersom antalet ändrats mycket sedan förra perioden."
            )

    @property
    def based_on_number(self) -> int:
        return int(self.cleaned_data.get("based_on") or 0)

    @property
    def reason_text(self) -> str:
        return cast(str, self.cleaned_data.get("reason", ""))

    def reason_field(self) -> forms.BoundField | None:
        return self["reason"] if self.correction else None

    def groups(self) -> list[ElementFields]:
        return [
            ElementFields(
                element=element,
                total=self[self.name(element.pk, TOTAL)],
                cells=[
                    (category, self[self.name(element.pk, category.code)])
                    for category in categories(element.breakdown)
                ],
                comment=self[self.name(element.pk, COMMENT)],
                previous=self.previous_totals.get(element.pk),
                warning=self.findings.warnings.get(element.pk, ""),
            )
            for element in self.elements
        ]


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    comment = forms.CharField(
        label=gettext_lazy("Kommentar till den som rapporterat"),
        required=False,
        validators=GUARDED,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Krävs när rapporten skickas tillbaka: skriv vad som behöver kompletteras."
        ),
    )
