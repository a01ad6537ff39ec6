"""Rerunning one part of a page (``st.fragment``) as strictly as the whole page.

A click inside a fragment reruns only that function: navigation (sign-in, idle timeout,
the family screen), the case page's access check and the sidebar do not run. So a
fragment that shows a case starts with ``whole_page_unless_allowed``, which asks the same
questions and hands over to a whole run when any answer is no; and with
``whole_page_when_dirty_changes``, because what shows unsaved work outside the fragment
(the save bar, the sidebar) is drawn by a whole run only.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from app import auth
from app.context import service_context
from app.drafts import Draft
from plans.services.access import Permission, may

_DIRTY_PREFIX = "fragment::dirty::"


def is_fragment_run() -> bool:
    """True while a fragment reruns on its own (not as part of a whole run)."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def whole_page_unless_allowed(case_id: str, *, on_family_screen: bool = False) -> None:
    """In a fragment rerun: the person is still signed in (not idle, not disabled), the
    browser is not locked to the family screen (or, for a part of the meeting view,
    locked to this very case) and they may still read the case; else the whole page runs
    instead (and says why, as it always does). A whole run has just asked all this, so
    nothing is asked twice then."""
    if not is_fragment_run():
        return
    locked = auth.family_screen()
    if (
        auth.signed_in() is None
        or (locked is not None and (not on_family_screen or locked != case_id))
        or not may(service_context(), case_id, Permission.READ)
    ):
        st.rerun(scope="app")


def whole_page_when_dirty_changes(draft: Draft) -> None:
    """A whole run remembers whether the draft had unsaved work; a fragment run that
    finds it changed (the first change after opening or saving) hands over to a whole
    run, so the save bar and the sidebar say so. Later changes stay in the fragment."""
    key = _DIRTY_PREFIX + draft.key
    if not is_fragment_run():
        st.session_state[key] = draft.dirty
    elif st.session_state.get(key) != draft.dirty:
        st.rerun(scope="app")
