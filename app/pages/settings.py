"""Settings: who is working (shown on every saved version) and the language."""

from __future__ import annotations

import streamlit as st

from app.components.text import escape
from app.context import ORG_KEY, USER_KEY, store, tr
from plans.settings import get_settings
from plans.templates import registry


def _keep(key: str) -> None:
    # Copy to a key no widget owns, so the value survives pages where it is not shown.
    st.session_state[key] = st.session_state[f"input::{key}"]


def _text(key: str, label: str, help_text: str) -> None:
    widget = f"input::{key}"
    if widget not in st.session_state:
        st.session_state[widget] = st.session_state.get(key, "")
    st.text_input(label, key=widget, help=help_text, max_chars=120, on_change=_keep, args=(key,))


def render() -> None:
    st.title(tr("nav.settings"))
    st.subheader(tr("settings.you"))
    _text(USER_KEY, tr("settings.name"), tr("settings.name_help"))
    _text(ORG_KEY, tr("settings.organisation"), tr("settings.organisation_help"))
    st.caption(tr("settings.language_hint"))
    st.subheader(tr("settings.about"))
    settings = get_settings()
    st.markdown(escape(tr("settings.data_dir", path=str(settings.data_dir.resolve()))))
    st.markdown(escape(tr("settings.case_count", count=len(store().list_cases()))))
    reg = registry()
    st.markdown(
        escape(
            tr(
                "settings.templates",
                names=", ".join(f"{t.title} ({t.id} {t.version})" for t in reg.templates.values()),
            )
        )
    )
    for problem in reg.problems:
        st.warning(escape(tr("settings.template_problem", problem=str(problem))))


if __name__ == "__main__":
    render()
