"""Forms of the training pages. Free text goes through the personal-data guard;
choices are limited to the organisation's own lists, actors and plans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization, Unit
from handlingskraft.plans.models import Activity, Plan

from . import defaults
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    ProfessionalGroup,
    SurveyQuestion,
    Topic,
    Training,
    TrainingFormat,
)
from .services import LineInput, ParticipationRow, TrainingInput, YearInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

GUARDED = [validate_no_personal_data]
DATE_HELP = gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD.")


def _year_field(label: StrOrPromise, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=required,
        error_messages={
            "min_value": gettext_lazy("Året kan inte vara före %(limit_value)s."),
            "max_value": gettext_lazy("Året kan inte vara efter %(limit_value)s."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _count_field(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        error_messages={"min_value": gettext_lazy("Ett antal kan inte vara negativt.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _actors(organization: Organization) -> QuerySet[Actor]:
    return Actor.objects.filter(organization=organization).order_by("name")


def _choices(field: forms.Field) -> forms.ModelMultipleChoiceField:
    return cast(forms.ModelMultipleChoiceField, field)


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        activity = cast(Activity, obj)
        text = (
            activity.description
            if len(activity.description) <= 90
            else (activity.description[:88].rstrip() + " …")
        )
        if activity.goal is None:
            return text
        label = activity.plan.section_label.capitalize()
        return f"{label} {activity.goal.number}: {text}"


def plan_activities(organization: Organization) -> QuerySet[Activity]:
    """The activities of the current version of each of the organisation's plans."""
    plans = Plan.objects.filter(organization=organization).current_versions()
    return (
        Activity.objects.filter(plan__in=plans)
        .select_related("plan", "goal")
        .order_by("plan__title", "goal__number", "position", "pk")
    )


class TrainingForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=300, validators=GUARDED)
    description = forms.CharField(
        label=gettext_lazy("Beskrivning"),
        required=False,
        validators=GUARDED,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Innehåll, målgrupp och hur man anmäler sig. Inga namn på personer."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Form"), choices=TrainingFormat.choices, widget=forms.RadioSelect
    )
    is_ongoing = forms.BooleanField(
        label=gettext_lazy("Pågående, utan datum (till exempel en webbutbildning)"),
        required=False,
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Första dag"),
        required=False,
        help_text=DATE_HELP,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Sista dag"),
        required=False,
        help_text=DATE_HELP,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Ämnen"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Yrkesgrupper som utbildningen riktar sig till"),
        queryset=ProfessionalGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Arrangörer"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activities = ActivityChoiceField(
        label=gettext_lazy("Aktiviteter i planen som utbildningen hör till"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["topics"]).queryset = defaults.topics(organization)
        _choices(self.fields["target_groups"]).queryset = defaults.groups(organization)
        _choices(self.fields["organisers"]).queryset = _actors(organization)
        _choices(self.fields["activities"]).queryset = plan_activities(organization)

    @staticmethod
    def initial_for(training: Training) -> dict[str, Any]:
        return {
            "title": training.title,
            "description": training.description,
            "format": training.format,
            "is_ongoing": training.is_ongoing,
            "starts_on": training.starts_on,
            "ends_on": training.ends_on,
            "topics": list(training.topics.all()),
            "target_groups": list(training.target_groups.all()),
            "organisers": list(training.organisers.all()),
            # The activities of the current plan versions: a link made to an
            # earlier version carries over by lineage.
            "activities": list(
                plan_activities(training.organization).filter(
                    lineage__in=training.activities.values("lineage")
                )
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Sista dagen kan inte ligga före den första."))
        if not data.get("is_ongoing") and not starts_on and "starts_on" not in self.errors:
            self.add_error(
                "starts_on",
                _("Ange första dagen, eller kryssa i att utbildningen är pågående."),
            )
        return data

    def training_input(self) -> TrainingInput:
        data = self.cleaned_data
        return TrainingInput(
            title=data["title"],
            format=data["format"],
            description=data["description"],
            is_ongoing=data["is_ongoing"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            topics=list(data["topics"]),
            target_groups=list(data["target_groups"]),
            organisers=list(data["organisers"]),
            activities=list(data["activities"]),
        )


# --- participation -----------------------------------------------------------------


class ParticipationRowForm(forms.Form):
    year = _year_field(gettext_lazy("År"))
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Enhet"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Hela aktören"),
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Yrkesgrupp"),
        queryset=ProfessionalGroup.objects.none(),
        empty_label=gettext_lazy("Välj yrkesgrupp"),
    )
    participants = _count_field(gettext_lazy("Deltagare"))
    staff = _count_field(gettext_lazy("Personal i gruppen"))

    def __init__(
        self,
        *args: Any,
        units: list[Unit],
        groups: list[ProfessionalGroup],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The choices are read once for the whole formset, not once per row.
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        unit.queryset = Unit.objects.filter(pk__in=[entry.pk for entry in units])
        unit.choices = [("", unit.empty_label), *((entry.pk, entry.name) for entry in units)]
        group = cast(forms.ModelChoiceField, self.fields["group"])
        group.queryset = ProfessionalGroup.objects.filter(pk__in=[entry.pk for entry in groups])
        group.choices = [("", group.empty_label), *((entry.pk, entry.name) for entry in groups)]
        self.fields["staff"].help_text = _("Hur många som arbetar i gruppen, deltagare eller inte.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        participants, staff = data.get("participants"), data.get("staff")
        if participants is not None and staff is not None and participants > staff:
            self.add_error(
                "participants",
                _("Deltagarna kan inte vara fler än personalen i gruppen (%(staff)s).")
                % {"staff": staff},
            )
        return data

    def row(self) -> ParticipationRow:
        data = self.cleaned_data
        return ParticipationRow(
            year=data["year"],
            group=data["group"],
            participants=data["participants"],
            staff=data["staff"],
            unit=data["unit"],
        )


class RowsFormSet(forms.BaseFormSet):
    """A formset of rows: the existing rows (the initial forms) and blank ones
    to fill in; a row marked for removal and a blank row left blank are not kept."""

    def kept(self) -> list[forms.Form]:
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not getattr(form, "cleaned_data", {}).get("DELETE", False)
        ]


class BaseParticipationFormSet(RowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.kept():
            data = form.cleaned_data
            key = (data["year"], data["unit"], data["group"])
            if key in seen:
                form.add_error(
                    "group", _("Samma år, enhet och yrkesgrupp finns redan på en annan rad.")
                )
            seen.add(key)

    def rows(self) -> list[ParticipationRow]:
        return [cast(ParticipationRowForm, form).row() for form in self.kept()]


ParticipationFormSet = cast(
    type[BaseParticipationFormSet],
    forms.formset_factory(
        ParticipationRowForm, formset=BaseParticipationFormSet, extra=3, can_delete=True
    ),
)


# --- the competence plan -----------------------------------------------------------


class PlanLineForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=gettext_lazy("Aktör"),
        queryset=Actor.objects.none(),
        empty_label=gettext_lazy("Välj aktör"),
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Yrkesgrupp"),
        queryset=ProfessionalGroup.objects.none(),
        empty_label=gettext_lazy("Välj yrkesgrupp"),
    )
    trainings = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Utbildningar som personalen behöver"),
        queryset=Training.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Ämnen som personalen behöver kunskap om"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Varje ämne räknas som uppfyllt av den som gått en utbildning i ämnet. Utan "
            "utbildningar och ämnen räknas varje utbildning."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        validators=GUARDED,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["actor"]).queryset = _actors(organization)
        cast(forms.ModelChoiceField, self.fields["group"]).queryset = defaults.groups(organization)
        _choices(self.fields["trainings"]).queryset = Training.objects.filter(
            organization=organization
        ).order_by("title", "pk")
        _choices(self.fields["topics"]).queryset = defaults.topics(organization)


class YearRowForm(forms.Form):
    year = _year_field(gettext_lazy("År"))
    staff = _count_field(gettext_lazy("Personal"))
    target_share = forms.DecimalField(
        label=gettext_lazy("Mål, andel utbildade i procent"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "min_value": gettext_lazy("Målet anges i procent, mellan 0 och 100."),
            "max_value": gettext_lazy("Målet anges i procent, mellan 0 och 100."),
        },
    )

    def year_input(self) -> YearInput:
        data = self.cleaned_data
        return YearInput(data["year"], data["staff"], data["target_share"])


class BaseYearFormSet(RowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.kept():
            if form.cleaned_data["year"] in seen:
                form.add_error("year", _("Året finns redan på en annan rad."))
            seen.add(form.cleaned_data["year"])


YearFormSet = cast(
    type[BaseYearFormSet],
    forms.formset_factory(YearRowForm, formset=BaseYearFormSet, extra=2, can_delete=True),
)


def line_input(form: PlanLineForm, years: BaseYearFormSet) -> LineInput:
    data = form.cleaned_data
    return LineInput(
        actor=data["actor"],
        group=data["group"],
        trainings=list(data["trainings"]),
        topics=list(data["topics"]),
        note=data["note"],
        years=[cast(YearRowForm, year).year_input() for year in years.kept()],
    )


# --- settings and lists ------------------------------------------------------------


class SettingsForm(forms.Form):
    coordinating_actor = forms.ModelChoiceField(
        label=gettext_lazy("Samordnande aktör"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=gettext_lazy("Ingen samordnande aktör"),
        help_text=gettext_lazy(
            "Ska vara med bland arrangörerna när personal från mer än en förvaltning "
            "utbildas, till exempel Våldspreventivt center. En utbildning där så inte är "
            "fallet markeras."
        ),
    )
    survey_baseline_year = _year_field(gettext_lazy("Medarbetarenkätens nollmätning, år"))

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["coordinating_actor"])
        field.queryset = _actors(organization)


class ListRowForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=gettext_lazy("Benämning"), max_length=100, required=False, validators=GUARDED
    )
    is_active = forms.BooleanField(label=gettext_lazy("Används"), required=False, initial=True)


ListFormSet = forms.formset_factory(ListRowForm, extra=1)


# --- employee survey ---------------------------------------------------------------


class SurveyResultForm(forms.Form):
    year = _year_field(gettext_lazy("År"))
    question = forms.ChoiceField(
        label=gettext_lazy("Fråga"), choices=SurveyQuestion.choices, widget=forms.RadioSelect
    )
    actor = forms.ModelChoiceField(
        label=gettext_lazy("Aktör"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=gettext_lazy("Hela organisationen"),
    )
    share = forms.DecimalField(
        label=gettext_lazy("Andel som svarat ja, i procent"),
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "min_value": gettext_lazy("En andel anges i procent, mellan 0 och 100."),
            "max_value": gettext_lazy("En andel anges i procent, mellan 0 och 100."),
        },
    )
    respondents = forms.IntegerField(
        label=gettext_lazy("Antal svarande"),
        required=False,
        min_value=0,
        error_messages={"min_value": gettext_lazy("Ett antal kan inte vara negativt.")},
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["actor"]).queryset = _actors(organization)


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil (CSV)"),
        help_text=gettext_lazy(
            "Kolumnerna år;aktör;fråga;andel;svarande med rubrikrad. Tom aktör betyder hela "
            "organisationen."
        ),
    )
