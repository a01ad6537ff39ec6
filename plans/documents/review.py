"""A review (uppföljning) at the agreed date: progress per action, new readings."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from assessment.model import VoiceRatings
from assessment.template import Identifier
from plans.documents.common import Model, Text
from plans.documents.plan import ActionStatus


class ActionProgress(Model):
    status: ActionStatus
    comment: Text = ""


class ReviewBody(Model):
    held_on: dt.date
    plan_revision: int | None = Field(default=None, ge=1, description="The plan revision reviewed.")
    progress: dict[Identifier, ActionProgress] = Field(default_factory=dict)
    readings: dict[Identifier, VoiceRatings] = Field(default_factory=dict)
    summary: Text = ""
    next_review: dt.date | None = None
