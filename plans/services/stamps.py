"""Dates the service writes itself, so that drift can be seen later without reading history:
when an assessment was first made and when progress on an action was last recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from assessment.model import AssessmentBody
from plans.documents.case import CaseBody
from plans.documents.plan import PlanBody


def stamped(body: BaseModel, before: BaseModel | None, today: dt.date) -> BaseModel:
    if isinstance(body, PlanBody):
        return _plan(body, before if isinstance(before, PlanBody) else None, today)
    if isinstance(body, AssessmentBody):
        kept = before.assessed_on if isinstance(before, AssessmentBody) else None
        return body.model_copy(update={"assessed_on": kept or body.assessed_on or today})
    if isinstance(body, CaseBody):
        return _sip(body, before if isinstance(before, CaseBody) else None, today)
    return body


def _sip(case: CaseBody, before: CaseBody | None, today: dt.date) -> CaseBody:
    """A SIP ticked without a day was set up today; no SIP has no day."""
    if not case.coordinated_plan:
        return case.model_copy(update={"coordinated_plan_on": None})
    if case.coordinated_plan_on is None and not (before and before.coordinated_plan):
        return case.model_copy(update={"coordinated_plan_on": today})
    return case


def _plan(plan: PlanBody, before: PlanBody | None, today: dt.date) -> PlanBody:
    """A new action, or one whose status changed, has progress today; others keep theirs."""
    previous = {a.id: a for a in before.actions} if before else {}
    actions = []
    for action in plan.actions:
        was = previous.get(action.id)
        day: dt.date | None
        if was is None or was.status != action.status:
            brought = action.progress_on if was is None else None
            day = min(brought or today, today)
        else:
            day = was.progress_on or action.progress_on
        actions.append(action.model_copy(update={"progress_on": day}))
    return plan.model_copy(update={"actions": actions})


def review_progress(action: dict[str, Any], progress: dict[str, Any], held_on: str) -> None:
    """A review that changed an action's status or said something about it records progress."""
    if progress.get("status") != action.get("status") or str(progress.get("comment") or "").strip():
        action["progress_on"] = held_on
