"""Staff training against violence: the trainings an organisation holds, how
many staff of each professional group took part (counts, never names), the
competence supply plan (kompetensförsörjningsplan) with staff numbers and
target shares per year, and the employee survey's aggregate results.

Counts are changed in place rather than appended: each change is kept in the
history, and the participation form refuses a save based on figures someone
else has changed in the meantime."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization, Unit
from handlingskraft.plans.models import Activity, Measure

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

GUARDED = [validate_no_personal_data]
FIRST_YEAR, LAST_YEAR = 2000, 2100
BASELINE_YEAR = 2022


def _year_field(label: StrOrPromise, **options: Any) -> models.PositiveSmallIntegerField[Any, Any]:
    return models.PositiveSmallIntegerField(
        label,
        validators=[
            MinValueValidator(FIRST_YEAR, _("Året kan inte vara före %(limit_value)s.")),
            MaxValueValidator(LAST_YEAR, _("Året kan inte vara efter %(limit_value)s.")),
        ],
        **options,
    )


def _share_field(label: StrOrPromise, **options: Any) -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        validators=[
            MinValueValidator(0, _("En andel kan inte vara under 0 procent.")),
            MaxValueValidator(100, _("En andel kan inte vara över 100 procent.")),
        ],
        **options,
    )


class ListEntry(models.Model):
    """An entry of one of the organisation's own lists: the topics trainings
    cover, the professional groups they are for. Entries are never deleted
    (trainings point at them): one is taken out of use instead."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("benämning"), max_length=100, validators=GUARDED)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("används"), default=True)

    class Meta:
        abstract = True
        ordering = ["organization", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class Topic(ListEntry):
    """What a training is about: HRV, könsstympning, våld i nära relationer …"""

    history = HistoricalRecords()

    class Meta(ListEntry.Meta):
        verbose_name = _("ämne")
        verbose_name_plural = _("ämnen")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="topic_name_unique_in_organization"
            )
        ]


class ProfessionalGroup(ListEntry):
    """Whom a training is for: förskola, skola, fritid och kultur …"""

    history = HistoricalRecords()

    class Meta(ListEntry.Meta):
        verbose_name = _("yrkesgrupp")
        verbose_name_plural = _("yrkesgrupper")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="group_name_unique_in_organization"
            )
        ]


class TrainingSettings(models.Model):
    """The organisation's settings for training (one row, created when changed)."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="training_settings",
        verbose_name=_("organisation"),
    )
    coordinating_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samordnande aktör"),
        help_text=_(
            "Aktören som ska vara med och arrangera när personal från mer än en förvaltning "
            "utbildas, till exempel Våldspreventivt center."
        ),
    )
    survey_baseline_year = _year_field(
        _("medarbetarenkätens nollmätning, år"), default=BASELINE_YEAR
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inställningar för utbildning")
        verbose_name_plural = _("inställningar för utbildning")

    def __str__(self) -> str:
        return str(self.organization)

    def clean(self) -> None:
        actor = self.coordinating_actor
        if actor is not None and actor.organization_id != self.organization_id:
            raise ValidationError(
                {"coordinating_actor": _("Aktören måste höra till samma organisation.")}
            )


class TrainingFormat(models.TextChoices):
    WEB = "web", _("Webbaserad")
    IN_PERSON = "in_person", _("På plats")
    MIXED = "mixed", _("Blandad")


class Training(models.Model):
    """A training or a course, held once, on dates, or ongoing (web courses)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="trainings",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("titel"), max_length=300, validators=GUARDED)
    description = models.TextField(_("beskrivning"), blank=True, validators=GUARDED)
    format = models.CharField(_("form"), max_length=20, choices=TrainingFormat.choices)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="trainings", verbose_name=_("ämnen")
    )
    target_groups = models.ManyToManyField(
        ProfessionalGroup, blank=True, related_name="trainings", verbose_name=_("yrkesgrupper")
    )
    organisers = models.ManyToManyField(
        Actor, blank=True, related_name="organised_trainings", verbose_name=_("arrangörer")
    )
    is_ongoing = models.BooleanField(
        _("pågående"), default=False, help_text=_("Till exempel en webbutbildning utan datum.")
    )
    starts_on = models.DateField(_("första dag"), null=True, blank=True)
    ends_on = models.DateField(_("sista dag"), null=True, blank=True)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="trainings", verbose_name=_("aktiviteter i planen")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utbildning")
        verbose_name_plural = _("utbildningar")
        ordering = ["organization", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="training_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """How many staff of one professional group at an actor (or one of its
    units) took part in a training during a year, out of how many staff that
    group has there. Counts only: nobody is named."""

    training = models.ForeignKey(
        Training,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("utbildning"),
    )
    year = _year_field(_("år"))
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="+", verbose_name=_("aktör")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet"),
    )
    group = models.ForeignKey(
        ProfessionalGroup,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("yrkesgrupp"),
    )
    participants = models.PositiveIntegerField(_("deltagare"))
    staff = models.PositiveIntegerField(_("personal i gruppen"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("registrerat"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltagande")
        ordering = ["training", "year", "actor__name", "unit__name", "group__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__lte=models.F("staff")),
                name="participants_at_most_staff",
            ),
            models.UniqueConstraint(
                fields=["training", "year", "actor", "group"],
                condition=Q(unit__isnull=True),
                name="one_participation_per_actor_and_group",
            ),
            models.UniqueConstraint(
                fields=["training", "year", "unit", "group"],
                condition=Q(unit__isnull=False),
                name="one_participation_per_unit_and_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training} {self.year}: {self.participants}/{self.staff}"


class CompetencePlanLine(models.Model):
    """One line of the organisation's competence supply plan: what the staff
    of one professional group at one actor need (trainings, or topics any
    training may cover), with the staff numbers and target shares per year."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="competence_plan_lines",
        verbose_name=_("organisation"),
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="+", verbose_name=_("aktör")
    )
    group = models.ForeignKey(
        ProfessionalGroup,
        on_delete=models.PROTECT,
        related_name="competence_plan_lines",
        verbose_name=_("yrkesgrupp"),
    )
    trainings = models.ManyToManyField(
        Training, blank=True, related_name="competence_plan_lines", verbose_name=_("utbildningar")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="competence_plan_lines", verbose_name=_("ämnen")
    )
    note = models.TextField(_("kommentar"), blank=True, validators=GUARDED)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rad i kompetensförsörjningsplanen")
        verbose_name_plural = _("rader i kompetensförsörjningsplanen")
        ordering = ["organization", "actor__name", "group__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "group"], name="one_line_per_actor_and_group")
        ]

    def __str__(self) -> str:
        return f"{self.actor}: {self.group}"


