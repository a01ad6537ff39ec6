"""The wheel assessment step, driven through the real app with AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assessment.model import AssessmentBody, VoiceRatings
from plans.documents.case import CaseBody, CaseType, Child
from plans.i18n import t
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type

# -- helpers, also used by the child view and five questions tests ----------------------


def open_step(make_app: MakeApp, case_id: str, step: str, lang: str = "sv") -> AppTest:
    at = make_app(case=case_id, step=step, lang=lang)
    at.run()
    assert not at.exception, at.exception
    return at


def radio(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(r for r in at.radio if r.label == label)


def text_area(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in at.text_area if w.label == label)


def save(at: AppTest, lang: str = "sv") -> None:
    next(b for b in at.button if b.label == t("save.button", lang)).click()
    at.run()
    assert not at.exception, at.exception


def stored_assessment(store: FileStore, case_id: str) -> AssessmentBody:
    body: AssessmentBody = store.load(case_id, "assessment").parsed()
    return body


# -- tests -----------------------------------------------------------------------------


@pytest.fixture
def sofia(app_store: FileStore) -> str:
    return case_of_type(app_store, "child", "Sofia")


def test_each_voice_is_rated_and_saved_apart(
    make_app: MakeApp, app_store: FileStore, sofia: str
) -> None:
    at = open_step(make_app, sofia, "assessment")
    assert radio(at, t("assessment.area_picker")).value == "safe"

    radio(at, t("voice.child_rating")).set_value(5)
    radio(at, t("voice.guardians_rating")).set_value(2)
    radio(at, t("voice.professional_rating")).set_value("not_assessed")
    at.run()
    assert t("save.unsaved") in [w.value for w in at.warning]
    save(at)

    saved = app_store.load(sofia, "assessment")
    assert saved.revision == 2
    assert saved.body["areas"]["safe"]["ratings"] == {
        "child": 5,
        "guardians": 2,
        "professional": "not_assessed",
    }
    # Another area keeps its earlier answers.
    assert stored_assessment(app_store, sofia).area("healthy").ratings == VoiceRatings(
        child=4, guardians=4, professional=4
    )


def test_the_child_may_decline_but_the_adults_may_not(make_app: MakeApp, sofia: str) -> None:
    at = open_step(make_app, sofia, "assessment")
    declined = t("words.answer.declined")
    assert declined in radio(at, t("voice.child_rating")).options
    assert declined not in radio(at, t("voice.guardians_rating")).options
    assert declined not in radio(at, t("voice.professional_rating")).options
    # The person reads the scale's words, not a bare number.
    assert "4 – Ganska bra" in radio(at, t("voice.child_rating")).options
    assert "Inte bedömt" in radio(at, t("voice.professional_rating")).options


def test_a_new_assessment_names_its_template_and_version(
    make_app: MakeApp, app_store: FileStore
) -> None:
    born = dt.date.today() - dt.timedelta(days=3000)
    case = app_store.create_case(
        CaseBody(type=CaseType.CHILD, child=Child(first_name="Test", birth_date=born)),
        saved_by="test",
    )
    at = open_step(make_app, case.case_id, "assessment")
    child = radio(at, t("voice.child_rating"))
    assert child.value is None  # nobody has answered yet, and nothing is chosen for them
    child.set_value(3)
    at.run()
    save(at)
    body = stored_assessment(app_store, case.case_id)
    assert (body.template_id, body.template_version) == ("girfec-sv", "1.0")
    assert body.area("safe").ratings == VoiceRatings(child=3)


def test_typed_text_survives_other_steps_and_areas_before_saving(
    make_app: MakeApp, app_store: FileStore, sofia: str
) -> None:
    at = open_step(make_app, sofia, "assessment")
    text_area(at, t("assessment.strengths")).input("Hon tycker om att rita.")
    text_area(at, t("assessment.child_words")).input("Jag vill ha en kompis.")
    at.run()

    at.radio(key=f"step::{sofia}").set_value("questions").run()
    assert t("assessment.strengths") not in [w.label for w in at.text_area]
    at.radio(key=f"step::{sofia}").set_value("assessment").run()
    radio(at, t("assessment.area_picker")).set_value("healthy").run()
    assert t("assessment.strengths") in [w.label for w in at.text_area]
    radio(at, t("assessment.area_picker")).set_value("safe").run()

    assert text_area(at, t("assessment.strengths")).value == "Hon tycker om att rita."
    assert text_area(at, t("assessment.child_words")).value == "Jag vill ha en kompis."
    assert stored_assessment(app_store, sofia).area("safe").child_words == ""  # not saved yet
    save(at)
    saved = stored_assessment(app_store, sofia).area("safe")
    assert saved.strengths == "Hon tycker om att rita."
    assert saved.child_words == "Jag vill ha en kompis."


def test_the_chosen_area_is_kept_across_steps(make_app: MakeApp, sofia: str) -> None:
    at = open_step(make_app, sofia, "assessment")
    radio(at, t("assessment.area_picker")).set_value("active").run()
    at.radio(key=f"step::{sofia}").set_value("questions").run()
    at.radio(key=f"step::{sofia}").set_value("assessment").run()
    assert radio(at, t("assessment.area_picker")).value == "active"


def test_next_and_previous_move_between_areas(make_app: MakeApp, sofia: str) -> None:
    at = open_step(make_app, sofia, "assessment")
    next(b for b in at.button if t("assessment.next") in b.label).click().run()
    assert radio(at, t("assessment.area_picker")).value == "healthy"
    assert at.subheader[0].value == "Hälsa"
    next(b for b in at.button if t("assessment.previous") in b.label).click().run()
    assert radio(at, t("assessment.area_picker")).value == "safe"


def test_the_area_picker_marks_what_is_done(make_app: MakeApp, app_store: FileStore) -> None:
    elin = case_of_type(app_store, "unborn")  # the child's voice is empty in some areas
    at = open_step(make_app, elin, "assessment")
    picker = radio(at, t("assessment.area_picker"))
    marks = dict(zip(picker.options, picker.proto.captions, strict=True))
    assert marks["Trygg"] == "◐"  # guardians and professional answered, child not yet
    assert marks["Aktiv"] == "✓"  # all three "not assessed": a real answer each


def test_risk_and_protective_factors_are_saved(
    make_app: MakeApp, app_store: FileStore, sofia: str
) -> None:
    at = open_step(make_app, sofia, "assessment")
    risks = next(m for m in at.multiselect if m.label == t("assessment.risk_factors"))
    risks.select("bullying")
    text_area(at, t("assessment.other_protection")).input("Mormor bor nära.")
    at.run()
    save(at)
    body = stored_assessment(app_store, sofia)
    assert "bullying" in body.risk_factors
    assert body.other_protection == "Mormor bor nära."


def test_no_factor_list_offers_select_all(make_app: MakeApp, sofia: str) -> None:
    """Issue 12 item 5: one click on "Select all" tagged a child with every risk factor."""
    at = open_step(make_app, sofia, "assessment")
    pickers = [
        m
        for m in at.multiselect
        if m.label in (t("assessment.risk_factors"), t("assessment.protective_factors"))
    ]
    assert len(pickers) == 2
    for picker in pickers:
        # 0 is Streamlit's "never show the bulk action" (select_all=False).
        assert picker.proto.HasField("select_all") and picker.proto.select_all == 0


def test_a_baby_gets_a_field_for_signs_without_words(
    make_app: MakeApp, app_store: FileStore
) -> None:
    milo = case_of_type(app_store, "child", "Milo")  # eight months old
    at = open_step(make_app, milo, "assessment")
    labels = [w.label for w in at.text_area]
    assert t("assessment.infant_signs") in labels
    assert t("assessment.child_words") not in labels
    assert t("words.answer.declined") not in radio(at, t("voice.child_rating_infant")).options
    text_area(at, t("assessment.infant_signs")).input("Ler och jollrar när mamma pratar.")
    at.run()
    save(at)
    signs = stored_assessment(app_store, milo).area("safe").infant_signs
    assert signs == "Ler och jollrar när mamma pratar."


def test_the_wheel_and_its_table_are_shown(make_app: MakeApp, sofia: str) -> None:
    at = open_step(make_app, sofia, "assessment")
    table = at.table[0].value
    assert len(table) == 8
    first = table.iloc[0].tolist()
    assert first == ["Trygg", "4 – Ganska bra", "3 – Både och", "3 – Både och"]
    # Rating a voice changes the wheel's data in the same rerun.
    radio(at, t("voice.professional_rating")).set_value("not_assessed").run()
    assert at.table[0].value.iloc[0].tolist()[3] == "Inte bedömt"


def test_the_step_speaks_english(make_app: MakeApp, sofia: str) -> None:
    at = open_step(make_app, sofia, "assessment", lang="en")
    assert at.header[0].value == "The wheel"
    labels = {r.label for r in at.radio}
    assert {"The child's answer", "The family's answer", "Your assessment", "Area"} <= labels
    areas = [w.label for w in at.text_area]
    assert {"What goes well", "What worries us", "The child's own words"} <= set(areas)
    assert "Doesn't want to say" in radio(at, "The child's answer").options
    assert "Risk factors" in [m.label for m in at.multiselect]
    # No Swedish interface words (area titles and the scale come from the Swedish template).
    assert not labels & {"Barnets svar", "Område", "Din bedömning"}


def test_an_english_session_shows_a_swedish_wheel_case_in_english_words(
    make_app: MakeApp, sofia: str, app_store: FileStore
) -> None:
    """The template declares its English translation: the person reading English sees
    the same areas (by id) in English, and a save still names the Swedish wheel."""
    at = open_step(make_app, sofia, "assessment", lang="en")
    picker = radio(at, t("assessment.area_picker", "en"))
    assert "Safe" in picker.options and "Trygg" not in picker.options
    assert at.subheader[0].value == "Safe"
    at = open_step(make_app, sofia, "review", lang="en")
    shown = " ".join(str(e.value) for e in (*at.markdown, *at.subheader, *at.caption))
    assert "Trygg" not in shown
    assert stored_assessment(app_store, sofia).template_id == "girfec-sv"
