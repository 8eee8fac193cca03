"""Frozen reports: when a round is approved, its report is generated once and
stored as it was, with a SHA-256 checksum. Later edits to the plan or the
reports do not change it; approving the round again (after reopening) makes
a new version. The files live in the database, so every app server sees
them (servers are stateless) and a backup of the database holds them."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handlingskraft.followup.models import FollowUpRound, RoundEvent, RoundState


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (DOCX)")


CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class FrozenReportError(Exception):
    """A frozen report cannot be changed or deleted."""


class FrozenReportQuerySet(models.QuerySet["FrozenReport"]):
    def without_content(self) -> FrozenReportQuerySet:
        """The rows without their bytes: for listing versions."""
        return self.defer("content")

    def published(self) -> FrozenReportQuerySet:
        """Frozen reports of the latest approval of each published round (of a
        published plan version): the files public pages may link."""
        latest = (
            FrozenReport.objects.filter(round=models.OuterRef("round"))
            .order_by("-version")
            .values("version")[:1]
        )
        return self.filter(
            round__published_at__isnull=False,
            round__state=RoundState.LOCKED,
            round__plan__published_at__isnull=False,
            version=models.Subquery(latest),
        )


class FrozenReport(models.Model):
    """One stored file of a round's report, as generated when it was approved."""

    round = models.ForeignKey(
        FollowUpRound, on_delete=models.PROTECT, related_name="+", verbose_name=_("omgång")
    )
    approval = models.ForeignKey(
        RoundEvent, on_delete=models.PROTECT, related_name="+", verbose_name=_("godkännande")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    format = models.CharField(_("format"), max_length=10, choices=FileFormat.choices)
    filename = models.CharField(_("filnamn"), max_length=200)
    content = models.BinaryField(_("innehåll"))
    size = models.PositiveIntegerField(_("storlek i byte"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = FrozenReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("fryst rapport")
        verbose_name_plural = _("frysta rapporter")
        ordering = ["round", "-version", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["approval", "format"], name="one_frozen_file_per_approval_and_format"
            ),
            models.UniqueConstraint(
                fields=["round", "version", "format"], name="frozen_report_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    def save(self, *args: object, **kwargs: object) -> None:
        # Immutable: a frozen file is written once and never changed.
        if not self._state.adding:
            raise FrozenReportError("A frozen report cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise FrozenReportError("A frozen report cannot be deleted.")

    @classmethod
    def of(cls, content: bytes, **fields: object) -> FrozenReport:
        """A new frozen file for `content`, with its size and checksum."""
        return cls(
            content=content, size=len(content), sha256=hashlib.sha256(content).hexdigest(), **fields
        )

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[FileFormat(self.format)]

    def is_intact(self) -> bool:
        """Whether the stored bytes still match the checksum taken when stored."""
        return hashlib.sha256(bytes(self.content)).hexdigest() == self.sha256
