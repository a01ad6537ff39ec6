"""What the index keeps of a case: its list row and its countable facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from plans.caseload.facts import KEY, caseload_facts
from plans.documents.case import CaseBody
from plans.followup.facts import case_facts


def summarize(latest: Mapping[str, Any], surveys: Sequence[Any] = ()) -> dict[str, Any]:
    """``latest`` maps a singleton kind (case, consent, assessment, plan) to its parsed body.

    The plan owns the next review date; a review that agrees a new date saves it there.
    """
    case: CaseBody = latest["case"]
    plan = latest.get("plan")
    facts = case_facts(case, latest.get("consent"), latest.get("assessment"), plan, surveys=surveys)
    # The caseload's dates and names ride along under their own key (statistics never
    # read it), so the start page needs no columns of its own in any backend's index.
    facts[KEY] = caseload_facts(case, latest.get("consent"), latest.get("assessment"), plan)
    return {
        "type": case.type.value,
        "display_name": case.display_name(),
        "status": case.status.value,
        "named_person": case.named_person.name if case.named_person else "",
        "team": case.team,
        "next_review": plan.next_review.isoformat() if plan and plan.next_review else None,
        "raised_on": case.raised_on.isoformat(),
        "facts": facts,
    }
