"""AppTest helpers: the real entry script against a temporary store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app.auth import USER_KEY
from plans.accounts import MemberReason, directory_for
from plans.demo import write_demo, write_demo_users
from plans.documents.case import CaseBody
from plans.settings import get_settings
from plans.store.files import FileStore

DEFAULT_USER = "jonas"

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
    write_demo_users(store, dt.date.today())
    return store


def named_person_of(store: FileStore, case_id: str) -> str:
    """The username of the case's named person (the demo staff have accounts). A case a
    test wrote itself, naming no one with an account, is opened by its creator: Jonas."""
    case = store.load(case_id, "case").body_as(CaseBody)
    email = case.named_person.email if case.named_person else ""
    user = directory_for(store).user_by(email=email) if email else None
    if user is not None:
        return user.username
    directory_for(store).add_member(
        case_id, DEFAULT_USER, MemberReason.CREATED, "", dt.date.today()
    )
    return DEFAULT_USER


@pytest.fixture
def make_app(app_store: FileStore) -> MakeApp:
    def make(
        case: str | None = None, step: str | None = None, lang: str = "sv", user: str | None = None
    ) -> AppTest:
        """The app signed in (as ``user``, else the case's named person, else Jonas Berg, the
        demo principal); tests/app/test_sign_in.py signs in through the page itself."""
        at = AppTest.from_file(ENTRY, default_timeout=30)
        at.session_state["ui_lang"] = lang
        at.session_state[USER_KEY] = user or (
            named_person_of(app_store, case) if case else DEFAULT_USER
        )
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
