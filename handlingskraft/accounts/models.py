"""Users and their memberships in organisations.

Capabilities per role are decided in one place (the Accounts issue adds
`permissions.py`); this module only stores who belongs where, in which role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handlingskraft.organizations.models import Actor, Organization


class User(AbstractUser):
    """A person who logs in. Administrators are superusers; everyone else acts
    through memberships."""

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Samordnare")
    WORKING_GROUP_MEMBER = "working_group_member", _("Arbetsgruppsmedlem")
    REPORTER = "reporter", _("Rapportör")
    READER = "reader", _("Läsare")

    @classmethod
    def needs_actor(cls, role: str) -> bool:
        """Reporters and working-group members always speak for an actor."""
        return role in {cls.WORKING_GROUP_MEMBER, cls.REPORTER}


class Membership(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("användare")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("företräder aktör"),
    )
    # Never deleted: history must keep who did what. Deactivation ends access.
    is_active = models.BooleanField(_("aktivt"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="one_membership_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.get_role_display()})"

    def clean(self) -> None:
        if Role.needs_actor(self.role) and self.actor_id is None:
            raise ValidationError({"actor": _("Rollen kräver att en aktör anges.")})
        if self.actor is not None and self.actor.organization_id != self.organization_id:
            raise ValidationError({"actor": _("Aktören måste höra till samma organisation.")})


class Invitation(models.Model):
    """A one-time invitation to join an organisation in a role. Only a hash of
    the token is stored; the link in the e-mail carries the token itself."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-postadress"))
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("företräder aktör"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("inbjuden av")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("giltig till"))
    accepted_at = models.DateTimeField(_("accepterad"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.organization})"
