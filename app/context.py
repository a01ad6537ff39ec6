"""What every page needs: the store, the language, the user's name, translated text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import streamlit as st

from plans import clock
from plans.i18n import LANGUAGES, t
from plans.services import Actor, Context
from plans.settings import get_settings
from plans.store import CaseSummary, Store, open_store

LANG_KEY = "ui_lang"
USER_KEY = "ui_user_name"
ORG_KEY = "ui_user_org"


@st.cache_resource(show_spinner=False)
def _store_for(data_dir: str) -> Store:
    return open_store(Path(data_dir))


def store() -> Store:
    return _store_for(str(get_settings().data_dir))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cases_at(data_dir: str, generation: int) -> list[CaseSummary]:
    return _store_for(data_dir).list_cases()


def cases() -> list[CaseSummary]:
    """The case list, read again only when the store has changed (shared, read-only)."""
    data_dir = str(get_settings().data_dir)
    return _cases_at(data_dir, _store_for(data_dir).generation())


def lang() -> str:
    value = st.session_state.get(LANG_KEY) or get_settings().default_language
    return value if value in LANGUAGES else "sv"


def tr(key: str, /, **values: Any) -> str:
    return t(key, lang(), **values)


def user_name() -> str:
    return str(st.session_state.get(USER_KEY, "")).strip()


def user_org() -> str:
    return str(st.session_state.get(ORG_KEY, "")).strip()


def saved_by() -> str:
    return user_name() or tr("common.unknown_user")


def actor() -> Actor:
    """The person working in this browser session."""
    return Actor(username=saved_by(), organisation=user_org())


def service_context() -> Context:
    """What every service call from a page carries: the store, who, and today."""
    return Context(store(), actor(), clock.today())


def fixed_labels(options: Iterable[Any], label: Callable[[Any], str]) -> Callable[[Any], str]:
    """A format_func whose words are decided now, in the current language.

    Streamlit (and AppTest) may call a format_func again outside the script run,
    where the session's language is unknown; precomputed labels never change language.
    """
    words = {option: label(option) for option in options}
    return lambda option: words.get(option, str(option))
