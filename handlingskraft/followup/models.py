"""Follow-up rounds: every responsible actor reports on its activities and
responsibilities, the working group reviews, the round is approved and locked.

Status reports are appended, never overwritten: each save is a new row, and a
save that lost a race is kept too (marked as a conflict), so no text is lost."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import (
    Activity,
    ActivityStatus,
    Goal,
    Measure,
    Plan,
    Responsibility,
)

GUARDED = [validate_no_personal_data]


class StatusOption(models.Model):
    """One entry of an organisation's status list. Each maps to a canonical
    status, so that summaries and the plan pages can group any organisation's list."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="status_options"
    )
    label = models.CharField(_("benämning"), max_length=60)
    category = models.CharField(_("motsvarar"), max_length=20, choices=ActivityStatus.choices)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("används"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statusalternativ")
        verbose_name_plural = _("statusalternativ")
        ordering = ["organization", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "label"], name="status_label_unique_in_organization"
            )
        ]

    def __str__(self) -> str:
        return self.label


class AssessmentOption(models.Model):
    """One level of an organisation's assessment scale (uppfyllt, delvis uppfyllt …)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="assessment_options"
    )
    label = models.CharField(_("benämning"), max_length=60)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_assessable = models.BooleanField(
        _("är en bedömning"),
        default=True,
        help_text=_("Av för ”kan ej bedömas”."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömningsnivå")
        verbose_name_plural = _("bedömningsnivåer")
        ordering = ["organization", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "label"], name="assessment_label_unique_in_organization"
            )
        ]

    def __str__(self) -> str:
        return self.label


class RoundKind(models.TextChoices):
    ANNUAL = "annual", _("Årsuppföljning")
    TERTIAL = "tertial", _("Tertialuppföljning")
    OTHER = "other", _("Annan uppföljning")


class RoundState(models.TextChoices):
    OPEN = "open", _("Öppen")
    LOCKED = "locked", _("Godkänd och låst")


class RoundQuerySet(models.QuerySet["FollowUpRound"]):
    def published(self) -> RoundQuerySet:
        """Approved rounds the coordinator has published, of published plans."""
        return self.filter(
            published_at__isnull=False,
            state=RoundState.LOCKED,
            plan__published_at__isnull=False,
        )


class FollowUpRound(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("organisation"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("plan")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=RoundKind.choices)
    name = models.CharField(_("namn"), max_length=200, validators=GUARDED)
    period_start = models.DateField(_("perioden börjar"))
    period_end = models.DateField(_("perioden slutar"))
    opens_on = models.DateField(_("öppnar"))
    deadline = models.DateField(_("sista dag att rapportera"))
    state = models.CharField(
        _("läge"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    closed_with_missing = models.BooleanField(_("stängd med saknade rapporter"), default=False)
    # Only an approved (locked) round can be published; reopening unpublishes it.
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="round_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")), name="round_deadline_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.state == RoundState.LOCKED


class RoundEvent(models.Model):
    """Opening, locking and reopening a round, with who, when and why."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Öppnad")
        LOCKED = "locked", _("Godkänd och låst")
        REOPENED = "reopened", _("Återöppnad")

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField(_("skäl"), blank=True, validators=GUARDED)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_action_display()}"


