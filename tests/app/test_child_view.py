"""The child's own view: faces, one area at a time, writing only the child's voice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from streamlit.testing.v1 import AppTest

from assessment.model import VoiceRatings
from plans.documents.review import ReviewBody
from plans.i18n import format_date, t
from plans.planview import build_plan_view
from plans.store.files import FileStore
from plans.templates import template
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
    chosen = t("child_view.you_chose", answer="🤐 " + t("words.answer.declined"))
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


def _choice(value: int) -> str:
    level = template("girfec-sv").scale.level(value)
    assert level is not None
    return t("child_view.you_chose", answer=f"{level.face} {level.label}")


def _shown_choice(at: AppTest) -> str:
    said = [_plain(m.value).strip("*") for m in at.markdown]
    return next(s for s in said if s.startswith(t("child_view.you_chose", answer="")))


def test_after_a_review_the_child_sees_and_answers_its_latest_reading(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 8: the faces show what the child said at the newest review, not at
    the first assessment, and a new answer goes where the meeting view reads it."""
    sofia = case_of_type(app_store, "child", "Sofia")
    first = stored_assessment(app_store, sofia)
    first.area("safe").ratings.child = 2
    first.area("healthy").ratings.child = 3
    before = app_store.load(sofia, "assessment")
    app_store.save(sofia, "assessment", first, parent_revision=before.revision)
    held_on = dt.date.today() - dt.timedelta(days=7)
    older = ReviewBody(held_on=held_on - dt.timedelta(days=60), readings={})
    older.readings["safe"] = VoiceRatings(child=1)
    app_store.save(sofia, "review", older, parent_revision=None, doc_id="rev-older")
    newest = ReviewBody(held_on=held_on, readings={"safe": VoiceRatings(child=5)})
    app_store.save(sofia, "review", newest, parent_revision=None, doc_id="rev-newest")

    at = _open_child_view(make_app, sofia)
    assert _shown_choice(at) == _choice(5)
    assert any(format_date(held_on) in c.value for c in at.caption)
    at.button(key=f"child_next::{sofia}").click().run()
    # Hälsa was not read at the review: the assessment's answer is still the latest.
    assert _shown_choice(at) == _choice(3)
    _face(at, sofia, "healthy", 4)
    save(at)

    assert app_store.load(sofia, "rev-newest").parsed().readings["healthy"].child == 4
    assert stored_assessment(app_store, sofia).area("healthy").ratings.child == 3
    view = build_plan_view(app_store, sofia, audience="family")
    assert view.wheel is not None
    healthy = next(a for a in view.wheel.areas if a.area_id == "healthy")
    assert healthy.voices[0].raw == 4  # the meeting view and the PDF show the new answer
