"""What the endpoints share: the documented answers of an operation and the
activity filters."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from handlingskraft.plans.models import Activity

from ..schemas import ActivityFilters, ErrorOut


def responses(ok: Any, *errors: int, status: int = 200, conflict: Any = None) -> dict[int, Any]:
    """The answers an operation documents: `ok` with `status`, the given error
    statuses, and always 422 (invalid parameters) and 429 (rate limit)."""
    documented: dict[int, Any] = {status: ok, 422: ErrorOut, 429: ErrorOut}
    documented.update(dict.fromkeys(errors, ErrorOut))
    if conflict is not None:
        documented[409] = conflict
    return documented


def token_responses(
    ok: Any, *errors: int, status: int = 200, conflict: Any = None
) -> dict[int, Any]:
    """As `responses`, for operations that need a token (401 without one, 403
    where the role does not allow it)."""
    return responses(ok, 401, 403, *errors, status=status, conflict=conflict)


def filter_activities(
    activities: QuerySet[Activity], filters: ActivityFilters
) -> QuerySet[Activity]:
    """The filters every activity list has (the status filter differs: public
    lists filter on the published status, internal ones on the current one)."""
    if filters.goal is not None:
        activities = activities.filter(goal__number=filters.goal)
    if filters.actor is not None:
        activities = activities.filter(assignments__actor_id=filters.actor)
    if filters.prevention_level:
        activities = activities.filter(prevention_level=filters.prevention_level)
    return activities