class TaskState(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    RETURNED = "returned", _("Återskickad för komplettering")
    APPROVED = "approved", _("Godkänd")


class TaskQuerySet(models.QuerySet["ReportingTask"]):
    def for_actor(self, actor: Actor) -> TaskQuerySet:
        """The tasks one actor reports on."""
        return self.filter(actor=actor)

    def unfinished(self) -> TaskQuerySet:
        """Tasks not yet approved."""
        return self.exclude(state=TaskState.APPROVED)


class ReportingTask(models.Model):
    """What one actor reports in a round: one activity it is responsible for, or
    one of its responsibilities (exactly one of the two)."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="tasks")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="tasks")
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    responsibility = models.ForeignKey(
        Responsibility, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    state = models.CharField(
        _("läge"), max_length=20, choices=TaskState.choices, default=TaskState.NOT_STARTED
    )

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapporteringsuppgift")
        verbose_name_plural = _("rapporteringsuppgifter")
        ordering = ["round", "actor", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, responsibility__isnull=True)
                | Q(activity__isnull=True, responsibility__isnull=False),
                name="task_is_activity_or_responsibility",
            ),
            models.UniqueConstraint(
                fields=["round", "activity", "actor"],
                condition=Q(activity__isnull=False),
                name="one_task_per_activity_and_actor",
            ),
            models.UniqueConstraint(
                fields=["round", "responsibility"],
                condition=Q(responsibility__isnull=False),
                name="one_task_per_responsibility",
            ),
        ]

    def __str__(self) -> str:
        subject = self.activity or self.responsibility
        return f"{self.actor}: {subject}"


class StatusReport(models.Model):
    """One saved version of a task's report. Never updated: the current report
    is the latest non-conflict row; a save that lost a race is kept with
    `is_conflict` so both texts remain."""

    task = models.ForeignKey(ReportingTask, on_delete=models.CASCADE, related_name="reports")
    number = models.PositiveIntegerField(_("version"))
    status = models.ForeignKey(
        StatusOption, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("status")
    )
    done = models.TextField(_("vad som gjorts under perioden"), blank=True, validators=GUARDED)
    next_steps = models.TextField(_("nästa steg"), blank=True, validators=GUARDED)
    obstacles = models.TextField(_("hinder"), blank=True, validators=GUARDED)
    evidence_links = models.TextField(
        _("länkar till underlag"), blank=True, validators=GUARDED, help_text=_("En länk per rad.")
    )
    submitted = models.BooleanField(_("inskickad"), default=False)
    is_conflict = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["task", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "number"],
                condition=Q(is_conflict=False),
                name="report_number_unique_per_task",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} v{self.number}"


class Consolidation(models.Model):
    """The activity's consolidated status in a round, written by the lead actor
    (or the coordinator where there is no lead). Appended like reports."""

    round = models.ForeignKey(
        FollowUpRound, on_delete=models.CASCADE, related_name="consolidations"
    )
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="consolidations")
    number = models.PositiveIntegerField(_("version"))
    status = models.ForeignKey(StatusOption, on_delete=models.PROTECT, verbose_name=_("status"))
    text = models.TextField(_("samlad beskrivning"), validators=GUARDED)
    is_conflict = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samlad status")
        verbose_name_plural = _("samlade statusar")
        ordering = ["round", "activity", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "activity", "number"],
                condition=Q(is_conflict=False),
                name="consolidation_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} ({self.round})"


class ReviewEvent(models.Model):
    """A reviewer returning a report for completion, or approving it."""

    class Action(models.TextChoices):
        RETURNED = "returned", _("Återskickad för komplettering")
        APPROVED = "approved", _("Godkänd")

    task = models.ForeignKey(ReportingTask, on_delete=models.CASCADE, related_name="reviews")
    action = models.CharField(max_length=10, choices=Action.choices)
    comment = models.TextField(_("kommentar"), blank=True, validators=GUARDED)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.task}: {self.get_action_display()}"


class Assessment(models.Model):
    """The coordinator's assessment and analysis of a goal or a measure in a round."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    option = models.ForeignKey(
        AssessmentOption,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("bedömning"),
    )
    analysis = models.TextField(_("analys"), blank=True, validators=GUARDED)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False, measure__isnull=True)
                | Q(goal__isnull=True, measure__isnull=False),
                name="assessment_of_goal_or_measure",
            ),
            models.UniqueConstraint(
                fields=["round", "goal"],
                condition=Q(goal__isnull=False),
                name="one_goal_assessment",
            ),
            models.UniqueConstraint(
                fields=["round", "measure"],
                condition=Q(measure__isnull=False),
                name="one_measure_assessment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal or self.measure}: {self.option}"


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before", _("Påminnelse före sista dag")
    OVERDUE = "overdue", _("Påminnelse efter sista dag")
    MANUAL = "manual", _("Påminnelse från samordnaren")


class Reminder(models.Model):
    """A reminder sent to an actor's reporters. The unique constraint is what
    keeps the daily command from sending the same reminder twice."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reminders")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "actor", "kind", "sent_on"],
                name="one_reminder_a_day",
            ),
            models.UniqueConstraint(
                fields=["round", "actor", "kind"],
                condition=~Q(kind="manual"),
                name="automatic_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.actor} ({self.get_kind_display()})"
