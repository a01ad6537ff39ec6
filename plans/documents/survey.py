"""The family survey (enkät till familjen): eight questions after a meeting.

Answered by the child and by each guardian separately, one document each, so
several surveys belong to one case. Every answer is optional: a child may skip a
question, and "I don't know" is simply no answer. The scales are closed choices
in plain words (their labels live in the ``survey.`` i18n keys), so they can be
counted; the last question is free text and never reaches statistics.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from plans import clock
from plans.documents.common import Model, Text


class Respondent(StrEnum):
    CHILD = "child"
    GUARDIAN = "guardian"


class Agreement(StrEnum):
    """How far a statement is true ("I felt listened to at the meeting")."""

    YES = "yes"
    MOSTLY = "mostly"
    A_LITTLE = "a_little"
    NO = "no"


class Change(StrEnum):
    """How the situation has changed since the help started."""

    MUCH_BETTER = "much_better"
    A_LITTLE_BETTER = "a_little_better"
    THE_SAME = "the_same"
    A_LITTLE_WORSE = "a_little_worse"
    MUCH_WORSE = "much_worse"

    @property
    def improved(self) -> bool:
        return self in (Change.MUCH_BETTER, Change.A_LITTLE_BETTER)


class Mattered(StrEnum):
    """How much our help mattered for the improvement."""

    A_LOT = "a_lot"
    SOME = "some"
    A_LITTLE = "a_little"
    NOT_AT_ALL = "not_at_all"


class Satisfaction(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NEITHER = "neither"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


QUESTIONS: dict[str, type[StrEnum]] = {
    "listened": Agreement,
    "what_matters": Agreement,
    "helped_decide": Agreement,
    "clear_who_does_what": Agreement,
    "situation_change": Change,
    "help_mattered": Mattered,
    "satisfaction": Satisfaction,
}
"""The counted questions in the order families see them, each with its scale.
Question texts: ``survey.question.<id>.child`` / ``.guardian``; answer labels:
``survey.scale.<scale>.<code>`` where ``<scale>`` is :func:`scale_name`."""

FREE_TEXT_QUESTION = "do_better"
"""'What can we do better?' – read by the team, never counted."""


def scale_name(question_id: str) -> str:
    """``agreement``, ``change``, ``mattered`` or ``satisfaction``: the i18n key part."""
    return QUESTIONS[question_id].__name__.lower()


class SurveyBody(Model):
    respondent: Respondent
    anonymous: bool = Field(
        default=True,
        description="Anonymous to the team: the answers are only counted, never shown "
        "in the case. Private unless the family chooses otherwise.",
    )
    answered_on: dt.date
    listened: Agreement | None = Field(default=None, description="I felt listened to.")
    what_matters: Agreement | None = Field(
        default=None, description="We talked about what matters to me / my family."
    )
    helped_decide: Agreement | None = Field(
        default=None, description="I got to help decide what help I / my family get."
    )
    clear_who_does_what: Agreement | None = Field(
        default=None, description="It is clear what will be done and who does what."
    )
    situation_change: Change | None = Field(
        default=None, description="How the situation has changed since the help started."
    )
    help_mattered: Mattered | None = Field(
        default=None, description="If it improved: how much our help mattered."
    )
    satisfaction: Satisfaction | None = Field(
        default=None, description="Satisfied or dissatisfied with the help."
    )
    do_better: Text = Field(
        default="", description="What can we do better? Free text, never used in statistics."
    )

    @model_validator(mode="after")
    def _consistent(self) -> SurveyBody:
        if self.answered_on > clock.today():
            raise ValueError("the survey cannot be answered in the future")
        if self.help_mattered is not None and not (
            self.situation_change is not None and self.situation_change.improved
        ):
            raise ValueError(
                "'how much did our help matter' is only asked when the situation improved"
            )
        return self

    def answers(self) -> dict[str, str]:
        """The counted answers given, question id -> answer code; free text left out."""
        out: dict[str, str] = {}
        for question in QUESTIONS:
            value = getattr(self, question)
            if value is not None:
                out[question] = str(value.value)
        return out
