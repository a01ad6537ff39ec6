"""Three-way merge of document bodies after a save conflict.

Changes that only one side made are taken as they are; where both sides
changed the same field differently, the field is a conflict for the person to
decide. Lists whose items carry an ``id`` (actions, partners) are merged item by
item, so two people editing different actions both keep their edit; other lists
are compared whole, because an item's place in such a list is all it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ItemId(str):
    """A path segment naming a list item by its ``id`` (``actions`` › ``a-2``), not a key."""

    __slots__ = ()


Path = tuple[str, ...]


@dataclass(frozen=True)
class FieldConflict:
    path: Path
    mine: Any
    theirs: Any


def _by_id(value: Any) -> dict[str, dict[str, Any]] | None:
    """The items of a list keyed by id, or None when it is not such a list."""
    if not isinstance(value, list):
        return None
    items = {str(v["id"]): v for v in value if isinstance(v, dict) and "id" in v}
    return items if len(items) == len(value) else None


def _ordered_ids(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    """Mine's order, unless only they reordered the items both still have; the other
    side's new items go after the item they follow there."""
    shared = [i for i in base if i in mine and i in theirs]
    only_they_moved = [i for i in mine if i in theirs] == shared != [i for i in theirs if i in mine]
    lead, other = (theirs, mine) if only_they_moved else (mine, theirs)
    order = list(lead)
    for index, item in enumerate(other):
        if item in order:
            continue
        before = next((o for o in reversed(other[:index]) if o in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, item)
    return order


def _merge_items(
    base: Any, mine: list[Any], theirs: list[Any], path: Path
) -> tuple[list[Any], list[FieldConflict]] | None:
    base_items = _by_id(base if base is not None else [])
    mine_items, their_items = _by_id(mine), _by_id(theirs)
    if base_items is None or mine_items is None or their_items is None:
        return None
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for item_id in {*mine_items, *their_items}:
        value, found = three_way(
            base_items.get(item_id),
            mine_items.get(item_id),
            their_items.get(item_id),
            (*path, ItemId(item_id)),
        )
        conflicts += found
        if value is not None:
            merged[item_id] = value
    order = _ordered_ids(list(base_items), list(mine_items), list(their_items))
    return [merged[i] for i in order if i in merged], conflicts


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
    if isinstance(mine, list) and isinstance(theirs, list):
        items = _merge_items(base, mine, theirs, path)
        if items is not None:
            return items
    return mine, [FieldConflict(path, mine, theirs)]


def set_path(body: dict[str, Any], path: Path, value: Any) -> None:
    """Put ``value`` at ``path``; a list item named by ItemId is replaced, added (at the
    end) or, with ``None``, removed."""
    node: Any = body
    for part in path[:-1]:
        if isinstance(part, ItemId):
            node = next(x for x in node if isinstance(x, dict) and str(x.get("id")) == part)
        else:
            node = node.setdefault(part, {})
    last = path[-1]
    if isinstance(last, ItemId):
        index = next(
            (i for i, x in enumerate(node) if isinstance(x, dict) and str(x.get("id")) == last),
            None,
        )
        if value is None:
            if index is not None:
                del node[index]
        elif index is None:
            node.append(value)
        else:
            node[index] = value
        return
    node[last] = value
