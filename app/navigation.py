"""Pages, the sidebar (language, who is working, unsaved work) and moving between pages."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app.context import LANG_KEY, USER_KEY, lang, tr
from app.drafts import dirty_drafts
from plans.i18n import LANGUAGES

_PAGES: dict[str, st.Page] = {}
_PAGE_DIR = Path(__file__).resolve().parent / "pages"  # not the main script's folder: installed too


def _page(name: str, icon: str, *, default: bool = False) -> st.Page:
    # File pages (each ends with ``if __name__ == "__main__": render()``) so that
    # AppTest.switch_page can open them too.
    page = st.Page(
        _PAGE_DIR / f"{name}.py", title=tr(f"nav.{name}"), icon=icon, url_path=name, default=default
    )
    _PAGES[name] = page
    return page


def page(name: str) -> st.Page:
    return _PAGES[name]


def open_case(case_id: str, step: str | None = None) -> None:
    if step:
        st.session_state[f"step::{case_id}"] = step
    st.switch_page(_PAGES["case"], query_params={"case": case_id})


def _keep_language() -> None:
    st.session_state[LANG_KEY] = st.session_state[f"widget::{LANG_KEY}"]


def _sidebar() -> None:
    with st.sidebar:
        # The choice lives under a key no widget owns: a widget's own key can be
        # forgotten when the page switches, and the language must never fall back.
        widget = f"widget::{LANG_KEY}"
        st.session_state[widget] = lang()
        st.selectbox(
            "Språk / Language",
            LANGUAGES,
            key=widget,
            format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
            on_change=_keep_language,
        )
        if not st.session_state.get(USER_KEY):
            st.info(tr("sidebar.who_hint"))
        unsaved = dirty_drafts()
        if unsaved:
            st.warning(tr("sidebar.unsaved", count=len(unsaved)), icon=":material/edit_note:")


def build_navigation() -> StreamlitPage:
    _sidebar()
    pages = [
        _page("start", ":material/home:", default=True),
        _page("new_case", ":material/add_circle:"),
        _page("case", ":material/folder_open:"),
        _page("meeting", ":material/groups:"),
        _page("followup", ":material/bar_chart:"),
        _page("settings", ":material/settings:"),
    ]
    return st.navigation(pages)
