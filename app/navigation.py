"""Pages, the sidebar (language, who is signed in, unsaved work) and moving between pages.

Nothing but the sign-in page runs until someone has signed in; the family screen runs the
meeting view alone, without the sidebar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app import auth
from app.components import caseload_count
from app.components.contrast import readable_captions
from app.components.page_language import set_page_language
from app.components.text import escape
from app.components.unsaved_guard import unsaved_guard
from app.context import LANG_KEY, lang, store, tr
from app.drafts import dirty_drafts, forget_session_drafts, keep_drafts, restore_kept_drafts
from plans.accounts import User
from plans.demo import is_demo
from plans.i18n import LANGUAGES

_PAGES: dict[str, st.Page] = {}
_PAGE_DIR = Path(__file__).resolve().parent / "pages"  # not the main script's folder: installed too

_NO_SIDEBAR = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], [data-testid="stExpandSidebarButton"] { display: none !important; }
</style>"""


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


def _language() -> None:
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
        placeholder=tr("common.choose"),
    )


_RESTORED_FOR = "drafts::restored_for"


def _unsaved_work(user: User) -> None:
    """Work kept on the server comes back once per sign-in; then every run keeps what the
    widgets' callbacks just wrote. (The sidebar tells the browser whether to warn.)"""
    before = st.session_state.get(_RESTORED_FOR)
    if before != user.username:
        if before is not None:
            forget_session_drafts()
        st.session_state[_RESTORED_FOR] = user.username
        restore_kept_drafts()
    keep_drafts()


def _sidebar(user: User) -> None:
    with st.sidebar:
        _language()
        st.markdown(tr("auth.signed_in_as", name=escape(user.label)))
        st.button(tr("auth.sign_out"), on_click=auth.sign_out, icon=":material/logout:")
        caseload_count.show()
        unsaved = dirty_drafts()
        if unsaved:
            st.warning(tr("sidebar.unsaved", count=len(unsaved)), icon=":material/edit_note:")
        # Last in the sidebar: the script's empty element adds no gap above the page.
        unsaved_guard(bool(unsaved))


PAGE_NAMES = ("start", "new_case", "case", "meeting", "followup", "settings")


def _stand_ins(render: Callable[[], None], title: str, *, keep: str | None = None) -> list[Any]:
    """``render`` under every page's address, so a pasted link (``/case?case=…``) shows the
    sign-in page (or the family screen) with its address and query kept, instead of
    Streamlit's "page not found"; after sign-in the same address opens the real page."""
    pages: list[Any] = []
    for name in PAGE_NAMES:
        if name == keep:
            continue

        def stand_in() -> None:
            render()

        stand_in.__name__ = f"stand_in_{name}"
        pages.append(st.Page(stand_in, title=title, url_path=name, default=name == "start"))
    return pages


def build_navigation() -> StreamlitPage:
    set_page_language(lang())
    readable_captions()
    if is_demo(store()):
        st.warning(tr("auth.demo_banner"), icon=":material/science:")
    user = auth.signed_in()
    if user is None:
        with st.sidebar:
            _language()
        return st.navigation(_stand_ins(auth.render_sign_in, tr("auth.title")), position="hidden")
    if auth.family_screen():
        st.html(_NO_SIDEBAR)
        meeting = _page("meeting", ":material/groups:")
        others = _stand_ins(lambda: st.switch_page(meeting), tr("nav.meeting"), keep="meeting")
        return st.navigation([meeting, *others], position="hidden")
    _unsaved_work(user)
    _sidebar(user)
    pages = [
        _page("start", ":material/home:", default=True),
        _page("new_case", ":material/add_circle:"),
        _page("case", ":material/folder_open:"),
        _page("meeting", ":material/groups:"),
        _page("followup", ":material/bar_chart:"),
        _page("settings", ":material/settings:"),
    ]
    return st.navigation(pages)
