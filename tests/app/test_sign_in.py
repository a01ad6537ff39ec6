"""AppTest: nothing but the sign-in page until someone signs in; wrong passwords, the
lockout and the idle timeout in the user's language."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from app.auth import SEEN_KEY, USER_KEY
from plans.accounts import AccountRole
from plans.i18n import t
from plans.services import LOCAL_OPERATOR, Context
from plans.services.accounts import add_user, set_disabled
from plans.settings import get_settings
from plans.store.files import FileStore
from tests.app.conftest import ENTRY

PASSWORD = "ett långt lösenord"


@pytest.fixture
def unsigned(app_store: FileStore) -> AppTest:
    add_user(
        Context(app_store, LOCAL_OPERATOR, dt.date.today()),
        "karin",
        role=AccountRole.PROFESSIONAL,
        password=PASSWORD,
        display_name="Karin Ek",
        organisation="Björkskolan",
    )
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.run()
    return at


def _sign_in(at: AppTest, username: str, password: str) -> None:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()


def test_only_the_sign_in_page_until_signed_in(unsigned: AppTest) -> None:
    at = unsigned
    assert not at.exception
    assert at.title[0].value == t("auth.title", "sv")
    assert not at.dataframe  # no case list, no names
    _sign_in(at, "karin", PASSWORD)
    assert not at.exception
    assert at.title[0].value == t("start.title", "sv")
    assert any("Karin Ek" in m.value for m in at.sidebar.markdown)


def test_a_wrong_password_says_so_and_five_lock_the_account(unsigned: AppTest) -> None:
    at = unsigned
    _sign_in(at, "karin", "fel lösenord här")
    assert [e.value for e in at.error] == [t("auth.wrong", "sv")]
    _sign_in(at, "ingen-alls", PASSWORD)
    assert [e.value for e in at.error] == [t("auth.wrong", "sv")]  # same words: no hint
    for _ in range(4):
        _sign_in(at, "karin", "fel lösenord här")
    assert [e.value for e in at.error] == [t("auth.locked", "sv")]
    _sign_in(at, "karin", PASSWORD)
    assert [e.value for e in at.error] == [t("auth.locked", "sv")]
    assert at.title[0].value == t("auth.title", "sv")


def test_an_idle_session_ends_with_a_notice(app_store: FileStore) -> None:
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.session_state[USER_KEY] = "jonas"
    minutes = get_settings().session_idle_minutes
    at.session_state[SEEN_KEY] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes + 1)
    at.run()
    assert at.title[0].value == t("auth.title", "sv")
    assert [i.value for i in at.info] == [t("auth.idle", "sv", minutes=minutes)]


def test_a_disabled_account_is_signed_out_at_its_next_click(app_store: FileStore) -> None:
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.session_state[USER_KEY] = "jonas"
    at.run()
    assert at.title[0].value == t("start.title", "sv")
    set_disabled(Context(app_store, LOCAL_OPERATOR, dt.date.today()), "jonas", True)
    at.run()
    assert at.title[0].value == t("auth.title", "sv")


def test_the_demo_banner_shows_for_demo_data(app_store: FileStore) -> None:
    from plans.demo import mark_demo

    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.run()
    assert t("auth.demo_banner", "sv") not in [w.value for w in at.warning]
    mark_demo(app_store)
    at.run()
    assert t("auth.demo_banner", "sv") in [w.value for w in at.warning]


def test_the_named_person_gives_and_takes_access_on_the_history_step(
    make_app: object, app_store: FileStore
) -> None:
    from plans.accounts import directory_for
    from tests.app.conftest import case_of_type

    noah = case_of_type(app_store, "child", "Noah")
    at = make_app(case=noah, step="history")  # type: ignore[operator]
    at.run()
    assert not at.exception
    assert any(s.value == t("access.title", "sv") for s in at.subheader)
    who = next(s for s in at.selectbox if s.label == t("access.grant", "sv"))
    who.set_value("sara").run()
    next(b for b in at.button if b.label == t("access.grant_button", "sv")).click().run()
    assert not at.exception
    assert "sara" in {m.username for m in directory_for(app_store).members(noah)}
    # Sara works elsewhere and consent does not cover her organisation: listed, blocked.
    assert any(t("access.blocked", "sv") in m.value for m in at.markdown)
    next(b for b in at.button if b.label == t("access.revoke", "sv")).click().run()
    assert "sara" not in {m.username for m in directory_for(app_store).members(noah)}


def test_a_store_without_accounts_says_how_to_make_the_first(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st

    monkeypatch.setenv("HJULET_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    st.cache_resource.clear()
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.run()
    assert [i.value for i in at.info] == [t("auth.no_accounts", "sv")]
