"""AppTest helpers: the real entry script against a temporary store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from plans.demo import write_demo
from plans.settings import get_settings
from plans.store.files import FileStore

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")

MakeApp = Callable[..., AppTest]


@pytest.fixture
def app_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileStore:
    """A store with the demo cases, the one the app under test opens."""
    root = tmp_path / "appdata"
    monkeypatch.setenv("HJULET_DATA_DIR", str(root))
    get_settings.cache_clear()
    st.cache_resource.clear()
    store = FileStore(root)
    write_demo(store, 5)
    return store


@pytest.fixture
def make_app(app_store: FileStore) -> MakeApp:
    def make(case: str | None = None, step: str | None = None, lang: str = "sv") -> AppTest:
        at = AppTest.from_file(ENTRY, default_timeout=30)
        at.session_state["ui_lang"] = lang
        if case:
            at.query_params["case"] = case  # the deep link: the start page forwards it
        if case and step:
            at.session_state[f"step::{case}"] = step
        return at

    return make


def case_of_type(store: FileStore, kind: str, name: str | None = None) -> str:
    for case in store.list_cases():
        if case.type == kind and (name is None or case.display_name.startswith(name)):
            return case.id
    raise LookupError(kind)
