"""Forms of the indicator pages. Free text goes through the personal-data
guard; the services decide what the data allows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.plans.models import Measure
from handlingskraft.plans.periods import Period, parse_period

from .models import Gender, SurveyAnswer, UnitSurveyAnswer
from .services import SurveyInput, ValueInput, value_problem

GUARDED = [validate_no_personal_data]
PERIOD_HELP = gettext_lazy("Ett år, till exempel 2025, eller ett tertial, till exempel 2025T1.")


class PeriodField(forms.CharField):
    """A period written as "2025" or "2025T1"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Period"))
        kwargs.setdefault("help_text", PERIOD_HELP)
        # No max_length: its validator would measure the Period, not the text.
        kwargs.setdefault("widget", forms.TextInput(attrs={"maxlength": 10, "size": 10}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Period | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class ValueForm(forms.Form):
    period = PeriodField()
    gender = forms.ChoiceField(
        label=gettext_lazy("Gäller"),
        choices=Gender.choices,
        initial=Gender.TOTAL,
        widget=forms.RadioSelect,
    )
    value = forms.DecimalField(
        label=gettext_lazy("Värde"),
        max_digits=14,
        decimal_places=4,
        localize=True,
        help_text=gettext_lazy("Med decimalkomma, till exempel 12,5."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        validators=GUARDED,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Till exempel varifrån siffran kommer eller vad som påverkat den."),
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure

    def clean_value(self) -> Decimal:
        value: Decimal = self.cleaned_data["value"]
        problem = value_problem(self.measure, value)
        if problem:
            raise ValidationError(problem)
        return value

    def value_input(self) -> ValueInput:
        data = self.cleaned_data
        return ValueInput(
            period=data["period"],
            gender=data["gender"],
            value=data["value"],
            comment=data["comment"],
        )


class SurveyForm(forms.Form):
    period = PeriodField()
    question = forms.CharField(
        label=gettext_lazy("Fråga"),
        validators=GUARDED,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Ställ frågan så att den kan besvaras med ja, nej eller delvis, till exempel "
            "”Har förskolan skapat rutiner för att upptäcka hedersrelaterat våld och förtryck "
            "samt könsstympning?”"
        ),
    )

    def survey_input(self) -> SurveyInput:
        return SurveyInput(
            period=self.cleaned_data["period"], question=self.cleaned_data["question"]
        )


class AnswerForm(forms.Form):
    """One respondent's answer; the form's prefix is the answer row's id."""

    answer = forms.ChoiceField(
        label=gettext_lazy("Svar"),
        choices=SurveyAnswer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        validators=GUARDED,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, row: UnitSurveyAnswer, disabled: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"svar-{row.pk}")
        kwargs.setdefault("initial", {"answer": row.answer, "comment": row.comment})
        super().__init__(*args, **kwargs)
        self.row = row
        self.fields["answer"].label = row.respondent_name
        self.fields["comment"].label = _("Kommentar om %(name)s") % {"name": row.respondent_name}
        for field in self.fields.values():
            field.disabled = disabled


class KoladaUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil från Kolada"),
        help_text=gettext_lazy("En JSON-fil i Koladas format (API version 3), högst 5 MB."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Filen är för stor; den får vara högst 5 MB."))
        return upload
