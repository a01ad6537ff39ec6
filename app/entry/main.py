"""Hjulet – the Streamlit entry point: page setup, language, navigation.

``hjulet run`` runs this file; ``streamlit_app.py`` in a checkout calls ``main()``.
"""

from __future__ import annotations

import streamlit as st

from app.components import storage_failure
from app.navigation import build_navigation
from plans.store import ReadOnlyStoreError, StoreUnavailableError


def main() -> None:
    st.set_page_config(page_title="Hjulet", page_icon="🛞", layout="wide")
    try:
        build_navigation().run()
    except (StoreUnavailableError, ReadOnlyStoreError) as exc:
        # Every page, one place: said in the person's language, their drafts untouched.
        storage_failure.show(exc)


if __name__ == "__main__":
    main()