class CompetenceYear(models.Model):
    """A year of a competence-plan line: how many staff the group has, and the
    share of them that should have the training by the end of the year."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    line = models.ForeignKey(
        CompetencePlanLine, on_delete=models.CASCADE, related_name="years", verbose_name=_("rad")
    )
    year = _year_field(_("år"))
    staff = models.PositiveIntegerField(_("personal"))
    target_share = _share_field(_("mål, andel i procent"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("år i kompetensförsörjningsplanen")
        verbose_name_plural = _("år i kompetensförsörjningsplanen")
        ordering = ["line", "year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="one_competence_year_per_line"),
            models.CheckConstraint(
                condition=Q(target_share__isnull=True)
                | Q(target_share__gte=0, target_share__lte=100),
                name="competence_target_is_a_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.year}"


class SurveyQuestion(models.TextChoices):
    OFFERED_TRAINING = "offered_training", _("Erbjuden utbildning i HRV")
    EXPOSED_AT_WORK = "exposed_at_work", _("Utsatt för våld i arbetet")


class EmployeeSurveyResult(models.Model):
    """One aggregate result of the employee survey (medarbetarenkäten): the
    share answering yes to a question, for a year, for one actor or (without
    an actor) the whole organisation."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="employee_survey_results",
        verbose_name=_("organisation"),
    )
    year = _year_field(_("år"))
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktör"),
    )
    question = models.CharField(_("fråga"), max_length=30, choices=SurveyQuestion.choices)
    share = _share_field(_("andel ja, procent"))
    respondents = models.PositiveIntegerField(_("antal svarande"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("registrerat"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resultat i medarbetarenkäten")
        verbose_name_plural = _("resultat i medarbetarenkäten")
        ordering = ["organization", "question", "year", "actor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "question"],
                condition=Q(actor__isnull=True),
                name="one_survey_result_per_organization",
            ),
            models.UniqueConstraint(
                fields=["organization", "year", "question", "actor"],
                condition=Q(actor__isnull=False),
                name="one_survey_result_per_actor",
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0, share__lte=100), name="survey_result_is_a_share"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_question_display()} {self.year}: {self.share} %"


class CoverageBasis(models.TextChoices):
    ACTORS = "actors", _("Andel aktörer i kompetensplanen som nått årets mål")
    STAFF = "staff", _("Andel av personalen i kompetensplanen som fått utbildningen")


class CoverageMeasure(models.Model):
    """A measure whose values are computed from the competence plan instead
    of being typed in. Set on one version of the measure; it feeds the
    measure in every version of its plan (values follow the lineage)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, related_name="coverage_feed", verbose_name=_("mått")
    )
    basis = models.CharField(_("räknas som"), max_length=10, choices=CoverageBasis.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mått som räknas från kompetensplanen")
        verbose_name_plural = _("mått som räknas från kompetensplanen")

    def __str__(self) -> str:
        return f"{self.measure}: {self.get_basis_display()}"
