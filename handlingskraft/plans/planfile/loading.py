"""Reading plan files: YAML without implicit timestamps (dates stay text, so a
wrong date becomes our own clear error), and duplicate keys refused."""

from __future__ import annotations

from typing import Any

import yaml
from django.utils.translation import gettext as _

from .errors import PlanFileError


class _PlanLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as strings and refuses duplicate keys."""


_PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _PlanLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise PlanFileError(
                [
                    _("Rad %(line)s: fältet ”%(key)s” förekommer två gånger.")
                    % {"line": line, "key": key}
                ]
            )
        seen.add(key)
    return loader.construct_mapping(node)


_PlanLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str) -> Any:
    """Parse YAML text, turning syntax errors into a PlanFileError in Swedish."""
    try:
        return yaml.load(text, Loader=_PlanLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (
            _("rad %(line)s, kolumn %(column)s")
            % {"line": mark.line + 1, "column": mark.column + 1}
            if mark
            else _("okänd plats")
        )
        raise PlanFileError(
            [
                _("Filen är inte giltig YAML (%(where)s): %(problem)s")
                % {"where": where, "problem": error.problem or error}
            ]
        ) from error
    except yaml.YAMLError as error:
        raise PlanFileError(
            [_("Filen är inte giltig YAML: %(error)s") % {"error": error}]
        ) from error
