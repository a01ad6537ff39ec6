"""History (historik): every saved version of every document of the case.

Who saved it, when, and the note; any two versions compared in words; an old version
restored as a new one on top of the latest (nothing is ever overwritten, so a restore
can itself be undone by restoring again).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app.case_context import CaseContext
from app.components import access_log, access_panel
from app.components.diff_view import Names, diff_view, names_for
from app.components.text import escape
from app.context import lang, service_context, tr
from app.drafts import dirty_drafts, drop_draft
from app.validation import rule_messages
from plans.i18n import format_date, format_datetime
from plans.services import RuleError, restore_revision
from plans.store import ConflictError, DocumentRef, InvalidInputError, RevisionInfo

# The order of the practice model; reviews by meeting date, anything else after.
_KIND_ORDER = ("case", "consent", "assessment", "plan", "review", "survey")
_STEPS_IN = {
    "case": ("notice", "case_admin"),
    "consent": ("consent",),
    "assessment": ("assessment", "questions"),
    "plan": ("plan",),
    "survey": ("survey",),
}
"""A document is named by the steps whose answers it keeps, in the stepper's words, so
"Fem frågor" is found under that name (issue 12 item 10)."""


def _keys(ctx: CaseContext) -> dict[str, str]:
    base = f"history::{ctx.case_id}"
    return {name: f"{base}::{name}" for name in ("doc", "old", "new", "restore", "flash", "sure")}


def _doc_label(ctx: CaseContext, ref: DocumentRef) -> str:
    if ref.kind == "review":
        held = next((body.held_on for env, body in ctx.reviews if env.id == ref.doc_id), None)
        return tr("history.doc.review", date=format_date(held, lang()) if held else ref.doc_id)
    steps = _STEPS_IN.get(ref.kind)
    if steps is None:
        return tr("history.doc.other", kind=ref.kind)
    return tr("history.doc.and").join(tr(f"step.{step}") for step in steps)


def _ordered(ctx: CaseContext) -> list[DocumentRef]:
    held = {env.id: body.held_on.isoformat() for env, body in ctx.reviews}

    def rank(ref: DocumentRef) -> tuple[int, str]:
        kind = _KIND_ORDER.index(ref.kind) if ref.kind in _KIND_ORDER else len(_KIND_ORDER)
        return kind, held.get(ref.doc_id, ref.doc_id)

    return sorted(ctx.store.documents(ctx.case_id), key=rank)


def _who(info: RevisionInfo) -> str:
    return info.saved_by or tr("common.unknown_user")


def _revision_label(info: RevisionInfo) -> str:
    return tr(
        "history.revision_label",
        revision=info.revision,
        when=format_datetime(info.saved_at, lang()),
        who=_who(info),
    )


def _revisions(revisions: list[RevisionInfo]) -> None:
    rows = [
        {
            tr("history.col_version"): info.revision,
            tr("history.col_when"): format_datetime(info.saved_at, lang()),
            tr("history.col_who"): _who(info),
            tr("history.col_note"): info.note,
        }
        for info in reversed(revisions)
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            tr("history.col_version"): st.column_config.NumberColumn(width="small"),
            tr("history.col_note"): st.column_config.TextColumn(width="large"),
        },
    )


def _body(ctx: CaseContext, doc_id: str, revision: int) -> dict[str, Any]:
    """The body as today's model reads it (older schema versions are upgraded)."""
    body: dict[str, Any] = (
        ctx.store.load(ctx.case_id, doc_id, revision).parsed().model_dump(mode="json")
    )
    return body


def _names(ctx: CaseContext, bodies: list[dict[str, Any]]) -> Names:
    """Area titles from the wheel; action names also from the plan, for reviews."""
    plan: list[dict[str, Any]] = [ctx.plan.model_dump(mode="json")] if ctx.plan else []
    return names_for(ctx.template, [*bodies, *plan])


def _compare(ctx: CaseContext, ref: DocumentRef, revisions: list[RevisionInfo]) -> None:
    st.subheader(tr("history.compare_title"))
    if len(revisions) < 2:
        st.caption(tr("history.only_one"))
        return
    keys = _keys(ctx)
    numbers = [info.revision for info in revisions]
    labels = {info.revision: _revision_label(info) for info in revisions}
    cols = st.columns(2)
    old = cols[0].selectbox(
        tr("history.compare_old"),
        numbers,
        index=len(numbers) - 2,
        format_func=labels.__getitem__,
        key=f"{keys['old']}::{ref.doc_id}",
        placeholder=tr("common.choose"),
    )
    new = cols[1].selectbox(
        tr("history.compare_new"),
        numbers,
        index=len(numbers) - 1,
        format_func=labels.__getitem__,
        key=f"{keys['new']}::{ref.doc_id}",
        placeholder=tr("common.choose"),
    )
    if old == new:
        st.caption(tr("history.same_revision"))
        return
    before, after = _body(ctx, ref.doc_id, old), _body(ctx, ref.doc_id, new)
    diff_view(before, after, _names(ctx, [after, before]))  # today's names first


