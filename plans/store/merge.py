"""Three-way merge of document bodies after a save conflict.

Changes that only one side made are taken as they are; where both sides
changed the same field differently, the field is a conflict for the person to
decide. Lists (such as actions) are compared whole, because an item's place in
a list means something to the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Path = tuple[str, ...]


@dataclass(frozen=True)
class FieldConflict:
    path: Path
    mine: Any
    theirs: Any


def three_way(
    base: Any, mine: Any, theirs: Any, path: Path = ()
) -> tuple[Any, list[FieldConflict]]:
    """Returns the merged value (taking *mine* where both changed) and the conflicts."""
    if mine == theirs:
        return mine, []
    if mine == base:
        return theirs, []
    if theirs == base:
        return mine, []
    if isinstance(mine, dict) and isinstance(theirs, dict):
        base_dict = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        conflicts: list[FieldConflict] = []
        for key in [*mine, *(k for k in theirs if k not in mine)]:
            value, found = three_way(
                base_dict.get(key), mine.get(key), theirs.get(key), (*path, str(key))
            )
            if value is not None or key in mine or key in theirs:
                merged[key] = value
            conflicts += found
        return merged, conflicts
    return mine, [FieldConflict(path, mine, theirs)]


def set_path(body: dict[str, Any], path: Path, value: Any) -> None:
    node = body
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
