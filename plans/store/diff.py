"""A readable field-level difference between two revisions of a document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    path: str
    """Dotted path; list items that carry an ``id`` are named by it: ``actions[a-2].what``."""
    kind: ChangeKind
    old: Any
    new: Any


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        if not value and prefix:
            out[prefix] = {}
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif (
        isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value)
    ):
        for item in value:
            rest = {k: v for k, v in item.items() if k != "id"}
            _flatten(rest, f"{prefix}[{item['id']}]", out)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}[{index}]", out)
    else:
        out[prefix] = value


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def diff_bodies(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _flatten(old, "", before)
    _flatten(new, "", after)
    changes = []
    for path in sorted(set(before) | set(after)):
        a, b = before.get(path), after.get(path)
        if a == b or (_is_blank(a) and _is_blank(b)):
            continue
        if _is_blank(a):
            changes.append(Change(path, "added", None, b))
        elif _is_blank(b):
            changes.append(Change(path, "removed", a, None))
        else:
            changes.append(Change(path, "changed", a, b))
    return changes


def format_change(change: Change) -> str:
    if change.kind == "added":
        return f"+ {change.path}: {change.new!r}"
    if change.kind == "removed":
        return f"- {change.path}: {change.old!r}"
    return f"~ {change.path}: {change.old!r} → {change.new!r}"
