"""Hjulet – the Streamlit entry point: page setup, language, navigation."""

from __future__ import annotations

import streamlit as st

from app.navigation import build_navigation

st.set_page_config(page_title="Hjulet", page_icon="🛞", layout="wide")
build_navigation().run()
