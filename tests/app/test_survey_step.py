"""AppTest: the family survey step – shared answers saved as a survey document that
reaches the statistics, anonymous answers kept apart from the case, the form empty again."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from plans.documents.survey import Change, SurveyBody
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def _radio(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(r for r in at.radio if r.label.endswith(label))


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Spara").click().run()


def _open(make_app: MakeApp, store: FileStore) -> tuple[AppTest, str]:
    cid = case_of_type(store, "child", "Noah")
    at = make_app(case=cid, step="survey")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Familjens enkät"
    return at, cid


def _surveys(store: FileStore, cid: str) -> list[SurveyBody]:
    return [store.load(cid, ref.doc_id).parsed() for ref in store.documents_of_kind(cid, "survey")]


def test_questions_wait_until_someone_is_chosen(make_app: MakeApp, app_store: FileStore) -> None:
    at, _ = _open(make_app, app_store)
    assert any("Välj först vem som svarar" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Spara"]
    _radio(at, "Vem svarar?").set_value("child").run()
    # The child's own words, scales in plain words with a way not to answer.
    question = _radio(at, "Vi pratade om det som är viktigt för mig.")
    assert question.value is None  # nothing chosen for the child
    assert question.options == [
        "Ja",
        "Till stor del",
        "Lite grann",
        "Nej",
        "Vill inte svara / vet inte",
    ]


def test_guardian_survey_saved_counted_and_shown_when_not_anonymous(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at, cid = _open(make_app, app_store)
    _radio(at, "Vem svarar?").set_value("guardian").run()
    at.checkbox[0].uncheck().run()  # the family lets the team read the answers
    _radio(at, "Jag kände mig lyssnad på under mötet.").set_value("mostly").run()
    _radio(at, "vad som ska göras och vem som gör vad.").set_value("no").run()
    _radio(at, "sedan hjälpen började?").set_value("a_little_better").run()
    _radio(at, "hur mycket har vår hjälp betytt?").set_value("a_lot").run()
    _radio(at, "nöjd eller missnöjd med hjälpen?").set_value("satisfied").run()
    next(a for a in at.text_area if a.label.endswith("Vad kan vi göra bättre?")).input(
        "Ring innan ni kommer."
    ).run()
    _save(at)
    assert not at.exception

    (survey,) = _surveys(app_store, cid)
    assert survey.respondent.value == "guardian" and survey.anonymous is False
    assert survey.answered_on == dt.date.today()
    assert survey.answers() == {
        "listened": "mostly",
        "clear_who_does_what": "no",
        "situation_change": "a_little_better",
        "help_mattered": "a_lot",
        "satisfaction": "satisfied",
    }
    assert survey.do_better == "Ring innan ni kommer."
    facts = next(c.facts for c in app_store.list_cases() if c.id == cid)
    assert facts["surveys"] == [
        {
            "answered_on": dt.date.today().isoformat(),
            "respondent": "guardian",
            "answers": survey.answers(),
        }
    ]
    # The form is empty again for the next person; the saved survey is listed.
    assert any("Formuläret är tomt igen" in s.value for s in at.success)
    assert _radio(at, "Vem svarar?").value is None
    listed = next(d.value for d in at.dataframe if "Vem svarade" in d.value.columns)
    assert list(listed["Vem svarade"]) == ["Vårdnadshavare"]
    shared = " ".join(m.value for m in at.markdown)
    assert "Ring innan ni kommer" in shared and "Till stor del" in shared


def test_anonymous_answers_are_kept_apart_from_the_case(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at, cid = _open(make_app, app_store)
    before = {ref.doc_id for ref in app_store.documents(cid)}
    _radio(at, "Vem svarar?").set_value("child").run()
    assert at.checkbox[0].value is True  # anonymous unless the family says otherwise
    _radio(at, "Är du nöjd eller missnöjd med hjälpen?").set_value("very_dissatisfied").run()
    # Free text could name the family: an anonymous sheet does not take it.
    free_text = next(a for a in at.text_area if a.label.endswith("Vad kan vi göra bättre?"))
    assert free_text.disabled
    assert not [b for b in at.button if b.label == "Spara"]  # no version, no note
    next(b for b in at.button if b.label == "Spara anonymt").click().run()
    assert not at.exception
    assert any("sparade anonymt" in s.value for s in at.success)
    # Nothing of it in the case: no new document, no revision, nothing listed.
    assert {ref.doc_id for ref in app_store.documents(cid)} == before
    assert _surveys(app_store, cid) == []
    (kept,) = app_store.anonymous_surveys().all()
    case_team = app_store.load(cid, "case").parsed().team
    assert kept.model_dump(mode="json") == {
        "team": case_team,
        "month": dt.date.today().isoformat()[:7],
        "respondent": "child",
        "answers": {"satisfaction": "very_dissatisfied"},
    }
    assert cid not in kept.model_dump_json()
    assert not [d for d in at.dataframe if "Vem svarade" in d.value.columns]
    at = make_app(case=cid, step="survey")  # and not on a later visit either
    at.run()
    on_screen = " ".join(
        [str(e.value) for group in (at.markdown, at.text, at.caption) for e in group]
        + [e.label for e in at.expander]
    )
    assert "Mycket missnöjd" not in on_screen


def test_help_mattered_only_when_things_got_better(make_app: MakeApp, app_store: FileStore) -> None:
    at, cid = _open(make_app, app_store)
    _radio(at, "Vem svarar?").set_value("guardian").run()
    at.checkbox[0].uncheck().run()  # shared with the team, so the sheet is in the case
    mattered = "hur mycket har vår hjälp betytt?"
    assert _radio(at, mattered).disabled
    _radio(at, "sedan hjälpen började?").set_value("much_better").run()
    _radio(at, mattered).set_value("some").run()
    _radio(at, "sedan hjälpen började?").set_value("the_same").run()
    assert _radio(at, mattered).disabled and _radio(at, mattered).value is None
    _save(at)
    (survey,) = _surveys(app_store, cid)
    assert survey.situation_change == Change.THE_SAME and survey.help_mattered is None
