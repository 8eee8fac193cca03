"""The plan file format (YAML, see docs/plan-format.md): parsing with every
error named in Swedish, importing in one transaction, and exporting."""

from .errors import PlanFileError
from .exporter import plan_export, plan_to_data
from .importer import parse_plan_text, plan_import

__all__ = ["PlanFileError", "parse_plan_text", "plan_export", "plan_import", "plan_to_data"]
