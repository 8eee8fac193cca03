"""Forms for editing a plan. They put every message next to its field, in
Swedish; the rules themselves live in `services.rules` and are checked again
when the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization

from .models import (
    Activity,
    ActivityStatus,
    Goal,
    Measure,
    Plan,
    Prerequisite,
    PreventionLevel,
    Responsibility,
)
from .services import rules
from .services.common import plain_decimal

FOREIGN_ACTOR = _("Välj en aktör i den egna organisationen.")
ACTOR_ERRORS = {"invalid_choice": FOREIGN_ACTOR, "invalid_pk_value": FOREIGN_ACTOR}


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanEditForm(forms.ModelForm):
    """What every editing form shares: the version token of the object being
    edited, the personal-data guard on every text field (also where the model
    field does not have it yet), and the fields grouped under headings."""

    version_token = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": _("Sidan saknar versionsuppgift. Ladda om sidan.")},
    )
    # (heading, field names); a heading of "" groups without a heading.
    sections: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version_token"]
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and validate_no_personal_data not in field.validators
            ):
                field.validators.append(validate_no_personal_data)

    def grouped_fields(self) -> list[tuple[Any, list[BoundField]]]:
        """The visible fields under their headings, for the template."""
        if not self.sections:
            return [("", list(self.visible_fields()))]
        return [
            (heading, [self[name] for name in names if name in self.fields])
            for heading, names in self.sections
        ]

    def actor_choices(self, organization: Organization, *names: str) -> None:
        """Offer only the organisation's own actors in the fields `names`."""
        actors = Actor.objects.filter(organization=organization).order_by("name")
        for name in names:
            field = self.fields[name]
            field.queryset = actors  # type: ignore[attr-defined]
            field.error_messages.update(ACTOR_ERRORS)


