"""The organisation-wide audit log: one row per create, change or delete of
domain data, with who, when and each field's old and new value. The per-object
history itself lives in django-simple-history's tables; this table makes the
organisation's log fast to filter and export."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handlingskraft.organizations.models import Organization


class AuditAction(models.TextChoices):
    CREATED = "+", _("Skapad")
    CHANGED = "~", _("Ändrad")
    DELETED = "-", _("Borttagen")


class AuditEntry(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    user_display = models.CharField(_("användare (namn)"), max_length=200, blank=True)
    timestamp = models.DateTimeField(_("tidpunkt"), db_index=True)
    action = models.CharField(_("händelse"), max_length=1, choices=AuditAction.choices)
    model = models.CharField(_("typ"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    changes = models.JSONField(_("ändringar"), default=list)

    class Meta:
        verbose_name = _("historikpost")
        verbose_name_plural = _("historikposter")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["organization", "-timestamp"], name="audit_org_time"),
            models.Index(fields=["model", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def model_verbose_name(self) -> str:
        """What kind of object the entry is about, in words ("aktivitet")."""
        return model_verbose_name(self.model)


def model_verbose_name(label: str) -> str:
    """The name of a model from its label ("plans.activity" → "aktivitet")."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label
