"""Every change to the statistics: one function each, taking the acting user,
in a transaction. Views check who may call them; these functions check what
the report's state allows.

A report (one actor, one data set, one period) goes draft → submitted →
approved and locked. The coordinator can return a submitted report with a
comment, and correct an approved one with a reason; every step appends a
version, so the history shows who did what and when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handlingskraft.accounts.models import User
from handlingskraft.lib.personal_data import personal_data_message
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.periods import Period

from .categories import TOTAL, category_codes
from .models import DataElement, DataSet, DataValue, StatisticsSettings, ValueState
from .queries import Version, current_version, report_versions, reported_totals
from .rules import ElementEntry, check_report


class StatisticsError(Exception):
    """An action the report's state does not allow; the message is Swedish."""


class ValuesConflict(StatisticsError):
    """Someone else saved the report after this user loaded it. Both versions
    are kept: `theirs` is the current one, `mine` the refused save."""

    def __init__(self, *, mine: Version, theirs: Version | None):
        super().__init__(_("Någon annan har sparat rapporten medan du fyllde i den."))
        self.mine = mine
        self.theirs = theirs


def reporting_elements(data_set: DataSet, actor: Actor) -> list[DataElement]:
    """The elements of the data set that the actor reports, in order."""
    return list(data_set.elements.filter(actors=actor).order_by("position", "pk"))


def _locked_report(
    data_set: DataSet, actor: Actor, period: Period
) -> tuple[list[Version], Version | None]:
    """The report's versions, read while holding the data set's row lock so
    that saves to the same data set are taken one at a time."""
    DataSet.objects.select_for_update().filter(pk=data_set.pk).first()
    versions = report_versions(data_set, actor, period)
    return versions, current_version(versions)


def _append(
    *,
    elements: list[DataElement],
    actor: Actor,
    period: Period,
    user: User,
    entries: Mapping[int, ElementEntry],
    state: str,
    number: int,
    is_conflict: bool = False,
    reason: str = "",
) -> None:
    """Write one version: a row per filled-in count, the comment on the total."""
    _refuse_invalid(entries, reason)
    now = timezone.now()
    rows = []
    for element in elements:
        entry = entries.get(element.pk, ElementEntry({}))
        for code in category_codes(element.breakdown):
            value = entry.values.get(code)
            if value is None:
                continue
            rows.append(
                DataValue(
                    element=element,
                    actor=actor,
                    year=period.year,
                    tertial=period.tertial,
                    category=code,
                    value=value,
                    comment=entry.comment.strip() if code == TOTAL else "",
                    state=state,
                    reason=reason,
                    number=number,
                    is_conflict=is_conflict,
                    author=user,
                    created_at=now,
                )
            )
    DataValue.objects.bulk_create(rows)


def _refuse_invalid(entries: Mapping[int, ElementEntry], reason: str) -> None:
    """What the forms check already, checked again at the gate: no negative
    counts, no personal data in the free text."""
    for entry in entries.values():
        if any(value is not None and value < 0 for value in entry.values.values()):
            raise StatisticsError(_("Antalet kan inte vara negativt."))
        for text in (entry.comment, reason):
            message = personal_data_message(text)
            if message:
                raise StatisticsError(message)


def _ensure_period(data_set: DataSet, period: Period) -> None:
    if not data_set.has_period(period):
        raise StatisticsError(_("Datamängden samlas inte in för den perioden."))


def _refuse_problems(
    data_set: DataSet,
    actor: Actor,
    period: Period,
    elements: list[DataElement],
    entries: Mapping[int, ElementEntry],
) -> None:
    previous = reported_totals(data_set, actor, data_set.previous_period(period))
    findings = check_report(elements, entries, previous, submitting=True)
    if findings.errors:
        raise StatisticsError(_("Rapporten är inte komplett eller stämmer inte. Rätta felen."))


def values_save(
    *,
    data_set: DataSet,
    actor: Actor,
    period: Period,
    user: User,
    entries: Mapping[int, ElementEntry],
    based_on: int,
    submit: bool,
) -> Version:
    """Append a new version of the actor's report, as a draft or submitted.
    `based_on` is the version number the user loaded; if someone saved since,
    the save is kept as a conflict and ValuesConflict is raised (after the
    commit, so the refused figures are not rolled back)."""
    _ensure_period(data_set, period)
    if not any(_has_a_count(entry) for entry in entries.values()):
        # A version is its rows; a save without a single count would be no version.
        raise StatisticsError(_("Fyll i minst ett antal."))
    saved = _values_append(
        data_set=data_set,
        actor=actor,
        period=period,
        user=user,
        entries=entries,
        based_on=based_on,
        submit=submit,
    )
    if saved.conflict:
        raise ValuesConflict(mine=saved.mine, theirs=saved.theirs)
    return saved.mine


def _has_a_count(entry: ElementEntry) -> bool:
    return any(value is not None for value in entry.values.values())


