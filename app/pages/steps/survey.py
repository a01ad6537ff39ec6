"""Step – the family survey (being built)."""

from __future__ import annotations

import streamlit as st

from app.case_context import CaseContext
from app.context import tr


def render(ctx: CaseContext) -> None:
    st.header(tr("step.survey"))
