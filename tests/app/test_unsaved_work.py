"""AppTest: never lose a word – text over the length limit (issue 12, item 2)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from app.drafts import Draft
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type

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
