"""The action plan as adopted: goals, prerequisites, measures, activities and
each actor's responsibility."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization

from .periods import Period


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Antagen")
    UNDER_REVISION = "under_revision", _("Under revidering")
    ARCHIVED = "archived", _("Arkiverad")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Ökar")
    DECREASE = "decrease", _("Minskar")
    KEEP = "keep", _("Bibehålls")


class MeasureKind(models.TextChoices):
    SHARE = "share", _("Andel enheter med en egenskap")
    COUNT = "count", _("Antal")
    SURVEY_PERCENTAGE = "survey_percentage", _("Procent från en enkät")
    RATE = "rate_per_10000", _("Antal per 10 000 invånare")


class ShareOf(models.TextChoices):
    """What a share is counted over: the units of one kind (the values of
    `UnitKind`), or the committees or administrations themselves."""

    PRESCHOOL = "preschool", _("förskolor")
    SCHOOL = "school", _("skolor")
    UPPER_SECONDARY = "upper_secondary", _("gymnasieskolor")
    ADULT_EDUCATION = "adult_education", _("vuxenutbildningar")
    LEISURE_CENTRE = "leisure_centre", _("fritidsgårdar")
    YOUTH_CLINIC = "youth_clinic", _("ungdomsmottagningar")
    SOCIAL_SERVICES = "social_services", _("socialtjänstenheter")
    LIBRARY = "library", _("bibliotek")
    OTHER = "other", _("andra enheter")
    COMMITTEE = "committee", _("nämnder och styrelser")
    ADMINISTRATION = "administration", _("förvaltningar")


kolada_kpi_validator = RegexValidator(
    r"^[A-Z][0-9]{5}$",
    _("Nyckeltalets id i Kolada är en bokstav och fem siffror, till exempel N00945."),
)


class PreventionLevel(models.TextChoices):
    UNIVERSAL = "universal", _("Universell")
    SELECTIVE = "selective", _("Selektiv")
    INDICATED = "indicated", _("Indikerad")


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    ONGOING = "ongoing", _("Pågår")
    COMPLETED = "completed", _("Genomförd")
    DELAYED = "delayed", _("Försenad")
    CANCELLED = "cancelled", _("Avbruten")


class PlanQuerySet(models.QuerySet["Plan"]):
    def version_for(
        self, organization: Organization, slug: str, version: int | None = None
    ) -> Plan | None:
        """The version of the plan `slug` a page shows: the one asked for, else the
        latest adopted version, else the latest version of any status."""
        versions = self.filter(organization=organization, slug=slug)
        if version is not None:
            return versions.filter(version=version).first()
        adopted = versions.filter(status=PlanStatus.ADOPTED).order_by("-version").first()
        return adopted or versions.order_by("-version").first()

    def published(self) -> PlanQuerySet:
        """Plan versions the coordinator has published: the only ones public
        pages and the open API may show."""
        return self.filter(published_at__isnull=False)

    def current_versions(self) -> PlanQuerySet:
        """One plan per slug: the highest version of each (drafts included)."""
        latest = self.filter(
            organization=models.OuterRef("organization"), slug=models.OuterRef("slug")
        ).order_by("-version")
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))

    def with_structure(self) -> PlanQuerySet:
        """Plans with goals, prerequisites, measures, activities and their
        responsible actors prefetched, so a whole plan renders in a fixed
        number of queries."""
        activities = Activity.objects.prefetch_related(
            Prefetch(
                "assignments",
                queryset=ActivityActor.objects.select_related("actor").order_by("position"),
            )
        )
        return self.select_related("organization", "decided_by").prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("number")),
            "goals__prerequisites",
            Prefetch("goals__measures", queryset=Measure.objects.order_by("position")),
            Prefetch("goals__activities", queryset=activities),
            Prefetch("measures", queryset=Measure.objects.filter(goal=None)),
            Prefetch("activities", queryset=activities.filter(goal=None)),
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("actor", "followed_up_by"),
            ),
        )


class Plan(models.Model):
    """An action plan (or a council's assignment) of one organisation."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="plans", verbose_name=_("organisation")
    )
    title = models.CharField(_("titel"), max_length=300, validators=[validate_no_personal_data])
    slug = models.SlugField(_("kortnamn i adresser"), max_length=80)
    section_label = models.CharField(
        _("vad avsnitten kallas"),
        max_length=60,
        default="målbild",
        help_text=_("Till exempel målbild, utvecklingsområde eller uppdragspunkt."),
    )
    section_label_plural = models.CharField(
        _("vad avsnitten kallas, plural"), max_length=60, default="målbilder"
    )
    activity_label = models.CharField(
        _("vad aktiviteterna kallas"), max_length=60, default="aktivitet"
    )
    activity_label_plural = models.CharField(
        _("vad aktiviteterna kallas, plural"), max_length=60, default="aktiviteter"
    )
    vision = models.TextField(_("vision"), blank=True, validators=[validate_no_personal_data])
    purpose = models.TextField(_("syfte"), blank=True, validators=[validate_no_personal_data])
    decided_by = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av"),
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_until = models.DateField(_("gäller till och med"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    annual_review = models.BooleanField(_("ses över årligen"), default=False)
    evaluation_interval_years = models.PositiveSmallIntegerField(
        _("utvärderas vart N:e år"), null=True, blank=True
    )
    # Adopted plans name the year of their next revision, rarely a day.
    next_revision_year = models.PositiveSmallIntegerField(
        _("nästa revidering (år)"), null=True, blank=True
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    # Nothing of a plan is public until the coordinator publishes the version.
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    # Versions of one plan share the slug; a revision starts as a copy of the
    # version it revises, which stays readable as it was adopted.
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revision av"),
    )

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["organization", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "slug", "version"],
                name="plan_version_unique_in_organization",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="plan_validity_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """Only drafts and versions under revision change; an adopted version is
        a decision and stays as it was adopted (changes go into a revision)."""
        return self.status in {PlanStatus.DRAFT, PlanStatus.UNDER_REVISION}

    def clean(self) -> None:
        if self.decided_by is not None and self.decided_by.organization_id != self.organization_id:
            raise ValidationError(
                {"decided_by": _("Den beslutande aktören måste höra till samma organisation.")}
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Slutdatumet kan inte ligga före startdatumet.")}
            )


class Goal(models.Model):
    """A målbild, utvecklingsområde or uppdragspunkt: the plan's sections."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    title = models.TextField(_("rubrik"), validators=[validate_no_personal_data])
    description = models.TextField(
        _("beskrivning"), blank=True, validators=[validate_no_personal_data]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målbild")
        verbose_name_plural = _("målbilder")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_number_unique_in_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Prerequisite(models.Model):
    """One item of "för att nå hit behöver följande vara på plats"."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="prerequisites", verbose_name=_("målbild")
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("text"), validators=[validate_no_personal_data])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förutsättning")
        verbose_name_plural = _("förutsättningar")
        ordering = ["goal", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Measure(models.Model):
    """A mått: how reaching a goal is measured."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="measures", verbose_name=_("plan")
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("målbild"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    statement = models.TextField(_("mått"), validators=[validate_no_personal_data])
    direction = models.CharField(_("önskad riktning"), max_length=10, choices=Direction.choices)
    unit_of_analysis = models.CharField(
        _("analysenhet"), max_length=200, blank=True, validators=[validate_no_personal_data]
    )
    baseline_year = models.PositiveSmallIntegerField(_("nollmätning, år"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("nollmätning, värde"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    target_value = models.DecimalField(
        _("målvärde"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    data_source = models.TextField(
        _("datakälla"), blank=True, validators=[validate_no_personal_data]
    )
    kind = models.CharField(
        _("typ av mått"), max_length=20, choices=MeasureKind.choices, blank=True
    )
    share_of = models.CharField(
        _("andel av"),
        max_length=30,
        choices=ShareOf.choices,
        blank=True,
        help_text=_("För en andel: vad andelen räknas av, till exempel förskolor eller nämnder."),
    )
    kolada_kpi = models.CharField(
        _("nyckeltal i Kolada"),
        max_length=6,
        blank=True,
        validators=[kolada_kpi_validator],
        help_text=_("Nyckeltalets id, till exempel N00945. Värden kan då hämtas från Kolada."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mått")
        verbose_name_plural = _("mått")
        ordering = ["plan", "goal__number", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_of="") | Q(kind=MeasureKind.SHARE),
                name="measure_share_of_only_for_shares",
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    def clean(self) -> None:
        if self.goal is not None and self.goal.plan_id != self.plan_id:
            raise ValidationError({"goal": _("Målbilden måste höra till samma plan.")})
        if self.share_of and self.kind != MeasureKind.SHARE:
            raise ValidationError(
                {"share_of": _("”Andel av” anges bara för mått som är en andel enheter.")}
            )


class MeasureTarget(models.Model):
    """A target for one period (a year or a tertial): the milestones on the way
    to the measure's target."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="targets", verbose_name=_("mått")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"),
        default=0,
        validators=[MaxValueValidator(3)],
        help_text=_("1–3 för ett tertial, 0 för hela året."),
    )
    value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål för en period")
        verbose_name_plural = _("mål per period")
        ordering = ["measure", "year", "tertial"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "tertial"], name="one_target_per_measure_and_period"
            ),
            models.CheckConstraint(condition=Q(tertial__lte=3), name="target_tertial_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.tertial)


class Activity(models.Model):
    """An aktivitet or åtgärd: who does what, with one optional lead actor."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan")
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("målbild"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    description = models.TextField(_("beskrivning"), validators=[validate_no_personal_data])
    responsible_actors: models.ManyToManyField[Actor, ActivityActor] = models.ManyToManyField(
        Actor,
        through="ActivityActor",
        related_name="activities",
        verbose_name=_("ansvariga aktörer"),
    )
    partner_note = models.TextField(
        _("samarbete"),
        blank=True,
        help_text=_("Till exempel ”i samarbete med regionen”."),
        validators=[validate_no_personal_data],
    )
    prevention_level = models.CharField(
        _("preventionsnivå"), max_length=20, choices=PreventionLevel.choices, blank=True
    )
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    due_on = models.DateField(_("klart senast"), null=True, blank=True)
    recurrence = models.CharField(
        _("återkommer"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”varje vår”."),
        validators=[validate_no_personal_data],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, blank=True
    )
    status_note = models.TextField(
        _("kommentar till status"), blank=True, validators=[validate_no_personal_data]
    )
    status_date = models.DateField(_("status per"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["plan", "goal__number", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="activity_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        if self.goal is not None and self.goal.plan_id != self.plan_id:
            raise ValidationError({"goal": _("Målbilden måste höra till samma plan.")})
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": _("Slutdatumet kan inte ligga före startdatumet.")})

    @property
    def lead(self) -> Actor | None:
        """The lead actor, read from prefetched assignments when available."""
        for assignment in self.assignments.all():
            if assignment.is_lead:
                return assignment.actor
        return None


class ActivityActor(models.Model):
    """One responsible actor of an activity. The lead is one of these rows, so
    the lead is always among the responsible actors; at most one row per
    activity is the lead (a database constraint)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("aktivitet")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("aktör")
    )
    is_lead = models.BooleanField(_("leder arbetet"), default=False)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansvarig aktör")
        verbose_name_plural = _("ansvariga aktörer")
        ordering = ["activity", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "actor"], name="actor_once_per_activity"),
            models.UniqueConstraint(
                fields=["activity"], condition=Q(is_lead=True), name="at_most_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.activity})"


class Responsibility(models.Model):
    """What the plan asks of one actor, and who follows that up."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("plan")
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("aktör")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(
        _("rubrik"), max_length=300, blank=True, validators=[validate_no_personal_data]
    )
    text = models.TextField(_("text"), validators=[validate_no_personal_data])
    followed_up_by = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_up_responsibilities",
        verbose_name=_("följs upp av"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.actor)


class RevisionNote(models.Model):
    """Why an item changed between a version and the one it revises. Items are
    matched across versions by their `lineage`."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="revision_notes", verbose_name=_("plan")
    )
    lineage = models.UUIDField()
    reason = models.TextField(_("skäl till ändringen"), validators=[validate_no_personal_data])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skäl till ändring")
        verbose_name_plural = _("skäl till ändringar")
        constraints = [
            models.UniqueConstraint(fields=["plan", "lineage"], name="one_reason_per_item"),
        ]

    def __str__(self) -> str:
        return self.reason[:80]
