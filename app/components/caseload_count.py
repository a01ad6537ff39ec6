"""The sidebar's count of my cases that need something now."""

from __future__ import annotations

import streamlit as st

from app.caseload import attention_count
from app.context import lang
from plans.i18n import tn


def show() -> None:
    count = attention_count()
    if count:
        st.caption(tn("caseload.sidebar", count, lang()), help=None)