def _restore_now(ctx: CaseContext, ref: DocumentRef, revision: int) -> None:
    keys = _keys(ctx)
    try:
        env = restore_revision(
            service_context(),
            ctx.case_id,
            ref.doc_id,
            revision,
            note=tr("history.restored_note", revision=revision),
        )
    except ConflictError:
        st.warning(tr("history.restore_conflict"), icon=":material/edit_note:")
        return
    except RuleError as exc:
        if any(p.key == "restore_same" for p in exc.problems):
            latest = ctx.store.load(ctx.case_id, ref.doc_id).revision
            st.info(tr("history.restore_same", revision=revision, latest=latest))
        else:
            st.error(
                tr("history.restore_invalid", revision=revision, detail="")
                + "\n\n"
                + "\n".join(f"- {escape(m)}" for m in rule_messages(exc, lang()))
            )
        return
    except InvalidInputError as exc:
        st.error(tr("history.restore_invalid", revision=revision, detail=escape(str(exc))))
        return
    # The screen must show the restored text, not a draft of the old one.
    drop_draft(ctx.case_id, ref.doc_id)
    st.session_state[keys["flash"]] = tr("history.restored", revision=revision, new=env.revision)
    st.rerun()


def _restore(ctx: CaseContext, ref: DocumentRef, revisions: list[RevisionInfo]) -> None:
    st.subheader(tr("history.restore_title"))
    older = revisions[:-1]
    if not older:
        st.caption(tr("history.only_one"))
        return
    keys = _keys(ctx)
    st.caption(tr("history.restore_intro", latest=revisions[-1].revision))
    labels = {info.revision: _revision_label(info) for info in older}
    chosen = st.selectbox(
        tr("history.restore_pick"),
        list(reversed(labels)),
        format_func=labels.__getitem__,
        key=f"{keys['restore']}::{ref.doc_id}",
        placeholder=tr("common.choose"),
    )
    unsaved = any(d.doc_id == ref.doc_id for d in dirty_drafts(ctx.case_id))
    sure = True
    if unsaved:
        st.warning(tr("history.restore_unsaved"), icon=":material/edit_note:")
        sure = st.checkbox(tr("history.restore_sure"), key=f"{keys['sure']}::{ref.doc_id}")
    if st.button(
        tr("history.restore_button", revision=chosen),
        icon=":material/restore:",
        disabled=not sure,
        key=f"history_restore_go::{ctx.case_id}::{ref.doc_id}",
    ):
        _restore_now(ctx, ref, int(chosen))


def render(ctx: CaseContext) -> None:
    st.header(tr("step.history"))
    st.caption(tr("history.intro"))
    keys = _keys(ctx)
    flash = st.session_state.pop(keys["flash"], None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    refs = _ordered(ctx)
    if not refs:
        st.info(tr("history.nothing"))
        return
    _documents(ctx, keys, refs)
    st.divider()
    access_panel.show(ctx.case_id)
    st.divider()
    access_log.show(ctx.store, ctx.case_id, lang())


def _documents(ctx: CaseContext, keys: dict[str, str], refs: list[DocumentRef]) -> None:
    by_id = {ref.doc_id: ref for ref in refs}
    labels = {ref.doc_id: _doc_label(ctx, ref) for ref in refs}
    if st.session_state.get(keys["doc"]) not in by_id:
        st.session_state[keys["doc"]] = refs[0].doc_id
    doc_id = st.selectbox(
        tr("history.document"),
        list(by_id),
        format_func=labels.__getitem__,
        key=keys["doc"],
        placeholder=tr("common.choose"),
    )
    ref = by_id[str(doc_id)]
    revisions = ctx.store.history(ctx.case_id, ref.doc_id)
    st.subheader(escape(tr("history.revisions_title", document=labels[ref.doc_id])))
    _revisions(revisions)
    st.divider()
    _compare(ctx, ref, revisions)
    st.divider()
    _restore(ctx, ref, revisions)
