"""Warnings while typing into an anonymous consultation (no personal data allowed)."""

from __future__ import annotations

import streamlit as st

from app.components.text import escape
from app.context import tr
from plans.privacy import personal_numbers, possible_names


def anonymous_warnings(text: str) -> bool:
    """Shows a warning for anything that looks like personal data; True if it found any."""
    numbers = personal_numbers(text)
    names = possible_names(text)
    if numbers:
        st.warning(tr("privacy.personal_number"), icon=":material/lock:")
    if names:
        st.warning(tr("privacy.names", names=escape(", ".join(names))), icon=":material/lock:")
    return bool(numbers or names)
