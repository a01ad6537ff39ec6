"""Unsaved-changes indicator, Save with a note, and the conflict merge panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.case_context import load_context
from app.components.diff_view import Names, dotted, names_for, segment_labels, show_value
from app.components.text import escape
from app.context import lang, service_context, tr
from app.drafts import Draft, rebase, save_draft
from app.validation import messages, rule_messages
from plans.documents import kind as get_kind
from plans.i18n import format_datetime
from plans.services import RuleError
from plans.store import ConflictError, Envelope
from plans.store.merge import FieldConflict, set_path, three_way


def status_line(draft: Draft) -> None:
    if draft.dirty:
        st.warning(tr("save.unsaved"), icon=":material/edit_note:")
    elif draft.exists:
        # No version number: several steps share one document (the case), so a step
        # nobody has touched yet would say "version 1" and its first save "version 2".
        st.caption(tr("save.saved"))
    else:
        st.caption(tr("save.not_saved_yet"))


def save_bar(
    draft: Draft,
    *,
    key: str | None = None,
    on_saved: Callable[[Envelope], None] | None = None,
    also_valid: Sequence[Draft] = (),
) -> None:
    """Save with a note; after a successful save ``on_saved`` runs (e.g. to save a
    document that depends on this one), then the page reruns and says so.

    ``also_valid`` are drafts that ``on_saved`` will save: they are checked first, so
    nothing is saved unless everything can be."""
    key = key or draft.key
    if draft.conflict is not None:
        conflict_panel(draft, key=key, on_saved=on_saved, also_valid=also_valid)
        return
    flash = st.session_state.pop(f"flash::{draft.key}", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    show_merge_problems(draft)
    status_line(draft)
    # The note survives a failed save; after a successful one a fresh, empty field
    # appears (a new widget key), because a form cleared on submit would lose it.
    saves = int(st.session_state.get(f"saves::{key}", 0))
    note_key = f"note::{key}::{saves}"
    if note_key not in st.session_state and _note_key(draft) in st.session_state:
        # The field was not drawn while the conflict panel was: bring its words back.
        st.session_state[note_key] = st.session_state[_note_key(draft)]
    with st.form(key=f"save::{key}", border=False):
        cols = st.columns([3, 1], vertical_alignment="bottom")
        note = cols[0].text_input(
            tr("save.note"),
            key=note_key,
            max_chars=500,
            placeholder=tr("save.note_placeholder"),
        )
        clicked = cols[1].form_submit_button(tr("save.button"), type="primary", width="stretch")
    if not clicked:
        return
    if not draft.dirty and draft.exists:
        st.info(tr("save.nothing_to_save"))
        return
    problems = _save(draft, key=key, note=note, on_saved=on_saved, also_valid=also_valid)
    if problems:
        show_problems(problems)
        return
    # Rerun so that everything on the page (stepper, banners) reflects the new revision,
    # or shows the conflict panel.
    st.rerun()


def _note_key(draft: Draft) -> str:
    """The note typed with a save that met a conflict: it goes with the merged save."""
    return f"conflict_note::{draft.key}"


def _problems_key(draft: Draft) -> str:
    return f"merge_problems::{draft.key}"


def show_merge_problems(draft: Draft) -> None:
    """Why the save after a conflict did not happen (said once; the merged text stays)."""
    problems = st.session_state.pop(_problems_key(draft), None)
    if problems:
        show_problems(problems)


def _save(
    draft: Draft,
    *,
    key: str,
    note: str,
    on_saved: Callable[[Envelope], None] | None,
    also_valid: Sequence[Draft],
) -> list[str]:
    """Check, save, then ``on_saved``. Returns what stopped the save, in the user's words
    (empty when it was saved, or when it met a conflict: that stays on the draft)."""
    problems = [
        problem
        for each in (draft, *also_valid)
        if each is draft or each.dirty
        for problem in validation_problems(each)
    ]
    if problems:
        return problems
    try:
        env = save_draft(service_context(), draft, note=note)
    except ConflictError:
        st.session_state[_note_key(draft)] = note
        return []
    except RuleError as exc:
        return rule_messages(exc, lang())
    if on_saved is not None:
        on_saved(env)
    st.session_state.pop(_note_key(draft), None)
    st.session_state[f"flash::{draft.key}"] = tr("save.done")
    st.session_state[f"saves::{key}"] = int(st.session_state.get(f"saves::{key}", 0)) + 1
    return []


def validation_problems(draft: Draft) -> list[str]:
    """What stops this draft from being saved, in the user's language (empty: fine)."""
    try:
        get_kind(draft.kind).body.model_validate(draft.body)
    except ValidationError as exc:
        return messages(exc, lang())
    return []


