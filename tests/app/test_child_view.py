"""The child's own view: faces, one area at a time, writing only the child's voice."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from plans.i18n import t
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type
from tests.app.test_assessment_step import open_step, radio, save, stored_assessment


def _open_child_view(make_app: MakeApp, case_id: str) -> AppTest:
    at = open_step(make_app, case_id, "assessment")
    at.button(key="open_child_view").click().run()
    assert not at.exception, at.exception
    assert t("child_view.title") in [x.value for x in at.title]
    return at


def _face(at: AppTest, case_id: str, area: str, value: int | str) -> None:
    at.button(key=f"child_face::{case_id}::{area}::{value}").click().run()
    assert not at.exception, at.exception


def _plain(markdown: str) -> str:
    """Labels are escaped markdown; what the person reads has no backslashes."""
    return markdown.replace("\\", "")


def _without_child_ratings(body: dict[str, Any]) -> dict[str, Any]:
    copy = {k: v for k, v in body.items() if k != "areas"}
    copy["areas"] = {
        area_id: {
            **{k: v for k, v in area.items() if k != "ratings"},
            "ratings": {k: v for k, v in area["ratings"].items() if k != "child"},
        }
        for area_id, area in body["areas"].items()
    }
    return copy


def test_faces_write_only_the_childs_voice(make_app: MakeApp, app_store: FileStore) -> None:
    sofia = case_of_type(app_store, "child", "Sofia")
    before = app_store.load(sofia, "assessment").body
    at = _open_child_view(make_app, sofia)
    # The adults' answers are not on the child's screen, so they cannot steer the child.
    assert not [r for r in at.radio if r.label.startswith(t("voice.guardians_rating"))]

    _face(at, sofia, "safe", 1)
    at.button(key=f"child_next::{sofia}").click().run()
    assert at.header[0].value == "Hälsa"
    _face(at, sofia, "healthy", "declined")
    chosen = t("child_view.you_chose", answer="🤐 " + t("voice.declined"))
    assert any(chosen in _plain(m.value) for m in at.markdown)
    save(at)
    assert t("child_view.title") in [x.value for x in at.title]  # still the child's screen

    after = app_store.load(sofia, "assessment").body
    assert after["areas"]["safe"]["ratings"]["child"] == 1
    assert after["areas"]["healthy"]["ratings"]["child"] == "declined"
    assert _without_child_ratings(after) == _without_child_ratings(before)


def test_back_to_the_adults_view_shows_the_childs_answer(
    make_app: MakeApp, app_store: FileStore
) -> None:
    noah = case_of_type(app_store, "child", "Noah")
    at = _open_child_view(make_app, noah)
    _face(at, noah, "safe", 5)
    at.button(key=f"child_view_back_top::{noah}").click().run()
    assert at.header[0].value == t("step.assessment")
    assert radio(at, t("voice.child_rating")).value == 5
    save(at)
    assert stored_assessment(app_store, noah).area("safe").ratings.child == 5


def test_the_childs_own_words_are_kept(make_app: MakeApp, app_store: FileStore) -> None:
    noah = case_of_type(app_store, "child", "Noah")
    at = _open_child_view(make_app, noah)
    words = next(w for w in at.text_area if w.label == t("child_view.words"))
    words.input("Jag gillar fotboll.").run()
    save(at)
    assert stored_assessment(app_store, noah).area("safe").child_words == "Jag gillar fotboll."


def test_a_baby_has_no_faces_to_choose(make_app: MakeApp, app_store: FileStore) -> None:
    milo = case_of_type(app_store, "child", "Milo")
    at = open_step(make_app, milo, "assessment")
    at.button(key="open_child_view").click().run()
    assert t("child_view.infant") in [i.value for i in at.info]
    assert not [b for b in at.button if (b.key or "").startswith("child_face::")]


def test_the_child_view_speaks_english(make_app: MakeApp, app_store: FileStore) -> None:
    sofia = case_of_type(app_store, "child", "Sofia")
    at = open_step(make_app, sofia, "assessment", lang="en")
    at.button(key="open_child_view").click().run()
    assert "How are you doing?" in [x.value for x in at.title]
    labels = [_plain(b.label) for b in at.button]
    assert "Back to the adult's view" in labels
    assert any(label.endswith("Doesn't want to say") for label in labels)