@dataclass(frozen=True)
class _Saved:
    mine: Version
    conflict: bool
    theirs: Version | None
    """On a conflict, the version the save lost to."""


def _saved(
    data_set: DataSet, actor: Actor, period: Period, conflict: bool, theirs: Version | None
) -> _Saved:
    versions = report_versions(data_set, actor, period)
    return _Saved(mine=versions[-1], conflict=conflict, theirs=theirs)


@transaction.atomic
def _values_append(
    *,
    data_set: DataSet,
    actor: Actor,
    period: Period,
    user: User,
    entries: Mapping[int, ElementEntry],
    based_on: int,
    submit: bool,
) -> _Saved:
    _ensure_period(data_set, period)
    _versions, current = _locked_report(data_set, actor, period)
    number = current.number if current else 0
    elements = reporting_elements(data_set, actor)
    # The version check comes first: whatever happened meanwhile, a save based
    # on an old version is kept as a conflict.
    conflict = based_on != number
    if not conflict:
        if current is not None and current.state != ValueState.DRAFT:
            raise StatisticsError(_("Rapporten är inskickad och kan inte ändras just nu."))
        if submit:
            _refuse_problems(data_set, actor, period, elements, entries)
    state = ValueState.SUBMITTED if submit and not conflict else ValueState.DRAFT
    _append(
        elements=elements,
        actor=actor,
        period=period,
        user=user,
        entries=entries,
        state=state,
        number=number + 1,
        is_conflict=conflict,
    )
    return _saved(data_set, actor, period, conflict, current)


@transaction.atomic
def values_review(
    *,
    data_set: DataSet,
    actor: Actor,
    period: Period,
    user: User,
    approve: bool,
    comment: str = "",
) -> Version:
    """Approve a submitted report, which locks it, or return it to the actor as
    a draft with a comment on what to complete."""
    _versions, current = _locked_report(data_set, actor, period)
    if current is None or current.state != ValueState.SUBMITTED:
        raise StatisticsError(_("Bara inskickade rapporter kan granskas."))
    if not approve and not comment.strip():
        raise StatisticsError(_("Skriv vad som behöver kompletteras."))
    _append(
        elements=reporting_elements(data_set, actor),
        actor=actor,
        period=period,
        user=user,
        entries=current.entries(),
        state=ValueState.APPROVED if approve else ValueState.DRAFT,
        number=current.number + 1,
        reason="" if approve else comment.strip(),
    )
    result = current_version(report_versions(data_set, actor, period))
    assert result is not None
    return result


def values_correct(
    *,
    data_set: DataSet,
    actor: Actor,
    period: Period,
    user: User,
    entries: Mapping[int, ElementEntry],
    reason: str,
    based_on: int,
) -> Version:
    """Correct an approved report: the corrected figures are appended as a new
    approved version with the reason. Version check as for saving."""
    if not reason.strip():
        raise StatisticsError(_("Ange skälet till rättelsen."))
    saved = _correction_append(
        data_set=data_set,
        actor=actor,
        period=period,
        user=user,
        entries=entries,
        reason=reason.strip(),
        based_on=based_on,
    )
    if saved.conflict:
        raise ValuesConflict(mine=saved.mine, theirs=saved.theirs)
    return saved.mine


@transaction.atomic
def _correction_append(
    *,
    data_set: DataSet,
    actor: Actor,
    period: Period,
    user: User,
    entries: Mapping[int, ElementEntry],
    reason: str,
    based_on: int,
) -> _Saved:
    _versions, current = _locked_report(data_set, actor, period)
    number = current.number if current else 0
    conflict = based_on != number
    elements = reporting_elements(data_set, actor)
    if not conflict:
        if current is None or current.state != ValueState.APPROVED:
            raise StatisticsError(_("Bara godkända rapporter rättas; andra ändras i formuläret."))
        # A correction is checked like a submission, except that a comment on
        # an implausible change is not required: the reason explains it.
        findings = check_report(elements, entries, {}, submitting=True)
        if findings.errors:
            raise StatisticsError(_("Rättelsen är inte komplett eller stämmer inte. Rätta felen."))
    _append(
        elements=elements,
        actor=actor,
        period=period,
        user=user,
        entries=entries,
        state=ValueState.DRAFT if conflict else ValueState.APPROVED,
        number=number + 1,
        is_conflict=conflict,
        reason=reason,
    )
    return _saved(data_set, actor, period, conflict, current)


@transaction.atomic
def threshold_set(*, organization: Organization, user: User, threshold: int) -> StatisticsSettings:
    """Change the organisation's disclosure threshold (the row's history records who)."""
    row = StatisticsSettings.objects.filter(organization=organization).first()
    row = row or StatisticsSettings(organization=organization)
    row.disclosure_threshold = threshold
    row.full_clean()
    row._history_user = user  # type: ignore[attr-defined]
    row.save()
    return row
