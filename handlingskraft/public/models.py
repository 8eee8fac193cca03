"""What only the public side needs: the help page's contacts and texts, the
publication of statistics, and the shared indicators organisations are
compared on. Plans and rounds carry their own publication (published_at)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.datacollection.models import DataSet
from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import kolada_kpi_validator

from .languages import BY_CODE, direction_of, language_choices

GUARDED = [validate_no_personal_data]

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 -]{1,22}[0-9]$",
    _("Skriv telefonnumret med siffror, gärna med mellanslag eller bindestreck: 020-50 50 50."),
)


class ContactKind(models.TextChoices):
    EMERGENCY = "emergency", _("Nödnummer")
    SOCIAL_SERVICES = "social_services", _("Socialtjänsten")
    NATIONAL_HELPLINE = "national_helpline", _("Nationell stödlinje")
    REGIONAL_RESOURCE_CENTRE = "regional_resource_centre", _("Regionalt resurscentrum")
    WOMENS_SHELTER = "womens_shelter", _("Kvinno- eller tjejjour")
    OTHER = "other", _("Annan kontakt")


class HelpContactQuerySet(models.QuerySet["HelpContact"]):
    def shown(self) -> HelpContactQuerySet:
        """Contacts the public help page shows: those with a way to reach
        them (a phone number or a web address)."""
        return self.exclude(phone="", web="")


class HelpContact(models.Model):
    """Somewhere to turn for help, on the organisation's help page."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="help_contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("namn"), max_length=200, validators=GUARDED)
    kind = models.CharField(_("slag"), max_length=30, choices=ContactKind.choices)
    phone = models.CharField(
        _("telefonnummer"), max_length=24, blank=True, validators=[phone_validator]
    )
    web = models.URLField(_("webbadress"), blank=True, help_text=_("Börja med https://."))
    text = models.TextField(
        _("text"),
        blank=True,
        validators=GUARDED,
        help_text=_("Vem kontakten är till för och när den har öppet."),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_example = models.BooleanField(
        _("exempel att kontrollera"),
        default=False,
        help_text=_("Förifyllda uppgifter som samordnaren ska kontrollera."),
    )

    objects = HelpContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontakt för stöd och hjälp")
        verbose_name_plural = _("kontakter för stöd och hjälp")
        ordering = ["organization", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_link(self) -> str:
        """The number for a tel: link: digits and a leading plus only."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


class HelpText(models.Model):
    """The help page's texts in one language: for young people and for
    professionals who meet them."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="help_texts",
        verbose_name=_("organisation"),
    )
    language = models.CharField(_("språk"), max_length=10, choices=language_choices)
    heading = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        validators=GUARDED,
        help_text=_("”Få stöd och hjälp” på språket. Lämnas den tom används den svenska rubriken."),
    )
    young_people = models.TextField(_("text för barn och unga"), validators=GUARDED)
    professionals = models.TextField(_("text för yrkesverksamma"), blank=True, validators=GUARDED)
    is_example = models.BooleanField(_("exempel att kontrollera"), default=False)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("text för stöd och hjälp")
        verbose_name_plural = _("texter för stöd och hjälp")
        ordering = ["organization", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "language"], name="one_help_text_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.language}"

    @property
    def direction(self) -> str:
        """ "rtl" or "ltr", from the language code."""
        return direction_of(self.language)

    @property
    def native_name(self) -> str:
        language = BY_CODE.get(self.language)
        return language.native_name if language else self.language

    @property
    def language_name(self) -> str:
        language = BY_CODE.get(self.language)
        return str(language.name) if language else self.language


class DataSetPublication(models.Model):
    """That a data set's approved statistics are public, after disclosure
    control. A data set without a row, or with `published_at` empty, is not."""

    data_set = models.OneToOneField(
        DataSet, on_delete=models.CASCADE, related_name="publication", verbose_name=_("datamängd")
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publicering av statistik")
        verbose_name_plural = _("publiceringar av statistik")

    def __str__(self) -> str:
        return str(self.data_set)

    @property
    def organization_id(self) -> int:
        # The audit log finds the organisation through this.
        return self.data_set.organization_id


shared_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Koden får bara innehålla bokstäver a–z, siffror, punkt, bindestreck och understreck."),
)


class SharedIndicator(models.Model):
    """An indicator defined once for several organisations (by a regional or
    national body), so that their measures can be compared. A measure is
    linked to it by the Kolada KPI id it names, or by the coordinator."""

    code = models.CharField(
        _("kod"), max_length=40, unique=True, validators=[shared_code_validator]
    )
    name = models.CharField(_("namn"), max_length=300, validators=GUARDED)
    description = models.TextField(_("definition"), blank=True, validators=GUARDED)
    kolada_kpi = models.CharField(
        _("nyckeltal i Kolada"),
        max_length=6,
        blank=True,
        validators=[kolada_kpi_validator],
        help_text=_("Mått med samma nyckeltal kopplas till indikatorn av sig själva."),
    )
    unit = models.CharField(_("enhet"), max_length=60, blank=True, validators=GUARDED)
    is_count = models.BooleanField(
        _("värdena är antal"),
        default=False,
        help_text=_("Antal under gränsen för små tal visas då inte offentligt."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemensam indikator")
        verbose_name_plural = _("gemensamma indikatorer")
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kolada_kpi"],
                condition=~Q(kolada_kpi=""),
                name="shared_indicator_kolada_kpi_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorLink(models.Model):
    """A measure of the organisation linked to a shared indicator. Measures
    are copied into each version of a plan; the link follows the measure's
    lineage, so it holds for every version."""

    indicator = models.ForeignKey(
        SharedIndicator,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("gemensam indikator"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="indicator_links",
        verbose_name=_("organisation"),
    )
    measure_lineage = models.UUIDField(_("måttets identitet"))
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koppling till gemensam indikator")
        verbose_name_plural = _("kopplingar till gemensamma indikatorer")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "measure_lineage"], name="one_indicator_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.indicator}"
