"""The page speaks the chosen language: ``<html lang>`` (WCAG 3.1.1) and Streamlit's own
widget words (``streamlit_words.py``, WCAG 3.1.2).

Streamlit serves ``<html lang="en">`` whatever the text, so screen readers read Swedish
with English rules, and its widgets add English of their own. One tiny script, run in the
page itself (``st.html`` is not iframed), sets the attribute and the words on every run;
the code is one of our own two languages, never input, and the words come from our
catalogues.
"""

from __future__ import annotations

import streamlit as st

from app.components.streamlit_words import script as streamlit_words
from plans.i18n import LANGUAGES


def set_page_language(code: str) -> None:
    if code not in LANGUAGES:  # only ever "sv" or "en": nothing else reaches the script
        return
    st.html(
        f'<script>document.documentElement.setAttribute("lang", "{code}");'
        f"{streamlit_words(code)}</script>",
        unsafe_allow_javascript=True,
        width="content",
    )
