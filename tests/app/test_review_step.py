"""AppTest: a review meeting – progress per action, new readings, the plan's next date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from plans.services import plan_after_review
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def _select(at: AppTest, label: str) -> Selectbox:
    return next(w for w in at.selectbox if w.label == label)


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Spara").click().run()


def _reviews(store: FileStore, cid: str) -> list[str]:
    return [d.doc_id for d in store.documents_of_kind(cid, "review")]


def test_review_is_saved_with_progress_and_readings_and_moves_the_plans_date(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    plan_before = app_store.load(cid, "plan")
    at = make_app(case=cid, step="review")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Uppföljning"
    assert any("barnets plan, version 2" in c.value for c in at.caption)
    _select(at, "Hur går det med rad 1?").set_value("done").run()
    comment = next(w for w in at.text_input if w.label == "Kommentar till rad 1")
    comment.input("Noah klarade provet i december.").run()
    _select(at, "Trygg: Barnet").set_value(4).run()
    _select(at, "Trygg: Personalen").set_value("not_assessed").run()
    _select(at, "Delaktig: Barnet").set_value("declined").run()
    summary = next(w for w in at.text_area if w.label == "Sammanfattning")
    summary.input("Det går bättre i skolan.").run()
    next_review = dt.date.today() + dt.timedelta(days=60)
    next(d for d in at.date_input if d.label == "Nästa uppföljning").set_value(next_review).run()
    _save(at)
    assert not at.exception

    [doc_id] = _reviews(app_store, cid)
    review = app_store.load(cid, doc_id).parsed()
    assert review.held_on == dt.date.today()
    assert review.plan_revision == plan_before.revision
    assert review.progress["a-1"].status == "done"
    assert review.progress["a-1"].comment == "Noah klarade provet i december."
    assert review.progress["a-2"].status == "planned"  # untouched rows keep their status
    assert review.readings["safe"].child == 4
    assert review.readings["safe"].professional == "not_assessed"
    assert review.readings["safe"].guardians is None  # nobody answered: not a silent level
    assert review.readings["included"].child == "declined"
    assert review.summary == "Det går bättre i skolan."

    plan_after = app_store.load(cid, "plan")
    assert plan_after.revision == plan_before.revision + 1
    assert plan_after.parent_revision == plan_before.revision
    assert plan_after.parsed().next_review == next_review
    assert plan_after.parsed().action("a-1").status == "done"
    assert plan_after.note.startswith("Uppdaterad efter uppföljningen")
    # The start page reads the date from the index: "review due" is right.
    listed = next(c for c in app_store.list_cases() if c.id == cid)
    assert listed.next_review == next_review
    # The page stays on the saved review and says the plan followed.
    assert _select(at, "Vilken uppföljning?").value == doc_id
    assert any("Barnets plan är också uppdaterad" in i.value for i in at.info)


def test_a_second_review_lists_the_first_and_compares_the_readings(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    at = make_app(case=cid, step="review")
    at.run()
    _select(at, "Trygg: Barnet").set_value(5).run()
    _save(at)
    [first] = _reviews(app_store, cid)
    _select(at, "Vilken uppföljning?").set_value("new").run()
    assert _select(at, "Trygg: Barnet").value is None  # a new meeting starts empty
    options = _select(at, "Vilken uppföljning?").options
    assert options[0] == "Ny uppföljning" and options[1].startswith("Uppföljning ")
    # The wheel's table compares: the first assessment, the earlier review, today.
    table = at.table[0].value
    columns = " ".join(table.columns)
    assert "Första bedömningen" in columns and "I dag" in columns
    assert columns.count("Uppföljning") == 3  # one earlier review, three voices
    earlier = next(c for c in table.columns if c.startswith("Barnet · Uppföljning"))
    assert table[earlier].iloc[0] == "5 – Mycket bra"  # Trygg, as the child said then
    assert first in _reviews(app_store, cid)


def test_a_review_brings_its_statuses_and_date_into_the_plan() -> None:
    plan: dict[str, Any] = {
        "next_review": "2026-12-01",
        "actions": [{"id": "a-1", "status": "done"}],
    }
    review = {
        "held_on": "2026-10-01",
        "next_review": "2027-01-15",
        "progress": {"a-1": {"status": "planned", "comment": ""}},
    }
    new = plan_after_review(plan, review)
    assert new["actions"][0]["status"] == "planned"
    assert new["next_review"] == "2027-01-15"
    assert plan["actions"][0]["status"] == "done"  # the input is not changed


def test_review_in_english(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="review", lang="en")
    at.run()
    assert not at.exception
    assert at.header[0].value in ("Review", "Follow-up")
    assert any(w.label == "How is row 1 going?" for w in at.selectbox)
    assert _select(at, "How is row 1 going?").options == [
        "Planned",
        "In progress",
        "Done",
        "Stopped",
    ]
