"""The one way to show text a person typed: always as text, never as markdown or HTML."""

from __future__ import annotations

import re

import streamlit as st

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:\"'=^])")
_NOT_DIALLED = re.compile(r"[^0-9]")


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


def phone_link(number: str) -> str:
    """A phone number as markdown that a phone can call (``tel:``). The address holds
    digits and a leading + only, so nothing typed can reach it; the text is escaped.
    Something that is not a number (too few digits) stays plain escaped text."""
    digits = _NOT_DIALLED.sub("", number or "")
    if len(digits) < 3:
        return escape(number)
    plus = "+" if (number or "").strip().startswith("+") else ""
    return f"[{escape(number.strip())}](tel:{plus}{digits})"
