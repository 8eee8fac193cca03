"""The tenant (a municipality or region) and who in it can carry responsibility."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.lib.personal_data import validate_no_personal_data

# Top-level addresses the site itself uses: an organisation with one of these
# as its slug would be hidden behind them (tested against the URL patterns).
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "healthz",
        "hjalp",
        "i18n",
        "inbjudan",
        "konto",
        "media",
        "offentligt",
        "oidc",
        "static",
        "publicering",
        "anvandare",
        # Site-wide public pages sit beside the organisations' under offentligt/.
        "jamforelse",
        "tillganglighet",
    }
)


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("”%(slug)s” används av systemet självt; välj ett annat kortnamn.") % {"slug": slug}
        )


municipality_code_validator = RegexValidator(
    r"^\d{4}$", _("Kommunkoden ska vara fyra siffror, till exempel 0127.")
)


class Organization(models.Model):
    """A municipality or region: the tenant. Nothing internal crosses its border."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(
        _("kortnamn i adresser"), max_length=60, unique=True, validators=[validate_not_reserved]
    )
    municipality_code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[municipality_code_validator],
        help_text=_("SCB:s fyrsiffriga kod, till exempel 0127 för Botkyrka."),
    )
    require_two_factor = models.BooleanField(
        _("kräv tvåstegsverifiering"),
        default=False,
        help_text=_("Samordnare och administratörer måste logga in med engångskod (TOTP)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActorKind(models.TextChoices):
    COMMITTEE = "committee", _("Nämnd eller styrelse")
    ADMINISTRATION = "administration", _("Förvaltning")
    MUNICIPAL_COMPANY = "municipal_company", _("Kommunalt bolag")
    EXTERNAL_PARTNER = "external_partner", _("Extern part")
    WORKING_GROUP = "working_group", _("Arbetsgrupp")


class Actor(models.Model):
    """Someone who can be responsible for an activity: a committee, an
    administration, a municipal company, an external partner or a working group."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="actors",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("namn"), max_length=200)
    abbreviation = models.CharField(_("förkortning"), max_length=30, blank=True)
    kind = models.CharField(_("typ"), max_length=30, choices=ActorKind.choices)
    serves = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="served_by",
        verbose_name=_("arbetar åt"),
        help_text=_("För en förvaltning: den nämnd eller styrelse den arbetar åt."),
    )
    description = models.TextField(
        _("beskrivning"), blank=True, validators=[validate_no_personal_data]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktör")
        verbose_name_plural = _("aktörer")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="actor_name_unique_in_organization"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.serves_id is None:
            return
        if self.serves_id == self.pk:
            raise ValidationError({"serves": _("En aktör kan inte arbeta åt sig själv.")})
        if self.serves is not None and self.serves.organization_id != self.organization_id:
            raise ValidationError(
                {"serves": _("Aktören som arbetas åt måste höra till samma organisation.")}
            )


class UnitKind(models.TextChoices):
    PRESCHOOL = "preschool", _("Förskola")
    SCHOOL = "school", _("Skola")
    UPPER_SECONDARY = "upper_secondary", _("Gymnasieskola")
    ADULT_EDUCATION = "adult_education", _("Vuxenutbildning")
    LEISURE_CENTRE = "leisure_centre", _("Fritidsgård")
    YOUTH_CLINIC = "youth_clinic", _("Ungdomsmottagning")
    SOCIAL_SERVICES = "social_services", _("Socialtjänstenhet")
    LIBRARY = "library", _("Bibliotek")
    OTHER = "other", _("Annan enhet")


class Unit(models.Model):
    """A unit of an actor (a preschool, a school, a leisure centre …); units are
    what shares such as "the share of preschools that …" are counted over."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="units", verbose_name=_("aktör")
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ av enhet"), max_length=30, choices=UnitKind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["actor", "name"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "name"], name="unit_name_unique_in_actor"),
        ]

    def __str__(self) -> str:
        return self.name
