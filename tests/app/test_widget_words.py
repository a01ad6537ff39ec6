"""Streamlit's own English never shows in our widgets (issue 12 item 4): every selectbox
and multiselect carries our placeholder (an empty one makes Streamlit say "Choose an
option" / "Choose or add an option"), and no multiselect offers "Select all"."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type

STEPS = ["notice", "consent", "assessment", "questions", "plan", "review", "survey", "history",
         "case_admin"]  # fmt: skip


def _pickers(at: AppTest) -> list[tuple[str, str]]:
    """(label, placeholder) of every selectbox and multiselect on the page."""
    return [(w.label, w.proto.placeholder) for w in [*at.selectbox, *at.multiselect]]


def _without_our_words(at: AppTest) -> list[str]:
    assert not at.exception, at.exception
    return [label for label, placeholder in _pickers(at) if not placeholder.strip()]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("step", STEPS)
def test_every_picker_on_a_case_step_has_our_placeholder(
    make_app: MakeApp, app_store: FileStore, step: str, lang: str
) -> None:
    at = make_app(case=case_of_type(app_store, "child", "Noah"), step=step, lang=lang)
    at.run()
    assert _without_our_words(at) == []


@pytest.mark.parametrize("page", ["app/pages/start.py", "app/pages/meeting.py",
                                  "app/pages/followup.py"])  # fmt: skip
def test_every_picker_on_a_page_has_our_placeholder(make_app: MakeApp, page: str) -> None:
    at = make_app()
    at.run()
    at.switch_page(page)
    at.run()
    assert _without_our_words(at) == []
    for widget in at.multiselect:
        assert widget.proto.select_all == 0, widget.label
