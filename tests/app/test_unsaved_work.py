"""AppTest: never lose a word (issue 12) – text over the length limit (item 2), unsaved work
kept on the server over a reload and thrown away on request (item 3)."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from app.auth import USER_KEY
from app.drafts import Draft
from plans.accounts import MemberReason, directory_for
from plans.demo import DEMO_STAFF
from plans.store.drafts import drafts_for
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type, named_person_of

REASONS = "Varför gör vi en plan tillsammans?"


def _plan_draft(at: AppTest, cid: str) -> Draft:
    draft = at.session_state[f"draft::{cid}::plan"]
    assert isinstance(draft, Draft)
    return draft


def test_a_text_over_the_limit_is_kept_and_the_page_says_so(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    before = app_store.load(cid, "plan").revision
    at = make_app(case=cid, step="plan")
    at.run()
    field = next(w for w in at.text_area if w.label == REASONS)
    # The browser used to refuse such a paste silently: the widget must not carry the
    # limit (Streamlit's frontend enforces max_chars by refusing the change).
    assert not field.max_chars
    pasted = "Sofia behöver stöd. " * 250  # 5,000 characters
    field.input(pasted).run()
    assert not at.exception
    assert _plan_draft(at, cid).get(("reasons",)) == pasted
    errors = " ".join(e.value for e in at.error).replace("\xa0", " ")
    assert "5 000 tecken" in errors and "högst 4 000" in errors and "1 000 tecken" in errors
    next(b for b in at.button if b.label == "Spara").click().run()
    assert "får vara högst 4000 tecken" in " ".join(e.value for e in at.error)
    assert app_store.load(cid, "plan").revision == before
    assert _plan_draft(at, cid).get(("reasons",)) == pasted


def _reasons(at: AppTest) -> str:
    return str(next(w for w in at.text_area if w.label == REASONS).value)


def _kept(store: FileStore, username: str) -> list[dict[str, object]]:
    return [d.body for d in drafts_for(store).of_person(username)]


def test_unsaved_work_comes_back_in_a_new_session_and_can_be_thrown_away(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    user = named_person_of(app_store, cid)
    saved = app_store.load(cid, "plan").parsed().reasons
    typed = "Sofia vill kunna leka med de andra på gården."
    first = make_app(case=cid, step="plan")
    first.run()
    next(w for w in first.text_area if w.label == REASONS).input(typed).run()
    assert [body["reasons"] for body in _kept(app_store, user)] == [typed]

    # A reload is a new session: the work comes back, and the page says so in words.
    again = make_app(case=cid, step="plan")
    again.run()
    assert not again.exception
    assert _reasons(again) == typed
    assert "Osparade ändringar från" in " ".join(i.value for i in again.info)
    restored = [e for e in app_store.audit_log().entries() if e.action == "draft_restored"]
    assert [(e.actor, e.case_id) for e in restored] == [(user, cid)]

    next(b for b in again.button if b.label == "Släng ändringarna").click().run()
    assert not again.exception
    assert _reasons(again) == saved
    assert _kept(app_store, user) == []
    assert "Osparade ändringar från" not in " ".join(i.value for i in again.info)


def test_a_saved_draft_is_no_longer_kept(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    user = named_person_of(app_store, cid)
    at = make_app(case=cid, step="plan")
    at.run()
    next(w for w in at.text_area if w.label == REASONS).input("Ny text om Sofia.").run()
    assert len(_kept(app_store, user)) == 1
    next(b for b in at.button if b.label == "Spara").click().run()
    assert app_store.load(cid, "plan").parsed().reasons == "Ny text om Sofia."
    assert _kept(app_store, user) == []


def test_another_person_signing_in_in_the_same_tab_never_gets_the_last_ones_work(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    first = named_person_of(app_store, cid)
    other = next(u for u, _name, _org in DEMO_STAFF if u != first)
    directory_for(app_store).add_member(cid, other, MemberReason.CREATED, "", dt.date.today())
    saved = app_store.load(cid, "plan").parsed().reasons
    at = make_app(case=cid, step="plan")
    at.run()
    next(w for w in at.text_area if w.label == REASONS).input("Bara min text.").run()
    at.session_state[USER_KEY] = other  # signed out, and the next person signed in
    at.run()
    assert not at.exception
    assert _reasons(at) == saved
    assert _kept(app_store, other) == []
    assert [body["reasons"] for body in _kept(app_store, first)] == ["Bara min text."]
