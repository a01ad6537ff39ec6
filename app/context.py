"""What every page needs: the store, the language, the user's name, translated text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import streamlit as st

from plans import clock
from plans.accounts import User
from plans.i18n import LANGUAGES, t
from plans.services import Actor, Context
from plans.services.access import visibility_key, visible
from plans.services.accounts import actor_for
from plans.services.casefile import CaseFile, open_case
from plans.settings import get_settings
from plans.store import CaseSummary, Store, open_store

LANG_KEY = "ui_lang"
CURRENT_USER_KEY = "auth::current"
"""The signed-in account for this run, put there by app.auth.signed_in()."""
OPENED_KEY = "audit::opened"
NOBODY = Actor(username="")
"""No one signed in: a member of no case."""


@st.cache_resource(show_spinner=False)
def _store_for(data_dir: str) -> Store:
    return open_store(Path(data_dir))


def store() -> Store:
    return _store_for(str(get_settings().data_dir))


_LAST_LIST: dict[str, dict[str, CaseSummary]] = {}
"""Per data folder, the case list read last, by case id (see ``_cases_at``)."""


@st.cache_resource(show_spinner=False, max_entries=4)
def _cases_at(data_dir: str, generation: int) -> list[CaseSummary]:
    """The case list at this generation. A case that did not change since the list read
    last is the very same object, so its parsed facts (about 1 ms each under load) and its
    caseload row (app/caseload.py) are reused: after a save, one case is new, not 10,000."""
    before = _LAST_LIST.get(data_dir, {})
    listed = []
    for case in _store_for(data_dir).list_cases():
        old = before.get(case.id)
        same = old is not None and old == case and old.facts_json == case.facts_json
        listed.append(old if same and old is not None else case)
    _LAST_LIST[data_dir] = {c.id: c for c in listed}
    return listed


def all_cases() -> list[CaseSummary]:
    """Every case in the store (shared, read again only when the store has changed). Only
    for counts across the whole store, such as the follow-up; lists use ``cases()``."""
    data_dir = str(get_settings().data_dir)
    return _cases_at(data_dir, _store_for(data_dir).generation())


def open_case_file(case_id: str) -> CaseFile:
    """The case for the signed-in person (AccessDeniedError otherwise). The audit log gets
    one "opened" entry per case and browser session, not one per rerun."""
    opened: set[str] = st.session_state.setdefault(OPENED_KEY, set())
    file = open_case(service_context(), case_id, audited=case_id not in opened)
    opened.add(case_id)
    return file


VISIBLE_KEY = "access::visible"


def cases() -> list[CaseSummary]:
    """The cases the signed-in person may open (never statistics-only imported rows).

    Worked out again, by ``services.access.visible``, whenever anything that decides it
    may have changed: the store's generation (every save, so case and consent documents),
    today, who is signed in, and their memberships (``visibility_key``: one query per
    call). Kept in this browser session only; the same list object while nothing changed."""
    ctx = service_context()
    key = (ctx.store.generation(), visibility_key(ctx))
    kept = st.session_state.get(VISIBLE_KEY)
    if isinstance(kept, tuple) and kept[0] == key:
        return cast(list[CaseSummary], kept[1])
    found = visible(ctx, [c for c in all_cases() if not c.statistics_only])
    st.session_state[VISIBLE_KEY] = (key, found)
    return found


def lang() -> str:
    value = st.session_state.get(LANG_KEY) or get_settings().default_language
    return value if value in LANGUAGES else "sv"


def tr(key: str, /, **values: Any) -> str:
    return t(key, lang(), **values)


def signed_in_user() -> User | None:
    found = st.session_state.get(CURRENT_USER_KEY)
    return found if isinstance(found, User) else None


def actor() -> Actor:
    """The person signed in in this browser session. Pages run only behind the sign-in
    (app.navigation), so there is always one; without, nothing is allowed."""
    user = signed_in_user()
    return actor_for(user) if user is not None else NOBODY


def saved_by() -> str:
    return actor().label or tr("common.unknown_user")


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
