"""What needs doing in a case on a given day, from its caseload facts alone.

Each rule is a few lines here and nowhere else: the caseload page, the reminders command
and the app's reminders list all read ``case_signals``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from plans.caseload.transitions import NOTICE_DAYS, Role, next_transition

CONSENT_NOTICE_DAYS = 30
"""Consent that ends within this many days is worth asking about again."""
PLAN_MISSING_DAYS = 28
"""An assessment with no plan four weeks later has lost its way."""


class SignalKind(StrEnum):
    REVIEW_DUE = "review_due"
    ACTION_OVERDUE = "action_overdue"
    ACTION_STALLED = "action_stalled"
    CONSENT_ENDING = "consent_ending"
    PLAN_MISSING = "plan_missing"
    TRANSITION = "transition"


ORDER = list(SignalKind)


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    due: dt.date
    person: str
    """Who should act: an action's owner, else the lead professional, else the named
    person ("" when the case names nobody)."""
    action_id: str = ""
    to_role: Role | None = None

    def days_overdue(self, today: dt.date) -> int:
        """Days since it was due; negative while it is still ahead."""
        return (today - self.due).days


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def case_signals(
    caseload: Mapping[str, Any],
    raised_on: dt.date | None,
    today: dt.date,
    *,
    stalled_weeks: int,
    days_ahead: int = 0,
) -> list[Signal]:
    """Everything due on or before ``today + days_ahead`` (consent ending and transitions
    have their own, longer notice), most overdue first."""
    horizon = today + dt.timedelta(days=days_ahead)
    named = str(caseload.get("named_person") or "")
    lead = str(caseload.get("lead_professional") or "")
    holder = lead or named
    first_contact = named or lead
    found: list[Signal] = []

    review = _day(caseload.get("next_review"))
    if review and review <= horizon:
        found.append(Signal(SignalKind.REVIEW_DUE, review, holder))

    stalled_after = dt.timedelta(weeks=stalled_weeks)
    for action in caseload.get("actions") or []:
        who = str(action.get("who") or "") or holder
        action_id = str(action.get("id") or "")
        by_when = _day(action.get("by_when"))
        if by_when and by_when <= horizon:
            found.append(Signal(SignalKind.ACTION_OVERDUE, by_when, who, action_id))
            continue
        # No progress recorded at all (a plan saved before progress was kept) counts
        # from the day the case was raised.
        last = _day(action.get("progress_on")) or raised_on
        if last and last + stalled_after <= horizon:
            found.append(Signal(SignalKind.ACTION_STALLED, last + stalled_after, who, action_id))

    expires = _day(caseload.get("consent_expires_on"))
    withdrawn = _day(caseload.get("consent_withdrawn_on"))
    if (
        expires
        and not (withdrawn and withdrawn <= today)
        and today <= expires <= today + dt.timedelta(days=CONSENT_NOTICE_DAYS)
    ):
        found.append(Signal(SignalKind.CONSENT_ENDING, expires, first_contact))

    if caseload.get("has_assessment") and not caseload.get("has_plan"):
        assessed = _day(caseload.get("assessed_on")) or raised_on
        if assessed:
            due = assessed + dt.timedelta(days=PLAN_MISSING_DAYS)
            if due <= horizon:
                found.append(Signal(SignalKind.PLAN_MISSING, due, first_contact))

    step = next_transition(
        _day(caseload.get("birth_date")), _day(caseload.get("expected_date")), today
    )
    # A handover to the coming role already made means the transition is done.
    done = step is not None and caseload.get("handed_over_to") == step.to_role.value
    if step and not done and step.on <= today + dt.timedelta(days=max(NOTICE_DAYS, days_ahead)):
        found.append(Signal(SignalKind.TRANSITION, step.on, first_contact, to_role=step.to_role))
    return sorted(found, key=lambda s: (s.due, ORDER.index(s.kind), s.action_id))
