"""Two revisions compared in words: what changed, named the way the screens name it.

``plans.store.diff.diff_bodies`` gives dotted paths (``actions[a-2].how_we_know``);
here they become "Aktivitet «Samtal med kuratorn» › Hur vi vet att det hjälper", area
ids become the wheel's titles, and values are shown as text (user text escaped,
dates in the reader's language, statuses in words).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from app.components.text import escape
from app.context import lang, tr
from assessment.template import WheelTemplate
from plans.i18n import field_key, format_date, has
from plans.store.diff import Change, diff_bodies
from plans.store.merge import ItemId

_SEGMENT = re.compile(r"\[([^\]]+)\]|([^.\[\]]+)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NAMED_ITEMS = {
    "actions": "history.item.action",
    "progress": "history.item.action",
    "partners": "history.item.partner",
}
_AREA_MAPS = ("areas", "readings")
_VOICE_KEYS = ("child", "guardians", "professional")
_CODED = ("area_id", "intervention", "risk_factors", "protective_factors")
# The order in which the screens ask for things; other fields follow alphabetically.
_FIELD_ORDER = (
    "reasons", "child_needs", "family_will", "professionals_will",
    "what", "who", "organisation", "by_when", "status", "area_id", "intervention",
    "how_we_know", "comment", "name", "role", "phone", "email",
    "child", "guardians", "professional", "next_review",
)  # fmt: skip
# Which catalogue words a field's stored values have, tried in order.
_VALUE_WORDS: dict[str, tuple[str, ...]] = {
    "status": ("words.status", "case.status"),
    "type": ("case.type",),
    "referrer": ("referrer",),
    "gender": ("gender",),
    "age_band": ("age_band",),
    "outcome": ("history.value",),
    **{voice: ("words.answer",) for voice in _VOICE_KEYS},
}


@dataclass(frozen=True)
class Names:
    """What the ids in a document are called on screen."""

    areas: Mapping[str, str] = field(default_factory=dict)
    items: Mapping[str, str] = field(default_factory=dict)
    """List item id (actions, partners) -> what it says, e.g. the action's 'what'."""
    codes: Mapping[str, str] = field(default_factory=dict)
    """Catalogue ids stored as values (areas, interventions, factors) -> their label."""
    levels: Mapping[int, str] = field(default_factory=dict)
    """Rating value -> the scale's label, for readings and ratings."""


def names_for(template: WheelTemplate | None, bodies: Iterable[Mapping[str, Any]]) -> Names:
    """Names from the wheel and from the bodies compared (or any body naming actions)."""
    areas = {a.id: a.title for a in template.areas} if template else {}
    codes: dict[str, str] = dict(areas)
    if template:
        for entry in (
            *template.interventions,
            *template.risk_factors,
            *template.protective_factors,
        ):
            codes.setdefault(entry.id, entry.label)
    levels = {lvl.value: lvl.label for lvl in template.scale.levels} if template else {}
    items: dict[str, str] = {}
    for body in bodies:
        for action in body.get("actions") or []:
            items.setdefault(str(action.get("id")), " ".join(str(action.get("what")).split()))
        for partner in body.get("partners") or []:
            items.setdefault(str(partner.get("id")), str(partner.get("organisation") or ""))
    return Names(areas=areas, items=items, codes=codes, levels=levels)


def _plain(name: str) -> str:
    key = field_key("history.field", name, lang())
    return tr(key) if key else name.replace("_", " ")


def _is_reading(parts: list[tuple[str | None, str | None]], index: int) -> bool:
    """``readings.<area>.<voice>``: a review's reading of one voice."""
    return index == 2 and parts[0][1] == "readings"


def segment_labels(path: str, names: Names) -> list[str]:
    """Each part of a diff path as the person reads it. A list's own name is left out
    before one of its items: "Aktivitet «…»" already says what it is."""
    parts = [(m.group(1), m.group(2)) for m in _SEGMENT.finditer(path)]
    labels: list[str] = []
    parent: str | None = None
    for index, (item, key) in enumerate(parts):
        last = index == len(parts) - 1
        if item is not None:
            if item.isdigit():
                labels.append(tr("history.item.number", number=int(item) + 1))
            else:
                template = _NAMED_ITEMS.get(parent or "", "history.item.other")
                labels.append(tr(template, name=names.items.get(item) or item))
            parent = None
            continue
        if parent == "progress":  # a dict keyed by action id
            labels.append(tr("history.item.action", name=names.items.get(key) or key))
        elif parent in _AREA_MAPS and key in names.areas:
            labels.append(names.areas[key])
        elif key in _VOICE_KEYS and (parent == "ratings" or _is_reading(parts, index)):
            labels.append(tr(f"words.voice.{key}"))  # the voice, as the wheel names it
        elif parent == "five_questions" and has(f"questions.{key}", lang()):
            labels.append(tr(f"questions.{key}"))  # the question as the step asks it
        elif not (key in _NAMED_ITEMS and not last):
            labels.append(_plain(key))
        parent = key
    return labels


def dotted(path: Sequence[str]) -> str:
    """A merge path (``("actions", ItemId("a-2"), "what")``) as a diff path
    (``actions[a-2].what``), so both are named by :func:`segment_labels`."""
    out = ""
    for part in path:
        if isinstance(part, ItemId):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _leaf(path: str) -> str:
    keys = [m.group(2) for m in _SEGMENT.finditer(path) if m.group(2)]
    return keys[-1] if keys else ""