def show_problems(problems: Sequence[str]) -> None:
    """The one way to tell a person why a save did not happen; their text stays."""
    st.error(tr("save.fix_first") + "\n\n" + "\n".join(f"- {escape(m)}" for m in problems))


def conflict_panel(
    draft: Draft,
    *,
    key: str | None = None,
    on_saved: Callable[[Envelope], None] | None = None,
    also_valid: Sequence[Draft] = (),
) -> None:
    """Both versions side by side; the person decides field by field, and one button
    saves what they chose (with the note they typed). Nothing typed is lost: a save that
    cannot be made leaves the merged text in the draft and says why."""
    conflict = draft.conflict
    assert conflict is not None
    theirs = conflict.theirs

    def save_merged() -> None:
        note = str(st.session_state.get(_note_key(draft)) or "")
        problems = _save(
            draft, key=key or draft.key, note=note, on_saved=on_saved, also_valid=also_valid
        )
        if problems:
            st.session_state[_problems_key(draft)] = problems
        st.rerun()

    st.error(tr("conflict.title"), icon=":material/warning:")
    if theirs is None:
        st.write(tr("conflict.gone"))
        if st.button(tr("conflict.keep_mine_all"), key=f"gone::{draft.key}"):
            # Save it as a new document again: the draft keeps every word.
            draft.base_revision = None
            draft.conflict = None
            save_merged()
        return
    st.markdown(
        escape(
            tr(
                "conflict.explain",
                who=theirs.saved_by or tr("common.unknown_user"),
                when=format_datetime(theirs.saved_at, lang()),
                revision=theirs.revision,
            )
        )
    )
    base = draft.pristine
    theirs_body = theirs.parsed().model_dump(mode="json")
    merged, conflicts = three_way(base, draft.body, theirs_body)
    choices: dict[tuple[str, ...], str] = {}
    if not conflicts:
        st.info(tr("conflict.no_overlap"))
    names = _names(draft, [base, draft.body, theirs_body]) if conflicts else Names()
    for item in conflicts:
        _conflict_row(draft, item, choices, names)
    cols = st.columns(2)
    if cols[0].button(tr("conflict.use_merged"), type="primary", key=f"merge::{draft.key}"):
        for item in conflicts:
            if choices.get(item.path) == "theirs":
                set_path(merged, item.path, item.theirs)
        rebase(draft, theirs, merged)
        save_merged()
    if cols[1].button(tr("conflict.keep_mine_all"), key=f"mine::{draft.key}"):
        rebase(draft, theirs, draft.body)
        save_merged()


def _names(draft: Draft, bodies: Sequence[dict[str, Any]]) -> Names:
    """The case's wheel names its areas and factors; the bodies name their actions."""
    try:
        template = load_context(draft.case_id).template
    except Exception:  # without the wheel, names still come from the bodies
        template = None
    return names_for(template, bodies)


def _value_text(value: object, leaf: str, names: Names) -> str:
    if value in (None, "", [], {}):
        return tr("conflict.empty")
    if isinstance(value, dict):  # a whole action or partner, one side added or removed it
        return "\n".join(
            f"{_field_label(str(k))}: {show_value(v, str(k), names)}"
            for k, v in value.items()
            if k != "id" and v not in (None, "", [], {})
        )
    return show_value(value, leaf, names)


def _field_label(key: str) -> str:
    return segment_labels(key, Names())[-1]


def _conflict_row(
    draft: Draft, item: FieldConflict, choices: dict[tuple[str, ...], str], names: Names
) -> None:
    # The field as the person saw it ("Vem gör vad › Aktivitet «…» › Vad ska göras"),
    # never the stored key.
    path = dotted(item.path)
    name = " › ".join(segment_labels(path, names))
    leaf = str(item.path[-1]) if item.path else ""
    st.markdown(f"**{escape(name)}**")
    left, right = st.columns(2)
    with left:
        st.caption(tr("conflict.mine"))
        st.text(_value_text(item.mine, leaf, names))
    with right:
        st.caption(tr("conflict.theirs"))
        st.text(_value_text(item.theirs, leaf, names))
    choices[item.path] = st.radio(
        tr("conflict.choose", field=name),
        ["mine", "theirs"],
        format_func=lambda v: tr(f"conflict.choice_{v}"),
        horizontal=True,
        key=f"choice::{draft.key}::{path}",
    )
