"""The family survey: its document, its facts, its words in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from plans.documents import KINDS
from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.survey import (
    FREE_TEXT_QUESTION,
    QUESTIONS,
    Agreement,
    Change,
    Mattered,
    Respondent,
    Satisfaction,
    SurveyBody,
    scale_name,
)
from plans.followup.facts import case_facts, survey_facts
from plans.i18n import has, t
from plans.store.files import FileStore

DAY = dt.date(2026, 5, 4)


def answered(**answers: object) -> SurveyBody:
    return SurveyBody.model_validate(
        {"respondent": "guardian", "answered_on": DAY.isoformat(), **answers}
    )


def test_every_answer_is_optional_and_anonymous_is_the_default() -> None:
    body = answered()
    assert body.anonymous is True
    assert body.answers() == {}


def test_the_answers_are_coded_and_the_free_text_is_left_out() -> None:
    body = answered(
        listened="yes",
        situation_change="a_little_better",
        help_mattered="a_lot",
        satisfaction="satisfied",
        do_better="Ring oftare, Kalle Svensson vill veta mer.",
    )
    assert body.answers() == {
        "listened": "yes",
        "situation_change": "a_little_better",
        "help_mattered": "a_lot",
        "satisfaction": "satisfied",
    }


def test_how_much_the_help_mattered_is_only_asked_when_things_improved() -> None:
    with pytest.raises(ValidationError, match="only asked when the situation improved"):
        answered(situation_change="the_same", help_mattered="a_lot")
    with pytest.raises(ValidationError, match="only asked"):
        answered(help_mattered="some")


def test_an_unknown_answer_or_a_future_day_is_refused() -> None:
    with pytest.raises(ValidationError):
        answered(listened="maybe")
    with pytest.raises(ValidationError, match="future"):
        SurveyBody(respondent=Respondent.CHILD, answered_on=dt.date.today() + dt.timedelta(1))


def test_survey_is_a_kind_with_several_documents_per_case(tmp_path: Path) -> None:
    assert KINDS["survey"].singleton is False
    store = FileStore(tmp_path / "store")
    case = store.create_case(
        CaseBody(
            type=CaseType.CHILD, child=Child(first_name="Ella", birth_date=dt.date(2018, 1, 1))
        )
    )
    child = store.save(case.case_id, "survey", answered(respondent="child"), parent_revision=None)
    guardian = store.save(case.case_id, "survey", answered(listened="no"), parent_revision=None)
    assert child.id != guardian.id
    assert len(store.documents_of_kind(case.case_id, "survey")) == 2
    assert store.load(case.case_id, guardian.id).parsed().listened is Agreement.NO


def test_survey_facts_hold_no_free_text_and_no_anonymity_flag() -> None:
    surveys = [
        answered(respondent="child", listened="mostly", do_better="Mer tid", anonymous=False),
        answered(satisfaction="very_satisfied"),
    ]
    facts = survey_facts(surveys)
    assert facts == [
        {"answered_on": DAY.isoformat(), "respondent": "child", "answers": {"listened": "mostly"}},
        {
            "answered_on": DAY.isoformat(),
            "respondent": "guardian",
            "answers": {"satisfaction": "very_satisfied"},
        },
    ]
    assert "Mer tid" not in repr(facts)
    # The order documents are read in does not change the facts.
    assert survey_facts(list(reversed(surveys))) == facts


def test_case_facts_carry_the_surveys() -> None:
    case = CaseBody(type=CaseType.CHILD, imported=True, raised_on=DAY)
    assert case_facts(case)["surveys"] == []
    assert case_facts(case, surveys=[answered(listened="yes")])["surveys"][0]["answers"] == {
        "listened": "yes"
    }


def test_a_child_born_after_being_raised_counts_as_unborn() -> None:
    born = dt.date.today() - dt.timedelta(days=30)
    case = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Liv", birth_date=born),
        raised_on=born - dt.timedelta(days=60),
    )
    assert case_facts(case)["age_band"] == "unborn"


def test_a_child_of_17_is_counted_in_13_16() -> None:
    today = dt.date.today()
    case = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Sam", birth_date=today.replace(year=today.year - 18)),
        raised_on=today - dt.timedelta(days=100),
    )
    assert case_facts(case)["age_band"] == "13-16"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_question_and_answer_has_words(lang: str) -> None:
    for question in [*QUESTIONS, FREE_TEXT_QUESTION]:
        for respondent in Respondent:
            assert has(f"survey.question.{question}.{respondent.value}", lang)
        assert has(f"survey.short.{question}", lang)
    for question, scale in QUESTIONS.items():
        for member in scale:
            assert has(f"survey.scale.{scale_name(question)}.{member.value}", lang)
    for respondent in Respondent:
        assert has(f"survey.respondent.{respondent.value}", lang)


def test_the_scales_read_in_plain_words() -> None:
    assert t("survey.scale.change.much_better", "sv") == "Mycket bättre"
    assert t("survey.scale.agreement.mostly", "en") == "Mostly"
    assert {scale_name(q) for q in QUESTIONS} == {"agreement", "change", "mattered", "satisfaction"}
    assert [QUESTIONS[q] for q in ("listened", "situation_change", "help_mattered")] == [
        Agreement,
        Change,
        Mattered,
    ]
    assert QUESTIONS["satisfaction"] is Satisfaction


def test_the_followup_catalogues_have_the_same_keys_in_both_languages() -> None:
    from plans.i18n import catalog

    def ours(lang: str) -> set[str]:
        return {k for k in catalog(lang) if k.startswith(("followup.", "survey."))}

    assert ours("sv") == ours("en")
