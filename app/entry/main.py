"""Hjulet – the Streamlit entry point: page setup, language, navigation.

``hjulet run`` runs this file; ``streamlit_app.py`` in a checkout calls ``main()``.
"""

from __future__ import annotations

import streamlit as st

from app.navigation import build_navigation


def main() -> None:
    st.set_page_config(page_title="Hjulet", page_icon="🛞", layout="wide")
    build_navigation().run()


if __name__ == "__main__":
    main()
