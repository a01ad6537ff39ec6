"""The five questions and the outcome, saved in the assessment."""

from __future__ import annotations

from assessment.model import FIVE_QUESTIONS, Outcome
from plans.i18n import t
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type
from tests.app.test_assessment_step import open_step, radio, save, stored_assessment, text_area

ANSWERS = {
    "whats_in_the_way": "Sofia blir arg när hon inte förstår vad de andra säger.",
    "have_all_information": "Vi vet inte hur hon hör. Vi frågar barnavårdscentralen.",
    "what_can_i_do_now": "Prata med Sofia varje morgon.",
    "what_can_my_organisation_do": "Extra stöd i språket i förskolan.",
    "what_help_from_others": "En hörselkontroll.",
}


def test_five_questions_and_outcome_are_saved(make_app: MakeApp, app_store: FileStore) -> None:
    sofia = case_of_type(app_store, "child", "Sofia")
    at = open_step(make_app, sofia, "questions")
    assert [w.label for w in at.text_area][:5] == [t(f"questions.{q}") for q in FIVE_QUESTIONS]
    for question, answer in ANSWERS.items():
        text_area(at, t(f"questions.{question}")).input(answer)
    outcome = radio(at, t("questions.outcome_label"))
    assert outcome.options == [t(f"outcome.{o.value}") for o in Outcome]
    outcome.set_value("hand_over")
    text_area(at, t("questions.outcome_note")).input("Logopeden kan hjälpa bäst.")
    at.run()
    save(at)

    body = stored_assessment(app_store, sofia)
    assert body.five_questions == ANSWERS
    assert body.outcome is Outcome.HAND_OVER
    assert body.outcome_note == "Logopeden kan hjälpa bäst."
    # The wheel answers in the same document are untouched.
    assert body.area("safe").ratings.professional == 3


def test_answers_survive_a_visit_to_the_wheel(make_app: MakeApp, app_store: FileStore) -> None:
    noah = case_of_type(app_store, "child", "Noah")
    at = open_step(make_app, noah, "questions")
    text_area(at, t("questions.what_can_i_do_now")).input("Ringa pappa i dag.").run()
    at.radio(key=f"step::{noah}").set_value("assessment").run()
    at.radio(key=f"step::{noah}").set_value("questions").run()
    assert text_area(at, t("questions.what_can_i_do_now")).value == "Ringa pappa i dag."


def test_a_new_assessment_has_no_outcome_chosen_for_the_person(
    make_app: MakeApp, app_store: FileStore
) -> None:
    sofia = case_of_type(app_store, "child", "Sofia")
    body = app_store.load(sofia, "assessment").body
    app_store.save(sofia, "assessment", {**body, "outcome": None}, parent_revision=1)
    at = open_step(make_app, sofia, "questions")
    assert radio(at, t("questions.outcome_label")).value is None


def test_the_areas_that_need_support_are_named(make_app: MakeApp, app_store: FileStore) -> None:
    noah = case_of_type(app_store, "child", "Noah")
    at = open_step(make_app, noah, "questions")
    hints = [i.value.replace("\\", "") for i in at.main.info]
    assert any("Lära och utvecklas" in h for h in hints)  # rated 1 and 2 in the demo


def test_questions_in_english(make_app: MakeApp, app_store: FileStore) -> None:
    sofia = case_of_type(app_store, "child", "Sofia")
    at = open_step(make_app, sofia, "questions", lang="en")
    labels = [w.label for w in at.text_area]
    assert "1. What is getting in the way of this child being well?" in labels
    assert radio(at, "What do you decide?").options[2] == (
        "We bring several organisations together"
    )
