"""The child's plan (barnets plan): the child's own document."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from assessment.template import Identifier
from plans.documents.common import Contact, Model, Short, Text


class ActionStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    STOPPED = "stopped"


AREA_PARTS: tuple[tuple[str, Literal["child", "family"]], ...] = (
    ("child_needs", "child"),
    ("family_will", "family"),
    ("professionals_will", "family"),
)
"""The three parts of an area, in the order every screen and the PDF show them, and whose
readability target each is checked against (the child's part against the child's)."""


class AreaPlan(Model):
    """For one wellbeing area that needs support."""

    child_needs: Text = Field(default="", description="What I need help with (the child).")
    family_will: Text = Field(default="", description="What my family will do.")
    professionals_will: Text = Field(default="", description="What the professionals will do.")

    def is_empty(self) -> bool:
        return not (self.child_needs or self.family_will or self.professionals_will)


class Action(Model):
    id: Identifier
    what: Text = Field(min_length=1)
    who: Short = ""
    organisation: Short = Field(default="", description="Partner organisation responsible.")
    partner_id: Identifier | None = Field(
        default=None, description="The case partner who does it (a partner's id in the case)."
    )
    area_id: Identifier | None = None
    by_when: dt.date | None = None
    how_we_know: Text = Field(default="", description="How we will know it helped.")
    status: ActionStatus = ActionStatus.PLANNED
    intervention: Identifier | None = Field(
        default=None, description="Catalogue id of the intervention, for follow-up statistics."
    )
    progress_on: dt.date | None = Field(
        default=None,
        description="The day progress was last recorded (set by the service on save and "
        "by a review); an open action without progress for weeks has stalled.",
    )


class PlanBody(Model):
    reasons: Text = Field(default="", description="Why we make a plan together.")
    areas: dict[Identifier, AreaPlan] = Field(default_factory=dict)
    actions: list[Action] = Field(default_factory=list, max_length=300)
    lead_professional: Contact | None = None
    next_review: dt.date | None = None
    internal_notes: Text = Field(
        default="", description="For the team only; never shown to the family."
    )

    @model_validator(mode="after")
    def _unique_actions(self) -> PlanBody:
        ids = [a.id for a in self.actions]
        if len(ids) != len(set(ids)):
            raise ValueError("two actions have the same id")
        return self

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)
