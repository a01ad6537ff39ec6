"""The one way to show text a person typed: always as text, never as markdown or HTML."""

from __future__ import annotations

import re

import streamlit as st

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:\"'=^])")


def escape(text: str) -> str:
    """Backslash-escape every markdown-significant character and keep line breaks."""
    escaped = _PUNCTUATION.sub(r"\\\1", text or "")
    return escaped.replace("\n", "  \n")


def user_text(text: str, *, empty: str = "–") -> None:
    """Show user-entered text as a paragraph of plain text."""
    st.markdown(escape(text) if text and text.strip() else escape(empty))


def labelled(label: str, text: str, *, empty: str = "–") -> None:
    """A translated label (trusted) over user text (escaped)."""
    st.markdown(f"**{escape(label)}**  \n{escape(text) if text and text.strip() else empty}")
