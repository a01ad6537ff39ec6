"""AppTest: history – every revision with who, when and the note; compare; restore."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from plans.i18n import t
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def _select(at: AppTest, label: str) -> Selectbox:
    return next(w for w in at.selectbox if w.label == label)


def _shown(at: AppTest) -> str:
    """Markdown as the reader sees it (user text arrives backslash-escaped)."""
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)


def _open_plan_history(make_app: MakeApp, cid: str) -> AppTest:
    at = make_app(case=cid, step="history")
    at.run()
    assert not at.exception
    _select(at, "Dokument").set_value("plan").run()
    return at


def test_history_lists_every_revision_with_who_and_note(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="history")
    at.run()
    assert at.header[0].value == "Historik"
    documents = _select(at, "Dokument").options
    assert documents[:4] == [
        "Uppmärksamma och Ärendets uppgifter",
        "Samtycke",
        "Hjulet och Fem frågor",
        "Barnets plan",
    ]
    _select(at, "Dokument").set_value("plan").run()
    table = at.dataframe[0].value
    assert list(table["Version"]) == [2, 1]  # newest first
    assert list(table["Kommentar"]) == ["Planen gjord tillsammans med familjen", "Första utkastet"]
    assert set(table["Av"]) == {"demo"}


def test_comparing_two_revisions_names_the_changed_field(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    env = app_store.load(cid, "plan")
    plan = env.parsed()
    plan.next_review = dt.date(2027, 3, 4)
    plan.actions[0].what = "Extra stöd i matte tre gånger i veckan"
    app_store.save(
        cid, "plan", plan, parent_revision=env.revision, saved_by="Eva Strand", note="Efter mötet"
    )
    at = _open_plan_history(make_app, cid)
    # By default the two newest are compared: 2 -> 3.
    shown = _shown(at)
    assert "Nästa uppföljning" in shown and "4 mars 2027" in shown
    assert "Rad: Extra stöd i matte tre gånger i veckan" in shown
    assert "Vad ska göras" in shown and "ändrat" in shown
    assert "Extra stöd i matte två gånger i veckan" in shown  # what it said before
    # 1 -> 2: three rows were added to the plan, each shown whole as new.
    _select(at, "Från version").set_value(1).run()
    _select(at, "Till version").set_value(2).run()
    assert _shown(at).count("· *ny*") == 3


def test_restore_writes_the_old_body_as_a_new_revision(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    first = app_store.load(cid, "plan", 1)
    # The plan step has loaded the plan (four rows) into a draft.
    at = make_app(case=cid, step="plan")
    at.run()
    assert len([w for w in at.text_area if w.label == "Vad ska göras? *"]) == 4
    at.radio(key=f"step::{cid}").set_value("history").run()
    _select(at, "Dokument").set_value("plan").run()
    _select(at, "Vilken version vill du ta tillbaka?").set_value(1).run()
    next(b for b in at.button if b.label == "Ta tillbaka version 1").click().run()
    assert not at.exception
    latest = app_store.load(cid, "plan")
    assert latest.revision == 3 and latest.parent_revision == 2
    assert latest.note == "Återställd från version 1"
    assert latest.parsed() == first.parsed()
    assert any("Version 1 är tillbaka, sparad som version 3" in s.value for s in at.success)
    # Back on the plan, the screen shows the restored text, not the old draft.
    at.radio(key=f"step::{cid}").set_value("plan").run()
    assert len([w for w in at.text_area if w.label == "Vad ska göras? *"]) == 1


def test_restore_warns_about_unsaved_changes_first(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Milo")
    at = make_app(case=cid, step="plan")
    at.run()
    reasons = next(w for w in at.text_area if w.label == "Varför gör vi en plan tillsammans?")
    reasons.input("Osparad text från mötet.").run()
    at.radio(key=f"step::{cid}").set_value("history").run()
    _select(at, "Dokument").set_value("plan").run()
    assert any("osparade ändringar" in w.value for w in at.warning)
    restore = next(b for b in at.button if b.label == "Ta tillbaka version 1")
    assert restore.disabled
    next(c for c in at.checkbox if c.label.startswith("Jag förstår")).check().run()
    next(b for b in at.button if b.label == "Ta tillbaka version 1").click().run()
    assert app_store.load(cid, "plan").revision == 3


def test_history_in_english(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="history", lang="en")
    at.run()
    assert not at.exception
    _select(at, "Document").set_value("plan").run()
    assert list(at.dataframe[0].value.columns) == ["Version", "Saved", "By", "Note"]
    assert "Row: Samtal med kuratorn varje vecka" in _shown(at)


def test_comparing_assessments_names_the_five_questions_as_the_step_asks_them(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 6: the diff said "have all information", "whats in the way"."""
    cid = case_of_type(app_store, "child", "Noah")
    env = app_store.load(cid, "assessment")
    body = env.parsed()
    body.five_questions["have_all_information"] = "Vi behöver fråga skolan."
    body.five_questions["whats_in_the_way"] = "Det är rörigt hemma."
    app_store.save(cid, "assessment", body, parent_revision=env.revision, saved_by="Eva Strand")
    at = make_app(case=cid, step="history")
    at.run()
    _select(at, "Dokument").set_value("assessment").run()
    assert not at.exception
    shown = _shown(at)
    assert "2. Vet jag allt jag behöver veta?" in shown
    assert "1. Vad gör att barnet inte mår bra?" in shown
    assert "have all information" not in shown and "whats in the way" not in shown


def test_history_names_each_document_by_the_steps_it_keeps(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Someone looking for "Fem frågor" in the history finds it by the stepper's name."""
    cid = case_of_type(app_store, "child", "Noah")
    for lang in ("sv", "en"):
        at = make_app(case=cid, step="history", lang=lang)
        at.run()
        documents = " | ".join(_select(at, t("history.document", lang)).options)
        for step in ("notice", "consent", "assessment", "questions", "plan", "case_admin"):
            assert t(f"step.{step}", lang) in documents, (lang, step, documents)
