"""The statistics collection: data sets of aggregate counts (never persons) that
actors report per period, reviewed and approved by the coordinator.

Values are appended, never overwritten. One save of an actor's report for a
period is a version: one row per element and category, all with the same
number, state and time. A save that lost a race is kept too, marked as a
conflict, so no figure is lost; approval and corrections append a version."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period

from .categories import Breakdown
from .disclosure import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD

GUARDED = [validate_no_personal_data]
MAXIMUM_THRESHOLD = 20


class StatisticsSettings(models.Model):
    """An organisation's settings for its statistics (one row, created when changed)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="statistics_settings"
    )
    disclosure_threshold = models.PositiveSmallIntegerField(
        _("gräns för små tal"),
        default=DEFAULT_THRESHOLD,
        validators=[
            MinValueValidator(
                MINIMUM_THRESHOLD,
                _("Gränsen kan inte vara lägre än %(limit_value)s."),
            ),
            MaxValueValidator(
                MAXIMUM_THRESHOLD, _("Gränsen kan inte vara högre än %(limit_value)s.")
            ),
        ],
        help_text=_(
            "Antal från 1 upp till gränsen visas inte för andra än den som rapporterat "
            "och samordnaren. Med gränsen 5 visas 1–4 som ”<5”."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inställningar för statistik")
        verbose_name_plural = _("inställningar för statistik")
        constraints = [
            models.CheckConstraint(
                condition=Q(disclosure_threshold__gte=MINIMUM_THRESHOLD),
                name="statistics_threshold_at_least_minimum",
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @staticmethod
    def threshold_for(organization: Organization) -> int:
        """The organisation's disclosure threshold (the default until it is set)."""
        row = StatisticsSettings.objects.filter(organization=organization).first()
        return row.disclosure_threshold if row else DEFAULT_THRESHOLD


class Frequency(models.TextChoices):
    YEARLY = "yearly", _("En gång om året")
    TERTIAL = "tertial", _("Varje tertial")


class DataSet(models.Model):
    """A collection of counts the organisation gathers, such as Botkyrka's pilot survey."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="data_sets",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("namn"), max_length=200, validators=GUARDED)
    description = models.TextField(_("beskrivning"), blank=True, validators=GUARDED)
    frequency = models.CharField(
        _("rapporteras"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY
    )
    first_year = models.PositiveSmallIntegerField(
        _("första året"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Det första år som värden samlas in för."),
    )
    is_example = models.BooleanField(
        _("exempel"),
        default=False,
        help_text=_("Förslag från handlingsplanen som samordnaren kan ändra eller ta bort."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("datamängd")
        verbose_name_plural = _("datamängder")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="data_set_name_unique_in_organization"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def periods(self, today: datetime.date) -> list[Period]:
        """The periods values can be reported for, up to the one `today` is in,
        newest first."""
        parts = [1, 2, 3] if self.frequency == Frequency.TERTIAL else [0]
        current = Period(today.year, (today.month - 1) // 4 + 1 if parts != [0] else 0)
        periods = [
            Period(year, part) for year in range(self.first_year, today.year + 1) for part in parts
        ]
        return sorted((p for p in periods if p.sort_key <= current.sort_key), reverse=True)

    def previous_period(self, period: Period) -> Period:
        if self.frequency == Frequency.TERTIAL and period.tertial > 1:
            return Period(period.year, period.tertial - 1)
        return Period(period.year - 1, 3 if self.frequency == Frequency.TERTIAL else 0)

    def has_period(self, period: Period) -> bool:
        if period.year < self.first_year:
            return False
        return bool(period.tertial) == (self.frequency == Frequency.TERTIAL)


code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Koden får bara innehålla bokstäver a–z, siffror, punkt, bindestreck och understreck."),
)


class DataElement(models.Model):
    """One count in a data set, such as "concern reports about HRV"."""

    data_set = models.ForeignKey(
        DataSet, on_delete=models.CASCADE, related_name="elements", verbose_name=_("datamängd")
    )
    code = models.CharField(_("kod"), max_length=20, validators=[code_validator])
    name = models.CharField(_("namn"), max_length=200, validators=GUARDED)
    definition = models.TextField(
        _("definition"),
        validators=GUARDED,
        help_text=_("Vad som räknas och vad som inte räknas, så att alla räknar lika."),
    )
    unit = models.CharField(_("enhet"), max_length=40, default="antal", validators=GUARDED)
    breakdown = models.CharField(
        _("uppdelning"), max_length=20, choices=Breakdown.choices, default=Breakdown.NONE
    )
    actors = models.ManyToManyField(
        Actor, related_name="data_elements", verbose_name=_("rapporteras av")
    )
    reported_to = models.CharField(
        _("lämnas vidare till"),
        max_length=200,
        blank=True,
        validators=GUARDED,
        help_text=_(
            "Till exempel Nationella kompetensteamet mot hedersrelaterat våld och förtryck."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppgift")
        verbose_name_plural = _("uppgifter")
        ordering = ["data_set", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["data_set", "code"], name="element_code_unique_in_data_set"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ValueState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    APPROVED = "approved", _("Godkänd och låst")


class DataValueQuerySet(models.QuerySet["DataValue"]):
    def of_report(self, data_set: DataSet, actor: Actor, period: Period) -> DataValueQuerySet:
        """Every row of one actor's report for one period, all versions."""
        return self.filter(
            element__data_set=data_set,
            actor=actor,
            year=period.year,
            tertial=period.tertial,
        )

    def in_period(self, period: Period) -> DataValueQuerySet:
        return self.filter(year=period.year, tertial=period.tertial)


class DataValue(models.Model):
    """One count in one saved version of an actor's report: the element's
    total (category "total", which also carries the comment) or one cell of
    its breakdown. Never updated."""

    element = models.ForeignKey(
        DataElement, on_delete=models.PROTECT, related_name="values", verbose_name=_("uppgift")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="+", verbose_name=_("aktör")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"), default=0, help_text=_("1–3 för ett tertial, 0 för hela året.")
    )
    category = models.CharField(_("kategori"), max_length=40)
    value = models.PositiveIntegerField(_("antal"))
    comment = models.TextField(_("kommentar"), blank=True, validators=GUARDED)
    state = models.CharField(_("läge"), max_length=10, choices=ValueState.choices)
    reason = models.TextField(
        _("skäl"),
        blank=True,
        validators=GUARDED,
        help_text=_("Skälet till en rättelse, eller vad som ska kompletteras."),
    )
    number = models.PositiveIntegerField(_("version"))
    is_conflict = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set by the services, the same for every row of one save: with the number
    # it tells the versions apart (conflicting saves share a number).
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = DataValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        ordering = ["actor", "year", "tertial", "number", "element", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "actor", "year", "tertial", "category", "number"],
                condition=Q(is_conflict=False),
                name="value_unique_per_version",
            ),
            models.CheckConstraint(condition=Q(tertial__lte=3), name="value_tertial_in_range"),
        ]
        indexes = [models.Index(fields=["actor", "year", "tertial", "number"])]

    def __str__(self) -> str:
        return f"{self.element} {self.category}: {self.value}"
