"""Unsaved work brought back after a reload: said in words, with a way to throw it away."""

from __future__ import annotations

import streamlit as st

from app.context import lang, tr
from app.drafts import Draft, dirty_drafts, discard
from plans.i18n import format_datetime, tn


def _keep(drafts: list[Draft]) -> None:
    for draft in drafts:
        draft.restored_at = None


def _discard(drafts: list[Draft]) -> None:
    for draft in drafts:
        discard(draft)
    st.session_state[_flash_key(drafts[0].case_id)] = tr("unsaved.discarded")


def _flash_key(case_id: str) -> str:
    return f"restored_flash::{case_id}"


def notice(case_id: str) -> None:
    """For the case page, above the steps: which work came back, from when."""
    flash = st.session_state.pop(_flash_key(case_id), None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    restored = [d for d in dirty_drafts(case_id) if d.restored_at is not None]
    if not restored:
        return
    newest = max(d.restored_at for d in restored if d.restored_at is not None)
    with st.container(border=True):
        st.info(
            tn("unsaved.restored", len(restored), lang(), when=format_datetime(newest, lang())),
            icon=":material/history:",
        )
        with st.container(horizontal=True):
            st.button(
                tr("unsaved.keep"),
                key=f"restored_keep::{case_id}",
                on_click=_keep,
                args=(restored,),
                type="primary",
            )
            st.button(
                tr("unsaved.discard"),
                key=f"restored_discard::{case_id}",
                on_click=_discard,
                args=(restored,),
                icon=":material/delete:",
            )
