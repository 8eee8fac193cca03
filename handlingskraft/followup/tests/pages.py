"""Small helpers the page tests share: URLs and form data."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from handlingskraft.followup.models import FollowUpRound, ReportingTask, StatusOption


def org_url(name: str, round: FollowUpRound, **kwargs: Any) -> str:
    return reverse(
        f"followup:{name}",
        kwargs={"org_slug": round.organization.slug, "round_id": round.pk, **kwargs},
    )


def task_url(task: ReportingTask, name: str = "task_report") -> str:
    return org_url(name, task.round, task_id=task.pk)


def report_data(
    status: StatusOption | None, *, based_on: int, action: str = "draft", **fields: str
) -> dict[str, Any]:
    return {
        "status": status.pk if status else "",
        "done": "",
        "next_steps": "",
        "obstacles": "",
        "evidence_links": "",
        "based_on": based_on,
        "action": action,
        **fields,
    }
