"""The wheel assessment step, driven through the real app with AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.model import AssessmentBody, VoiceRatings
from plans.demo import write_demo
from plans.documents.case import CaseBody, CaseType, Child
from plans.i18n import t
from plans.settings import get_settings
from plans.store.files import FileStore

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


# -- helpers shared by the other step tests -------------------------------------------


def data_store() -> FileStore:
    """The store the app reads (the conftest points HJULET_DATA_DIR at a tmp folder)."""
    return FileStore(Path(get_settings().data_dir))


def demo_cases() -> dict[str, str]:
    """Writes the five demo stories; returns case ids by display name."""
    store = data_store()
    write_demo(store, 5)
    return {c.display_name: c.id for c in store.list_cases() if c.display_name}


def open_case(case_id: str, step: str | None = None) -> AppTest:
    """Opens a case the way a person does: from the start page's "open case" form."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["case"] = case_id
    at.run()
    next(s for s in at.selectbox if s.label == t("start.open_label")).set_value(case_id)
    next(b for b in at.button if b.label == t("start.open")).click()
    at.run()
    assert not at.exception, at.exception
    if step:
        at.session_state[f"step::{case_id}"] = step
        at.run()
        assert not at.exception, at.exception
    return at


def radio(at: AppTest, label: str):  # noqa: ANN201 - streamlit's element type is internal
    return next(r for r in at.radio if r.label == label)


def text_area(at: AppTest, label: str):  # noqa: ANN201
    return next(w for w in at.text_area if w.label == label)


def save(at: AppTest) -> None:
    next(b for b in at.button if b.label == t("save.button")).click()
    at.run()
    assert not at.exception, at.exception


def stored_assessment(case_id: str) -> AssessmentBody:
    body: AssessmentBody = data_store().load(case_id, "assessment").parsed()
    return body


# -- tests -----------------------------------------------------------------------------


@pytest.fixture
def sofia() -> str:
    return demo_cases()["Sofia Nilsson"]


def test_each_voice_is_rated_and_saved_apart(sofia: str) -> None:
    at = open_case(sofia, "assessment")
    assert radio(at, t("assessment.area_picker")).value == "safe"

    radio(at, t("voice.child_rating")).set_value(5)
    radio(at, t("voice.guardians_rating")).set_value(2)
    radio(at, t("voice.professional_rating")).set_value("not_assessed")
    at.run()
    assert at.warning[0].value == t("sidebar.unsaved", count=1) or any(
        w.value == t("save.unsaved") for w in at.warning
    )
    save(at)

    saved = data_store().load(sofia, "assessment")
    assert saved.revision == 2
    assert saved.body["areas"]["safe"]["ratings"] == {
        "child": 5,
        "guardians": 2,
        "professional": "not_assessed",
    }
    # Other areas were not touched.
    assert stored_assessment(sofia).area("healthy").ratings == VoiceRatings(
        child=4, guardians=4, professional=4
    )


def test_the_child_may_decline_but_the_adults_may_not(sofia: str) -> None:
    at = open_case(sofia, "assessment")
    assert "declined" in radio(at, t("voice.child_rating")).options
    assert "declined" not in radio(at, t("voice.guardians_rating")).options
    assert "declined" not in radio(at, t("voice.professional_rating")).options
    # The scale's label is what the person reads, not a bare number.
    assert "4 – Ganska bra" in radio(at, t("voice.child_rating")).options


def test_a_new_assessment_names_its_template_and_version() -> None:
    store = data_store()
    case = store.create_case(
        CaseBody(type=CaseType.CHILD,
                 child=Child(first_name="Test", birth_date=dt.date.today() - dt.timedelta(days=3000))),
        saved_by="test",
    )
    at = open_case(case.case_id, "assessment")
    child = radio(at, t("voice.child_rating"))
    assert child.value is None  # nobody has answered yet; nothing is pre-chosen
    child.set_value(3)
    at.run()
    save(at)
    body = stored_assessment(case.case_id)
    assert (body.template_id, body.template_version) == ("girfec-sv", "1.0")
    assert body.area("safe").ratings == VoiceRatings(child=3)


def test_typed_text_survives_other_steps_and_areas_before_saving(sofia: str) -> None:
    at = open_case(sofia, "assessment")
    text_area(at, t("assessment.strengths")).input("Hon tycker om att rita.")
    text_area(at, t("assessment.child_words")).input("Jag vill ha en kompis.")
    at.run()

    at.radio(key=f"step::{sofia}").set_value("questions").run()
    assert not any(w.label == t("assessment.strengths") for w in at.text_area)
    radio_ = at.radio(key=f"step::{sofia}")
    radio_.set_value("assessment").run()
    radio(at, t("assessment.area_picker")).set_value("healthy").run()
    radio(at, t("assessment.area_picker")).set_value("safe").run()

    assert text_area(at, t("assessment.strengths")).value == "Hon tycker om att rita."
    assert text_area(at, t("assessment.child_words")).value == "Jag vill ha en kompis."
    assert stored_assessment(sofia).area("safe").child_words == ""  # not saved yet
    save(at)
    saved = stored_assessment(sofia).area("safe")
    assert saved.strengths == "Hon tycker om att rita."
    assert saved.child_words == "Jag vill ha en kompis."


def test_next_and_previous_move_between_areas(sofia: str) -> None:
    at = open_case(sofia, "assessment")
    next(b for b in at.button if b.label.endswith(t("assessment.next") + " →")).click().run()
    assert radio(at, t("assessment.area_picker")).value == "healthy"
    assert at.subheader[0].value == "Hälsa"
    next(b for b in at.button if b.label.endswith(t("assessment.previous"))).click().run()
    assert radio(at, t("assessment.area_picker")).value == "safe"


def test_risk_and_protective_factors_are_saved(sofia: str) -> None:
    at = open_case(sofia, "assessment")
    risks = next(m for m in at.multiselect if m.label == t("assessment.risk_factors"))
    risks.select("bullying")
    text_area(at, t("assessment.other_protection")).input("Mormor bor nära.")
    at.run()
    save(at)
    body = stored_assessment(sofia)
    assert "bullying" in body.risk_factors
    assert body.other_protection == "Mormor bor nära."


def test_a_baby_gets_a_field_for_signs_without_words() -> None:
    milo = demo_cases()["Milo Andersson"]  # eight months old
    at = open_case(milo, "assessment")
    labels = [w.label for w in at.text_area]
    assert t("assessment.infant_signs") in labels
    assert t("assessment.child_words") not in labels
    assert "declined" not in radio(at, t("voice.child_rating_infant")).options
    text_area(at, t("assessment.infant_signs")).input("Ler och jollrar när mamma pratar.")
    at.run()
    save(at)
    assert stored_assessment(milo).area("safe").infant_signs == "Ler och jollrar när mamma pratar."


def test_the_step_speaks_english(sofia: str) -> None:
    at = open_case(sofia, "assessment")
    at.session_state["ui_lang"] = "en"
    at.run()
    assert not at.exception
    assert at.header[0].value == "The wheel"
    labels = {r.label for r in at.radio}
    assert {"The child's answer", "The guardians' answer", "Your assessment", "Area"} <= labels
    assert "What goes well" in [w.label for w in at.text_area]
    # No Swedish interface text left (area titles come from the Swedish template, by design).
    assert "Barnets svar" not in labels
    assert not [w.label for w in at.text_area if w.label == t("assessment.strengths", "sv")]
