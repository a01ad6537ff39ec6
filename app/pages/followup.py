"""Page – followup (being built)."""

from __future__ import annotations

import streamlit as st

from app.context import tr


def render() -> None:
    st.title(tr("nav.followup"))


if __name__ == "__main__":
    render()
