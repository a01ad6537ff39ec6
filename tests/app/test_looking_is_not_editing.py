"""AppTest: opening every step of every demo case, without touching a field, leaves no
unsaved work: a false "osparade ändringar" would warn on every reload and keep a server
copy of a draft nobody wrote."""

from __future__ import annotations

from app.drafts import Draft
from plans.store.files import FileStore
from tests.app.conftest import MakeApp

STEPS = (
    "notice",
    "consent",
    "assessment",
    "questions",
    "plan",
    "review",
    "survey",
    "history",
    "case_admin",
)


def test_looking_through_every_step_of_a_case_changes_nothing(
    make_app: MakeApp, app_store: FileStore
) -> None:
    # Swedish only: AppTest formats a radio's value outside the script run, where the
    # session's language cannot be read, so an English run trips over its own labels.
    visited: list[str] = []
    for summary in app_store.list_cases():
        if summary.type == "anonymous":
            continue
        at = make_app(case=summary.id)
        at.run()
        offered = at.session_state[f"step::{summary.id}"]
        assert offered == "notice"
        for step in STEPS:
            at.session_state[f"step::{summary.id}"] = step  # as a click on the stepper
            at.run()
            if at.session_state[f"step::{summary.id}"] != step:
                continue  # not offered for this case
            visited.append(step)
            assert not at.exception, (summary.id, step)
            dirty = [
                f"{v.kind}: {v.body} != {v.pristine}"
                for v in at.session_state.values()
                if isinstance(v, Draft) and v.dirty
            ]
            assert not dirty, (step, dirty)
    assert set(visited) == set(STEPS)


def test_looking_at_the_new_case_form_in_both_languages_changes_nothing(
    make_app: MakeApp,
) -> None:
    """The form's "not given" gender and its wheel (the other language offers another) are
    defaults, not the person's edits (the browser walk found "1 document unsaved")."""
    at = make_app()
    at.run()
    for lang in ("sv", "en", "sv"):
        at.session_state["ui_lang"] = lang
        at.switch_page("app/pages/new_case.py")
        at.run()
        assert not at.exception
        at.switch_page("app/pages/start.py")
        at.run()
        dirty = [v.kind for v in at.session_state.values() if isinstance(v, Draft) and v.dirty]
        assert dirty == [], lang
        assert not [w.value for w in at.warning if "unsaved" in w.value or "osparade" in w.value]
