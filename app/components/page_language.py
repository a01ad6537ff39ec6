"""The page's ``<html lang>`` follows the chosen language (WCAG 3.1.1).

Streamlit serves ``<html lang="en">`` whatever the text, so screen readers read Swedish
with English rules. A tiny script, run in the page itself (``st.html`` is not iframed),
sets the attribute on every run; the code is one of our own two languages, never input.
"""

from __future__ import annotations

import streamlit as st

from plans.i18n import LANGUAGES


def set_page_language(code: str) -> None:
    if code not in LANGUAGES:  # only ever "sv" or "en": nothing else reaches the script
        return
    st.html(
        f'<script>document.documentElement.setAttribute("lang", "{code}");</script>',
        unsafe_allow_javascript=True,
        width="content",
    )
