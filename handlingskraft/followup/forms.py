"""Forms of the follow-up pages. Free text goes through the personal-data guard;
the services decide what the round's state allows."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import Plan

from .defaults import status_options
from .models import (
    Assessment,
    AssessmentOption,
    Consolidation,
    RoundKind,
    StatusOption,
    StatusReport,
)
from .services import ReportInput, RoundInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

GUARDED = [validate_no_personal_data]
DATE_HELP = gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD.")


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label, help_text=DATE_HELP, widget=forms.DateInput(attrs={"type": "date"})
    )


def _text_field(
    label: StrOrPromise,
    *,
    required: bool = False,
    rows: int = 5,
    help_text: StrOrPromise = "",
    error_messages: dict[str, StrOrPromise] | None = None,
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        validators=GUARDED,
        help_text=help_text,
        error_messages=error_messages,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _status_choices(organization: Organization) -> QuerySet[StatusOption]:
    """The organisation's active status list (created from the defaults the first time)."""
    status_options(organization)
    return StatusOption.objects.filter(organization=organization, is_active=True).order_by(
        "position", "pk"
    )


def _based_on_field() -> forms.IntegerField:
    # The version the user loaded; a missing or odd value counts as "none".
    return forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class RoundForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Plan"),
        queryset=Plan.objects.none(),
        empty_label=gettext_lazy("Välj plan"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Typ av uppföljning"), choices=RoundKind.choices)
    name = forms.CharField(
        label=gettext_lazy("Namn"),
        max_length=200,
        validators=GUARDED,
        help_text=gettext_lazy("Till exempel Årsuppföljning 2025 eller Tertial 1 2026."),
    )
    period_start = _date_field(gettext_lazy("Perioden börjar"))
    period_end = _date_field(gettext_lazy("Perioden slutar"))
    opens_on = _date_field(gettext_lazy("Öppnar för rapportering"))
    deadline = _date_field(gettext_lazy("Sista dag att rapportera"))

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["plan"])
        field.queryset = (
            Plan.objects.filter(organization=organization).current_versions().order_by("title")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Perioden kan inte sluta innan den börjar."))
        opens_on, deadline = data.get("opens_on"), data.get("deadline")
        if opens_on and deadline and deadline < opens_on:
            self.add_error(
                "deadline", _("Sista dag att rapportera kan inte ligga före öppningsdagen.")
            )
        return data

    def round_input(self) -> RoundInput:
        data = self.cleaned_data
        return RoundInput(
            kind=data["kind"],
            name=data["name"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            opens_on=data["opens_on"],
            deadline=data["deadline"],
        )

    @staticmethod
    def suggested_initial(today: datetime.date) -> dict[str, Any]:
        """Last year's annual follow-up, open from today for a month."""
        year = today.year - 1
        return {
            "kind": RoundKind.ANNUAL,
            "name": _("Årsuppföljning %(year)s") % {"year": year},
            "period_start": datetime.date(year, 1, 1),
            "period_end": datetime.date(year, 12, 31),
            "opens_on": today,
            "deadline": today + datetime.timedelta(days=30),
        }


def validate_evidence_links(value: str) -> None:
    """Every non-empty line must be an http(s) address."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            check(line)
        except ValidationError:
            # The line itself is not repeated: it might hold what the guard refuses.
            raise ValidationError(
                _("Rad %(number)s är inte en webbadress som börjar med http:// eller https://."),
                params={"number": number},
                code="invalid_link",
            ) from None


class ReportForm(forms.Form):
    SAVE_DRAFT = "draft"
    SUBMIT = "submit"

    status = forms.ModelChoiceField(
        label=gettext_lazy("Status"),
        queryset=StatusOption.objects.none(),
        required=False,
        empty_label=gettext_lazy("Välj status"),
        help_text=gettext_lazy("Krävs för att skicka in, inte för att spara ett utkast."),
    )
    done = _text_field(gettext_lazy("Vad som gjorts under perioden"), rows=6)
    next_steps = _text_field(gettext_lazy("Nästa steg"))
    obstacles = _text_field(gettext_lazy("Hinder"), rows=4)
    evidence_links = forms.CharField(
        label=gettext_lazy("Länkar till underlag"),
        required=False,
        validators=[*GUARDED, validate_evidence_links],
        help_text=gettext_lazy("En webbadress per rad, som börjar med https://."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    based_on = _based_on_field()

    def __init__(
        self, *args: Any, organization: Organization, submitting: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        cast(forms.ModelChoiceField, self.fields["status"]).queryset = _status_choices(organization)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.submitting and "status" in data and data["status"] is None:
            self.add_error("status", _("Välj en status innan du skickar in."))
        return data

    @classmethod
    def initial_from(cls, report: StatusReport | None, based_on: int) -> dict[str, Any]:
        """The form's starting values: the given version's text, checked against `based_on`."""
        if report is None:
            return {"based_on": based_on}
        return {
            "status": report.status_id,
            "done": report.done,
            "next_steps": report.next_steps,
            "obstacles": report.obstacles,
            "evidence_links": report.evidence_links,
            "based_on": based_on,
        }

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            status=data["status"],
            done=data["done"],
            next_steps=data["next_steps"],
            obstacles=data["obstacles"],
            evidence_links=data["evidence_links"],
        )

    @property
    def based_on_number(self) -> int:
        return int(self.cleaned_data.get("based_on") or 0)


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    comment = _text_field(
        gettext_lazy("Kommentar till den som rapporterat"),
        rows=4,
        help_text=gettext_lazy(
            "Krävs när rapporten skickas tillbaka: skriv vad som behöver kompletteras."
        ),
    )


class ConsolidationForm(forms.Form):
    status = forms.ModelChoiceField(
        label=gettext_lazy("Samlad status"),
        queryset=StatusOption.objects.none(),
        empty_label=gettext_lazy("Välj status"),
    )
    text = _text_field(gettext_lazy("Samlad beskrivning"), required=True, rows=6)
    based_on = _based_on_field()

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["status"]).queryset = _status_choices(organization)

    @staticmethod
    def initial_from(row: Consolidation | None, based_on: int) -> dict[str, Any]:
        if row is None:
            return {"based_on": based_on}
        return {"status": row.status_id, "text": row.text, "based_on": based_on}

    @property
    def based_on_number(self) -> int:
        return int(self.cleaned_data.get("based_on") or 0)


class AssessmentForm(forms.Form):
    option = forms.ModelChoiceField(
        label=gettext_lazy("Bedömning"),
        queryset=AssessmentOption.objects.none(),
        required=False,
        empty_label=gettext_lazy("Ingen bedömning ännu"),
    )
    analysis = _text_field(gettext_lazy("Analys"), rows=4)

    def __init__(
        self,
        *args: Any,
        options: list[AssessmentOption],
        assessment: Assessment | None,
        **kwargs: Any,
    ) -> None:
        if assessment is not None:
            kwargs["initial"] = {"option": assessment.option_id, "analysis": assessment.analysis}
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["option"])
        field.queryset = AssessmentOption.objects.filter(pk__in=[o.pk for o in options])


class LockForm(forms.Form):
    allow_missing = forms.BooleanField(
        label=gettext_lazy("Stäng med saknade rapporter"),
        required=False,
        help_text=gettext_lazy(
            "Omgången låses även om rapporterna ovan inte är godkända. "
            "Det syns i uppföljningen att rapporter saknas."
        ),
    )

    def __init__(self, *args: Any, missing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.missing = missing

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.missing and not data.get("allow_missing"):
            self.add_error(
                "allow_missing",
                _("Kryssa i rutan för att låsa omgången trots att rapporter saknas."),
            )
        return data


class ReopenForm(forms.Form):
    reason = _text_field(
        gettext_lazy("Skäl till att omgången öppnas igen"),
        required=True,
        rows=4,
        help_text=gettext_lazy("Skälet sparas i omgångens logg."),
        error_messages={"required": gettext_lazy("Ange varför omgången öppnas igen.")},
    )
