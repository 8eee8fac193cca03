"""Approving a round freezes its report: stored once with a checksum, never
changed by later edits, a new version at each new approval."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handlingskraft.conftest import World
from handlingskraft.exports.models import FileFormat, FrozenReport, FrozenReportError
from handlingskraft.exports.services import FreezeError, report_freeze
from handlingskraft.followup.models import FollowUpRound
from handlingskraft.followup.services import round_lock, round_open, round_publish, round_reopen
from handlingskraft.followup.tests.conftest import round_input


def _lock_through_the_page(client: Client, round: FollowUpRound) -> None:
    url = reverse(
        "followup:round_lock", kwargs={"org_slug": round.organization.slug, "round_id": round.pk}
    )
    response = client.post(url, {"allow_missing": "on"})
    assert response.status_code == 302


def test_approving_a_round_stores_its_report_as_files_with_checksums(
    world: World, client_as: Callable[[str], Client], django_capture_on_commit_callbacks: object
) -> None:
    round = round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _lock_through_the_page(client_as("coordinator"), round)
    files = list(FrozenReport.objects.filter(round=round))
    assert {f.format for f in files} == {FileFormat.PDF, FileFormat.DOCX}
    for frozen in files:
        assert frozen.version == 1
        assert frozen.sha256 == hashlib.sha256(bytes(frozen.content)).hexdigest()
        assert frozen.is_intact()


def test_later_edits_leave_the_frozen_file_alone_and_reapproval_makes_a_new_version(
    world: World, client_as: Callable[[str], Client], django_capture_on_commit_callbacks: object
) -> None:
    coordinator = world.users["coordinator"]
    round = round_open(plan=world.plan, user=coordinator, data=round_input())
    client = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _lock_through_the_page(client, round)
    first = FrozenReport.objects.get(round=round, format=FileFormat.DOCX)
    before = bytes(first.content)
    round_reopen(round=round, user=coordinator, reason="Rättelse av en text")
    world.activity.description = "En ändrad beskrivning"
    world.activity.save()
    first.refresh_from_db()
    assert bytes(first.content) == before
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _lock_through_the_page(client, round)
    versions = FrozenReport.objects.filter(round=round, format=FileFormat.DOCX).order_by("version")
    assert [f.version for f in versions] == [1, 2]
    assert versions[1].sha256 != first.sha256
    download = client.get(
        reverse(
            "exports:frozen_report",
            kwargs={"org_slug": world.organization.slug, "round_id": round.pk, "file_id": first.pk},
        )
    )
    assert download.content == before and download["Repr-Digest"].startswith("sha-256=:")


def test_a_frozen_file_cannot_be_changed_or_deleted_and_one_approval_freezes_once(
    world: World,
) -> None:
    coordinator = world.users["coordinator"]
    round = round_open(plan=world.plan, user=coordinator, data=round_input())
    with pytest.raises(FreezeError):
        report_freeze(round=round, user=coordinator)
    round_lock(round=round, user=coordinator, allow_missing=True)
    files = report_freeze(round=round, user=coordinator)
    assert report_freeze(round=round, user=coordinator) == files
    frozen = files[0]
    frozen.filename = "annat.pdf"
    with pytest.raises(FrozenReportError):
        frozen.save()
    with pytest.raises(FrozenReportError):
        frozen.delete()


def test_only_the_latest_file_of_a_published_round_of_a_published_plan_is_public(
    world: World, client: Client
) -> None:
    coordinator = world.users["coordinator"]
    round = round_open(plan=world.plan, user=coordinator, data=round_input())
    round_lock(round=round, user=coordinator, allow_missing=True)
    frozen = report_freeze(round=round, user=coordinator)[0]
    url = reverse(
        "exports:published_report",
        kwargs={"org_slug": world.organization.slug, "file_id": frozen.pk},
    )
    assert client.get(url).status_code == 404
    round_publish(round=round, user=coordinator)
    assert client.get(url).status_code == 404  # the plan version is not published
    world.plan.published_at = timezone.now()
    world.plan.save(update_fields=["published_at"])
    assert client.get(url).status_code == 200
    assert list(FrozenReport.objects.published()) != []
