"""The plan's actions (who does what, by when, and how we will know it helped).

Each action is one fold-out card bound to the plan draft, so nothing typed is lost.
Rows are addressed by their place in the list; when one is removed the draft is
re-seeded (``Draft.replace``) so no widget keeps showing a neighbour's text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from app.components import fields
from app.components.language_hint import language_hint
from app.components.text import escape
from app.context import fixed_labels, lang, tr
from app.drafts import Draft
from plans import clock
from plans.documents.plan import ActionStatus
from plans.i18n import format_date
from plans.language import Lang as TextLang

OPEN_STATUSES = (ActionStatus.PLANNED.value, ActionStatus.ONGOING.value)
_OPEN_KEY = "action_editor_open"
"""Session key naming the action that was just added, so its card opens by itself."""


@dataclass(frozen=True)
class ActionChoices:
    """What the selects of an action offer; labels come from the template and the case."""

    areas: dict[str, str]
    """area id -> title, in the wheel's order."""
    organisations: Sequence[str]
    interventions: dict[str, str]
    """intervention id -> label, from the template's catalogue."""


def _next_id(actions: list[dict[str, Any]]) -> str:
    """Short readable ids ("a-3"); they name the action in reviews and in the history."""
    taken = {str(a.get("id")) for a in actions}
    n = len(actions) + 1
    while f"a-{n}" in taken:
        n += 1
    return f"a-{n}"


def _add(draft: Draft) -> None:
    actions = list(draft.get(("actions",)) or [])
    new_id = _next_id(actions)
    actions.append(
        {
            "id": new_id,
            "what": "",
            "who": "",
            "organisation": "",
            "area_id": None,
            "by_when": None,
            "how_we_know": "",
            "status": ActionStatus.PLANNED.value,
            "intervention": None,
        }
    )
    draft.set(("actions",), actions)
    st.session_state[_OPEN_KEY] = new_id


def _remove(draft: Draft, action_id: str) -> None:
    body = dict(draft.body)
    body["actions"] = [a for a in body.get("actions") or [] if a.get("id") != action_id]
    draft.replace(body)


def _title(index: int, action: dict[str, Any]) -> str:
    what = " ".join(str(action.get("what") or "").split()) or tr("action.untitled")
    status = tr(f"words.status.{action.get('status') or 'planned'}")
    when = action.get("by_when")
    parts = [f"{index + 1}. {what}", status]
    if when:
        day = dt.date.fromisoformat(when)
        parts.append(tr("action.by_date", date=format_date(day, lang())))
        if day < clock.today() and action.get("status") in OPEN_STATUSES:
            parts.append(tr("action.overdue"))
    return escape(" · ".join(parts))


def status_labels() -> dict[str, str]:
    return {s.value: tr(f"words.status.{s.value}") for s in ActionStatus}


def _options(current: Any, offered: Sequence[Any]) -> list[Any]:
    """The offered values plus the stored one, so an old value is never silently changed."""
    values = list(dict.fromkeys(offered))
    if current not in values:
        values.append(current)
    return values


def _card(
    draft: Draft, index: int, action: dict[str, Any], choices: ActionChoices, text_lang: TextLang
) -> None:
    base = ("actions", index)
    fields.text_area(
        draft, (*base, "what"), tr("action.what") + " *", help=tr("action.what_help"), height=80
    )
    language_hint(draft, (*base, "what"), target="family", text_lang=text_lang)
    cols = st.columns(3)
    with cols[0]:
        fields.text_input(draft, (*base, "who"), tr("action.who"), help=tr("action.who_help"))
    with cols[1]:
        orgs = _options(action.get("organisation") or "", ["", *choices.organisations])
        fields.select(
            draft,
            (*base, "organisation"),
            tr("action.organisation"),
            orgs,
            format_func=fixed_labels(orgs, lambda o: o or tr("action.none_chosen")),
            help=tr("action.organisation_help"),
        )
    with cols[2]:
        fields.date_input(
            draft,
            (*base, "by_when"),
            tr("action.by_when"),
            min_value=clock.today() - dt.timedelta(days=3 * 365),
        )
    cols = st.columns(3)
    with cols[0]:
        fields.select(
            draft,
            (*base, "status"),
            tr("action.status_label"),
            [s.value for s in ActionStatus],
            format_func=status_labels().__getitem__,
        )
    with cols[1]:
        areas = _options(action.get("area_id"), [None, *choices.areas])
        fields.select(
            draft,
            (*base, "area_id"),
            tr("action.area"),
            areas,
            format_func=fixed_labels(
                areas, lambda a: choices.areas.get(a, a) if a else tr("action.none_chosen")
            ),
        )
    with cols[2]:
        kinds = _options(action.get("intervention"), [None, *choices.interventions])
        fields.select(
            draft,
            (*base, "intervention"),
            tr("action.intervention"),
            kinds,
            format_func=fixed_labels(
                kinds, lambda i: choices.interventions.get(i, i) if i else tr("action.none_chosen")
            ),
            help=tr("action.intervention_help"),
        )
    fields.text_area(
        draft,
        (*base, "how_we_know"),
        tr("action.how_we_know"),
        help=tr("action.how_we_know_help"),
        height=80,
    )
    language_hint(draft, (*base, "how_we_know"), target="family", text_lang=text_lang)
    with st.popover(tr("action.remove"), icon=":material/delete:"):
        st.write(tr("action.remove_confirm"))
        st.button(
            tr("action.remove_yes"),
            key=f"action_remove::{draft.key}::{action['id']}",
            on_click=_remove,
            args=(draft, str(action["id"])),
            type="primary",
        )


def action_editor(draft: Draft, choices: ActionChoices, *, text_lang: TextLang) -> None:
    """All actions of the plan draft, with Add and Remove."""
    actions: list[dict[str, Any]] = list(draft.get(("actions",)) or [])
    if not actions:
        st.caption(tr("action.none_yet"))
    opened = st.session_state.get(_OPEN_KEY)
    for index, action in enumerate(actions):
        # A key keeps the card open while its title follows what is typed.
        with st.expander(
            _title(index, action),
            expanded=action.get("id") == opened,
            key=f"action_card::{draft.key}::{action.get('id')}",
        ):
            _card(draft, index, action, choices, text_lang)
    missing = [i + 1 for i, a in enumerate(actions) if not str(a.get("what") or "").strip()]
    if missing:
        st.warning(
            tr("action.what_missing", numbers=", ".join(map(str, missing))),
            icon=":material/edit_note:",
        )
    st.button(
        tr("action.add"),
        icon=":material/add:",
        key=f"action_add::{draft.key}",
        on_click=_add,
        args=(draft,),
    )
