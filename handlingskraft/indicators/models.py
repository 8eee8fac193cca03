"""Measure values over time, and the unit surveys that shares are counted from.

Values are appended, never updated: the current value of a measure for a
period and gender is its latest row, and the older rows are its history. A
measure keeps its values across the versions of its plan: values are read by
the measure's lineage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.followup.models import FollowUpRound
from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization, Unit
from handlingskraft.plans.models import Measure, ShareOf
from handlingskraft.plans.periods import Period

GUARDED = [validate_no_personal_data]


class Gender(models.TextChoices):
    """Kolada's codes: T total, K women or girls, M men or boys."""

    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor/flickor")
    MEN = "M", _("Män/pojkar")


class ValueSource(models.TextChoices):
    MANUAL = "manual", _("Inmatat")
    UNIT_SURVEY = "unit_survey", _("Enhetsenkät")
    KOLADA = "kolada", _("Kolada")
    COMPETENCE_PLAN = "competence_plan", _("Kompetensförsörjningsplanen")


def _tertial_field() -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(
        _("tertial"), default=0, help_text=_("1–3 för ett tertial, 0 för hela året.")
    )


class MeasureValueQuerySet(models.QuerySet["MeasureValue"]):
    def of_measure(self, measure: Measure) -> MeasureValueQuerySet:
        """Every value entered for `measure` in any version of its plan (the
        same lineage within the same organisation), oldest first."""
        return self.filter(
            measure__lineage=measure.lineage,
            measure__plan__organization_id=measure.plan.organization_id,
        ).order_by("pk")

    def published(self) -> MeasureValueQuerySet:
        """Values public pages and the open API may show: of a measure that a
        published version of its plan holds (by lineage, so values entered
        under an earlier version count), for a period that a published round
        of that plan (any version) has reached, that is a round whose period
        ends in or after the period's last month. Until a follow-up covering a
        period is published, its values stay internal."""
        in_published_plan = Measure.objects.filter(
            lineage=OuterRef("measure__lineage"),
            plan__organization_id=OuterRef("measure__plan__organization_id"),
            plan__published_at__isnull=False,
        )
        covering_round = FollowUpRound.objects.published().filter(
            Q(period_end__year__gt=OuterRef("year"))
            | Q(period_end__year=OuterRef("year"), period_end__month__gte=OuterRef("last_month")),
            organization_id=OuterRef("measure__plan__organization_id"),
            plan__slug=OuterRef("measure__plan__slug"),
        )
        return self.annotate(
            last_month=Case(When(tertial=0, then=Value(12)), default=F("tertial") * 4)
        ).filter(Exists(in_published_plan), Exists(covering_round))


class MeasureValue(models.Model):
    """One value of a measure for a period and gender, as entered, surveyed or
    imported. Never updated: a correction is a new row."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="values", verbose_name=_("mått")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = _tertial_field()
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=4)
    comment = models.TextField(_("kommentar"), blank=True, validators=GUARDED)
    source = models.CharField(_("källa"), max_length=20, choices=ValueSource.choices)
    imported_on = models.DateField(_("importerat"), null=True, blank=True)
    survey = models.ForeignKey(
        "UnitSurvey",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("enhetsenkät"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerat av"),
    )
    entered_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    objects = MeasureValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        ordering = ["measure", "year", "tertial", "gender", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(tertial__lte=3), name="value_tertial_0_to_3"),
            models.CheckConstraint(
                condition=~Q(source=ValueSource.KOLADA) | Q(imported_on__isnull=False),
                name="kolada_value_has_import_date",
            ),
            models.CheckConstraint(
                condition=~Q(source=ValueSource.UNIT_SURVEY) | Q(survey__isnull=False),
                name="survey_value_has_survey",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period} {self.gender} = {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.tertial)


class SurveyState(models.TextChoices):
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")


class UnitSurvey(models.Model):
    """One question about a share measure, sent to every unit of a kind (or to
    every committee or administration) for one period. The respondents are
    fixed when the survey is sent: one answer row each."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="unit_surveys",
        verbose_name=_("organisation"),
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("mått")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = _tertial_field()
    question = models.TextField(_("fråga"), validators=GUARDED)
    respondent_kind = models.CharField(_("skickas till"), max_length=30, choices=ShareOf.choices)
    state = models.CharField(
        _("läge"), max_length=10, choices=SurveyState.choices, default=SurveyState.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enhetsenkät")
        verbose_name_plural = _("enhetsenkäter")
        ordering = ["-year", "-tertial", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "tertial"], name="one_survey_per_measure_and_period"
            ),
            models.CheckConstraint(condition=Q(tertial__lte=3), name="survey_tertial_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} ({self.period})"

    @property
    def period(self) -> Period:
        return Period(self.year, self.tertial)

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.OPEN


class SurveyAnswer(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvis")
    NO = "no", _("Nej")


class UnitSurveyAnswer(models.Model):
    """One respondent's answer: a unit (answered by its actor's members), or,
    for shares of committees or administrations, the actor itself. Blank until
    answered; changes are kept in the history."""

    survey = models.ForeignKey(
        UnitSurvey, on_delete=models.CASCADE, related_name="answers", verbose_name=_("enkät")
    )
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
    answer = models.CharField(_("svar"), max_length=10, choices=SurveyAnswer.choices, blank=True)
    comment = models.TextField(_("kommentar"), blank=True, validators=GUARDED)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på enhetsenkät")
        verbose_name_plural = _("svar på enhetsenkäter")
        ordering = ["survey", "actor__name", "unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "unit"],
                condition=Q(unit__isnull=False),
                name="one_answer_per_unit",
            ),
            models.UniqueConstraint(
                fields=["survey", "actor"],
                condition=Q(unit__isnull=True),
                name="one_answer_per_actor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_name}: {self.get_answer_display() or '–'}"

    @property
    def respondent_name(self) -> str:
        return self.unit.name if self.unit is not None else self.actor.name
