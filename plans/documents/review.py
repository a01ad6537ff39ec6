"""A review (uppföljning) at the agreed date: progress per action, new readings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import Field

from assessment.model import AssessmentBody, VoiceRatings
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


def latest_readings(
    assessment: AssessmentBody | None, reviews: Iterable[ReviewBody]
) -> dict[str, VoiceRatings]:
    """The wheel as it stands now: the assessment's ratings, each area replaced by the
    newest review (by meeting date) that read it. The one rule for "the latest reading":
    the meeting view, the PDF and the child's own view all ask it."""
    readings: dict[str, VoiceRatings] = {}
    if assessment:
        readings = {k: v.ratings for k, v in assessment.areas.items()}
    for review in sorted(reviews, key=lambda r: r.held_on):
        readings.update(review.readings)
    return readings
