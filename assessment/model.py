"""The wheel assessment (bedömning): three voices per area kept apart, the
five questions and the outcome."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assessment.template import Identifier, WheelTemplate

Text = Annotated[str, StringConstraints(max_length=4000)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]

NOT_ASSESSED = "not_assessed"
DECLINED = "declined"
"""The child chose not to say (only meaningful for the child's voice)."""

Rating = int | Literal["not_assessed", "declined"] | None
"""A level value from the template's scale, an explicit choice not to rate,
or ``None`` while nobody has answered yet."""


class Voice(StrEnum):
    CHILD = "child"
    GUARDIANS = "guardians"
    PROFESSIONAL = "professional"


class Outcome(StrEnum):
    """What the named person decides after the five questions."""

    OWN_ORGANISATION = "own_organisation"
    HAND_OVER = "hand_over"
    BRING_PARTNERS_TOGETHER = "bring_partners_together"


FIVE_QUESTIONS: tuple[str, ...] = (
    "whats_in_the_way",
    "have_all_information",
    "what_can_i_do_now",
    "what_can_my_organisation_do",
    "what_help_from_others",
)
"""Ids of GIRFEC's five questions; their wording lives in the i18n catalogues."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VoiceRatings(_Model):
    """One rating per voice; never merged into one number."""

    child: Rating = None
    guardians: Rating = None
    professional: Rating = None

    def get(self, voice: Voice) -> Rating:
        value: Rating = getattr(self, voice.value)
        return value

    def numeric(self, voice: Voice) -> int | None:
        value = self.get(voice)
        return value if isinstance(value, int) else None


class AreaAssessment(_Model):
    ratings: VoiceRatings = Field(default_factory=VoiceRatings)
    strengths: Text = Field(default="", description="What works well.")
    worries: Text = Field(default="", description="What worries us.")
    child_words: Text = Field(default="", description="The child's own words.")
    guardian_words: Text = Field(default="", description="The guardians' words.")
    observations: Text = Field(default="", description="What professionals observe.")
    infant_signs: Text = Field(
        default="",
        description="How a baby shows it is content or upset (for unborn children and under 2).",
    )

    def is_empty(self) -> bool:
        return self == AreaAssessment()

    def answered(self) -> bool:
        """Every voice has an answer ("not assessed" and "would rather not say" count)."""
        return all(self.ratings.get(voice) is not None for voice in Voice)


class AssessmentBody(_Model):
    template_id: Identifier
    template_version: str = Field(max_length=20)
    areas: dict[Identifier, AreaAssessment] = Field(default_factory=dict)
    risk_factors: list[Identifier] = Field(default_factory=list)
    protective_factors: list[Identifier] = Field(default_factory=list)
    other_risks: Text = ""
    other_protection: Text = ""
    five_questions: dict[Identifier, Text] = Field(default_factory=dict)
    outcome: Outcome | None = None
    outcome_note: Text = ""
    assessed_on: dt.date | None = Field(
        default=None, description="The day the assessment was first saved (set on save)."
    )

    def area(self, area_id: str) -> AreaAssessment:
        return self.areas.get(area_id) or AreaAssessment()

    def is_finished(self, template: WheelTemplate) -> bool:
        """The one definition of a finished assessment: every area of its wheel answered."""
        return all(self.area(area_id).answered() for area_id in template.area_ids())

    def problems(self, template: WheelTemplate) -> list[str]:
        """Mismatches with the template it names (plain English for logs and the CLI)."""
        found: list[str] = []
        if template.key != (self.template_id, self.template_version):
            found.append("the assessment names another template or version")
        known = set(template.area_ids())
        top = template.scale.max_value
        for area_id, area in self.areas.items():
            if area_id not in known:
                found.append(f"areas.{area_id}: not an area of {template.id}")
            for voice in Voice:
                value = area.ratings.get(voice)
                if isinstance(value, int) and not 1 <= value <= top:
                    found.append(f"areas.{area_id}.ratings.{voice.value}: {value} is off the scale")
        risk_ids = {f.id for f in template.risk_factors}
        protective_ids = {f.id for f in template.protective_factors}
        found += [f"risk_factors: unknown {r}" for r in self.risk_factors if r not in risk_ids]
        found += [
            f"protective_factors: unknown {p}"
            for p in self.protective_factors
            if p not in protective_ids
        ]
        return found

    def areas_needing_support(self, template: WheelTemplate) -> list[str]:
        """Areas where any voice rated at or below the scale's support level."""
        limit = template.scale.support_at_or_below
        chosen = []
        for area_id in template.area_ids():
            ratings = self.area(area_id).ratings
            values = [ratings.numeric(v) for v in Voice]
            if any(v is not None and v <= limit for v in values):
                chosen.append(area_id)
        return chosen
