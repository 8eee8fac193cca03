"""Every write to a plan: one function per change, named `entity_action`,
keyword-only, taking the acting user (recorded in the history), in a
transaction. Each refuses a plan version that is not editable
(PlanNotEditable), an edit based on an older version of the object
(EditConflict), invalid values (ValidationError with a message per field) and
the deletion of something follow-up data points at (ValidationError)."""

from .common import EditConflict, Move, PlanNotEditable, SavedValue, fields_from, version_token
from .items import (
    ActivityFields,
    MeasureFields,
    ResponsibilityFields,
    activity_create,
    activity_delete,
    activity_move,
    activity_update,
    measure_create,
    measure_delete,
    measure_update,
    responsibility_create,
    responsibility_delete,
    responsibility_update,
)
from .structure import (
    GoalFields,
    PlanFields,
    PrerequisiteFields,
    goal_create,
    goal_delete,
    goal_move,
    goal_update,
    plan_create,
    plan_update,
    prerequisite_create,
    prerequisite_delete,
    prerequisite_update,
)

__all__ = [
    "ActivityFields",
    "EditConflict",
    "GoalFields",
    "MeasureFields",
    "Move",
    "PlanFields",
    "PlanNotEditable",
    "PrerequisiteFields",
    "ResponsibilityFields",
    "SavedValue",
    "activity_create",
    "activity_delete",
    "activity_move",
    "activity_update",
    "fields_from",
    "goal_create",
    "goal_delete",
    "goal_move",
    "goal_update",
    "measure_create",
    "measure_delete",
    "measure_update",
    "plan_create",
    "plan_update",
    "prerequisite_create",
    "prerequisite_delete",
    "prerequisite_update",
    "responsibility_create",
    "responsibility_delete",
    "responsibility_update",
    "version_token",
]