def show_value(value: Any, leaf: str, names: Names | None = None) -> str:
    """A stored value as words: dates in the reader's language, codes as their word."""
    names = names or Names()
    if value in (None, "", [], {}):
        return tr("history.empty")
    if isinstance(value, bool):
        return tr("history.yes") if value else tr("history.no")
    if isinstance(value, int) and leaf in _VOICE_KEYS and value in names.levels:
        return f"{value} – {names.levels[value]}"
    if isinstance(value, str) and leaf in _CODED and value in names.codes:
        return names.codes[value]
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return format_date(dt.date.fromisoformat(value), lang())
        except ValueError:
            return value
    if isinstance(value, str):
        for prefix in (*_VALUE_WORDS.get(leaf, ()), "history.value"):
            if has(f"{prefix}.{value}", lang()):
                return tr(f"{prefix}.{value}")
        return value
    if isinstance(value, list):
        return ", ".join(show_value(v, leaf, names) for v in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{_plain(str(k))}: {show_value(v, str(k), names)}" for k, v in value.items()
        )
    return str(value)


def _segments(path: str) -> list[str | tuple[str]]:
    """Dict keys as strings, list item ids as 1-tuples (``actions[a-2]`` -> "actions", ("a-2",))."""
    return [
        (m.group(1),) if m.group(1) is not None else m.group(2) for m in _SEGMENT.finditer(path)
    ]


def _exists(body: Mapping[str, Any], segments: list[str | tuple[str]]) -> bool:
    """Whether the thing at ``segments`` is in ``body`` (items found by id or position)."""
    node: Any = body
    for part in segments:
        if isinstance(part, tuple) and isinstance(node, list):
            key = part[0]
            if key.isdigit() and not any(isinstance(x, dict) and "id" in x for x in node):
                node = node[int(key)] if int(key) < len(node) else None
            else:
                node = next((x for x in node if isinstance(x, dict) and x.get("id") == key), None)
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
        else:
            return False
        if node is None:
            return False
    return True


def _field_rank(change: Change) -> int:
    """Fields in the order the screen asks for them, not alphabetically."""
    leaf = _leaf(change.path)
    return _FIELD_ORDER.index(leaf) if leaf in _FIELD_ORDER else len(_FIELD_ORDER)


@dataclass
class Group:
    """The changes to one thing (the plan itself, one row, one partner, one area)."""

    label: str
    state: str
    """"changed", or "added"/"removed" when the whole thing is new or gone."""
    rows: list[tuple[str, Change]]


def grouped(
    old: Mapping[str, Any], new: Mapping[str, Any], changes: Iterable[Change], names: Names
) -> list[Group]:
    """Changes under the thing they belong to; the document's own fields first."""
    groups: dict[str, Group] = {}
    for change in sorted(changes, key=_field_rank):
        labels = segment_labels(change.path, names)
        label = " › ".join(labels[:-1])
        if label not in groups:
            parent = _segments(change.path)[:-1]
            state = "changed"
            if parent and not _exists(old, parent):
                state = "added"
            elif parent and not _exists(new, parent):
                state = "removed"
            groups[label] = Group(label, state, [])
        groups[label].rows.append((labels[-1] if labels else change.path, change))
    return sorted(groups.values(), key=lambda g: g.label != "")


def _whole(group: Group, names: Names) -> None:
    """A thing that is new or gone: its fields and values, one line each."""
    kind = tr(f"history.whole.{group.state}")
    st.markdown(f"**{escape(group.label)}** · *{escape(kind)}*")
    for label, change in group.rows:
        value = change.new if group.state == "added" else change.old
        cols = st.columns([2, 8])
        cols[0].markdown(escape(label))
        cols[1].markdown(escape(show_value(value, _leaf(change.path), names)))


def _changed(group: Group, names: Names) -> None:
    widths = [2, 4, 4]
    if group.label:
        st.markdown(f"**{escape(group.label)}**")
    head = st.columns(widths)
    for col, key in zip(
        head, ("history.col_field", "history.before", "history.after"), strict=True
    ):
        col.caption(tr(key))
    for label, change in group.rows:
        leaf = _leaf(change.path)
        cols = st.columns(widths)
        kind = tr(f"history.change.{change.kind}")
        cols[0].markdown(f"{escape(label)}  \n*{escape(kind)}*")
        cols[1].markdown(escape(show_value(change.old, leaf, names)))
        cols[2].markdown(escape(show_value(change.new, leaf, names)))


def diff_view(old: Mapping[str, Any], new: Mapping[str, Any], names: Names) -> list[Change]:
    """Render what changed from ``old`` to ``new``: the field, what it said before, what it
    says now, and the kind of change in words (colour never carries the meaning alone).
    Returns the changes, so a caller can tell whether anything differs."""
    changes = diff_bodies(dict(old), dict(new))
    if not changes:
        st.info(tr("history.no_changes"))
        return changes
    count_key = "history.changes_one" if len(changes) == 1 else "history.changes_other"
    st.caption(tr(count_key, count=len(changes)))
    for group in grouped(old, new, changes, names):
        with st.container(border=True):
            if group.state == "changed":
                _changed(group, names)
            else:
                _whole(group, names)
    return changes
