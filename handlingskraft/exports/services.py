"""Freezing a round's report when the round is approved."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import translation

from handlingskraft.accounts.models import User
from handlingskraft.followup.models import FollowUpRound, RoundEvent

from .models import FileFormat, FrozenReport
from .renderers.docx import report_docx
from .renderers.pdf import pdf_available, report_pdf
from .report.build import build_followup_report

logger = logging.getLogger(__name__)
ARCHIVE_LANGUAGE = "sv"


class FreezeError(Exception):
    """The round is not approved, so there is nothing to freeze."""


def report_freeze(*, round: FollowUpRound, user: User) -> list[FrozenReport]:
    """Generate the approved round's report and store it (PDF and DOCX; DOCX
    only where WeasyPrint's libraries are missing) as the next version, tied
    to the approval. Calling it again for the same approval returns the files
    already stored: one approval, one frozen version. The archived document
    is in Swedish whatever language the approver uses."""
    round = FollowUpRound.objects.select_related("plan", "organization").get(pk=round.pk)
    approval = (
        RoundEvent.objects.filter(round=round, action=RoundEvent.Action.LOCKED)
        .order_by("-at", "-pk")
        .first()
    )
    if not round.is_locked or approval is None:
        raise FreezeError("Only an approved round's report is frozen.")
    existing = list(FrozenReport.objects.filter(approval=approval))
    if existing:
        return existing
    with translation.override(ARCHIVE_LANGUAGE):
        report = build_followup_report(round)
        files = {FileFormat.DOCX: report_docx(report)}
        if pdf_available():
            files[FileFormat.PDF] = report_pdf(report)
    return _store(round, approval, user, report.file_stem, files)


@transaction.atomic
def _store(
    round: FollowUpRound,
    approval: RoundEvent,
    user: User,
    stem: str,
    files: dict[FileFormat, bytes],
) -> list[FrozenReport]:
    # The round row is the lock: two freezes of one round number in turn.
    FollowUpRound.objects.select_for_update().get(pk=round.pk)
    existing = list(FrozenReport.objects.filter(approval=approval))
    if existing:
        return existing
    latest = FrozenReport.objects.filter(round=round).aggregate(latest=Max("version"))["latest"]
    version = (latest or 0) + 1
    stored = []
    for file_format, content in files.items():
        frozen = FrozenReport.of(
            content,
            round=round,
            approval=approval,
            version=version,
            format=file_format,
            filename=f"{stem}-version-{version}.{file_format}",
            created_by=user,
        )
        frozen.save()
        stored.append(frozen)
    return stored


def freeze_after_approval(*, round: FollowUpRound, user: User) -> None:
    """For the view that approves a round: freeze the report once the approval
    is committed. A failure is logged, never raised: the approval stands, and
    the round's page shows that no frozen version exists."""

    def freeze() -> None:
        try:
            report_freeze(round=round, user=user)
        except Exception:
            logger.exception("Rapporten för omgång %s kunde inte frysas.", round.pk)

    transaction.on_commit(freeze)