class PlanForm(PlanEditForm):
    sections = (
        (_("Planen"), ("title", "slug", "diarienummer")),
        (
            _("Vad delarna kallas"),
            ("section_label", "section_label_plural", "activity_label", "activity_label_plural"),
        ),
        (_("Vision och syfte"), ("vision", "purpose")),
        (_("Beslut och giltighet"), ("decided_by", "decided_on", "valid_from", "valid_until")),
        (
            _("Översyn och revidering"),
            ("annual_review", "evaluation_interval_years", "next_revision_year"),
        ),
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "slug",
            "diarienummer",
            "section_label",
            "section_label_plural",
            "activity_label",
            "activity_label_plural",
            "vision",
            "purpose",
            "decided_by",
            "decided_on",
            "valid_from",
            "valid_until",
            "annual_review",
            "evaluation_interval_years",
            "next_revision_year",
        ]
        widgets = {
            "vision": text_area(5),
            "purpose": text_area(5),
            "decided_on": date_input(),
            "valid_from": date_input(),
            "valid_until": date_input(),
        }
        help_texts = {
            "slug": _(
                "Används i planens adress. Små bokstäver a–z, siffror och bindestreck, "
                "till exempel handlingsplan-hedersrelaterat-vald."
            ),
            "diarienummer": _("Beslutsärendets nummer i diariet, till exempel KS/2024:118."),
            "decided_by": _("Den nämnd eller styrelse som antar planen."),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.actor_choices(organization, "decided_by")
        self.fields["decided_by"].empty_label = _("Inte angivet")  # type: ignore[attr-defined]
        self.fields["evaluation_interval_years"].widget.attrs.update(min=1, max=20)
        shared_slug = (
            self.instance.pk is not None
            and Plan.objects.filter(organization=organization, slug=self.instance.slug).count() > 1
        )
        if shared_slug:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _(
                "Kortnamnet delas av planens alla versioner och kan inte ändras här."
            )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        message = rules.plan_slug_message(self.organization, slug, self.instance)
        if message:
            raise forms.ValidationError(message)
        return slug

    def clean_evaluation_interval_years(self) -> int | None:
        years: int | None = self.cleaned_data["evaluation_interval_years"]
        if years is not None and not 1 <= years <= 20:
            raise forms.ValidationError(_("Ange ett antal år mellan 1 och 20."))
        return years

    def clean_next_revision_year(self) -> int | None:
        return clean_year(self.cleaned_data["next_revision_year"])


def clean_year(year: int | None) -> int | None:
    if year is not None and not 1990 <= year <= 2100:
        raise forms.ValidationError(_("Ange ett årtal med fyra siffror, till exempel 2026."))
    return year


class GoalForm(PlanEditForm):
    class Meta:
        model = Goal
        fields = ["number", "title", "description"]
        widgets = {"title": text_area(2), "description": text_area(5)}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["number"].min_value = 1  # type: ignore[attr-defined]
        self.fields["number"].widget.attrs["min"] = 1
        self.fields["number"].help_text = _(
            "Numret styr ordningen. Numret måste vara unikt i planen."
        )
        if self.instance.pk is None and not self.is_bound:
            numbers = plan.goals.values_list("number", flat=True)
            self.initial["number"] = max(numbers, default=0) + 1

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        if number < 1:
            raise forms.ValidationError(_("Numret måste vara 1 eller större."))
        message = rules.goal_number_message(self.plan, number, self.instance)
        if message:
            raise forms.ValidationError(message)
        return number


class PrerequisiteForm(PlanEditForm):
    class Meta:
        model = Prerequisite
        fields = ["text"]
        widgets = {"text": text_area(4)}
        labels = {"text": _("Förutsättning")}
        help_texts = {"text": _("Något som behöver vara på plats för att nå målbilden.")}


def goal_choices(form: PlanEditForm, plan: Plan) -> None:
    """The plan's goals in its own words ("Målbild 2: …"), or the plan as a whole."""
    field = form.fields["goal"]
    field.queryset = plan.goals.order_by("number")  # type: ignore[attr-defined]
    field.label = capfirst(plan.section_label)
    field.empty_label = _("Ingen – gäller hela planen")  # type: ignore[attr-defined]
    field.label_from_instance = lambda goal: f"{goal.number}. {goal.title}"  # type: ignore[attr-defined]
    field.error_messages["invalid_choice"] = _("Välj en %(label)s i den här planen.") % {
        "label": plan.section_label
    }


class MeasureForm(PlanEditForm):
    sections = (
        (_("Måttet"), ("goal", "statement", "direction", "unit_of_analysis", "data_source")),
        (
            _("Nollmätning och mål"),
            ("baseline_year", "baseline_value", "target_year", "target_value"),
        ),
        (_("Värden över tid"), ("kind", "share_of", "kolada_kpi")),
    )

    class Meta:
        model = Measure
        fields = [
            "goal",
            "statement",
            "direction",
            "unit_of_analysis",
            "data_source",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "kind",
            "share_of",
            "kolada_kpi",
        ]
        localized_fields = ["baseline_value", "target_value"]
        widgets = {
            "statement": text_area(3),
            "data_source": text_area(2),
            "direction": forms.RadioSelect,
        }
        help_texts = {
            "statement": _("Till exempel ”Andelen förskolor som har genomfört utbildningen ökar”."),
            "unit_of_analysis": _("Vad som räknas, till exempel förskolor eller elever i år 9."),
            "baseline_value": _("Med decimalkomma, till exempel 12,5."),
            "target_value": _("Med decimalkomma, till exempel 80."),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal_choices(self, plan)
        self.fields["direction"].choices = list(self.fields["direction"].choices)[1:]  # type: ignore[attr-defined]
        for name in ("baseline_value", "target_value"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"
            value = getattr(self.instance, name)
            if value is not None and not self.is_bound:
                self.initial[name] = plain_decimal(value)

    def clean_baseline_year(self) -> int | None:
        return clean_year(self.cleaned_data["baseline_year"])

    def clean_target_year(self) -> int | None:
        return clean_year(self.cleaned_data["target_year"])


class ActivityForm(PlanEditForm):
    responsible_actors = forms.ModelMultipleChoiceField(
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Ansvariga aktörer"),
    )
    lead = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        blank=True,
        empty_label=_("Ingen"),
        label=_("Leder arbetet"),
        help_text=_("Den som leder arbetet måste vara en av de ansvariga aktörerna."),
    )

    sections = (
        ("", ("goal", "description", "partner_note", "prevention_level")),
        (_("Ansvar"), ("responsible_actors", "lead")),
        (_("Tid"), ("starts_on", "due_on", "recurrence")),
        (_("Status"), ("status", "status_date", "status_note")),
    )

    class Meta:
        model = Activity
        fields = [
            "goal",
            "description",
            "partner_note",
            "prevention_level",
            "starts_on",
            "due_on",
            "recurrence",
            "status",
            "status_note",
            "status_date",
        ]
        widgets = {
            "description": text_area(4),
            "partner_note": text_area(2),
            "status_note": text_area(3),
            "prevention_level": forms.RadioSelect,
            "starts_on": date_input(),
            "due_on": date_input(),
            "status_date": date_input(),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal_choices(self, plan)
        self.actor_choices(plan.organization, "responsible_actors", "lead")
        self.fields["description"].label = capfirst(plan.activity_label)
        level = self.fields["prevention_level"]
        level.choices = [("", _("Inte angiven")), *PreventionLevel.choices]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("Ingen status angiven")), *ActivityStatus.choices]  # type: ignore[attr-defined]
        if self.instance.pk is not None and not self.is_bound:
            assignments = list(self.instance.assignments.select_related("actor"))
            self.initial["responsible_actors"] = [row.actor for row in assignments]
            self.initial["lead"] = next((row.actor for row in assignments if row.is_lead), None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "responsible_actors" in cleaned and cleaned.get("lead") is not None:
            message = rules.lead_message(cleaned["responsible_actors"], cleaned["lead"])
            if message:
                self.add_error("lead", message)
        return cleaned


class ResponsibilityForm(PlanEditForm):
    class Meta:
        model = Responsibility
        fields = ["actor", "title", "text", "followed_up_by"]
        widgets = {"text": text_area(6)}
        help_texts = {
            "title": _("Till exempel ”Socialnämndens ansvar”. Utan rubrik visas aktörens namn."),
            "followed_up_by": _("Den aktör som följer upp att ansvaret tas."),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor_choices(plan.organization, "actor", "followed_up_by")
        self.fields["actor"].empty_label = _("Välj aktör")  # type: ignore[attr-defined]
        self.fields["followed_up_by"].empty_label = _("Inte angivet")  # type: ignore[attr-defined]
