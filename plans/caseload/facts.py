"""What the caseload needs of a case, kept in the index beside the statistics facts.

Unlike the statistics facts these name people (the named person, the lead professional,
who does an action): matching "my cases" and telling each person what is due needs them.
Statistics never read this key. Only dates, statuses and names: never other free text."""

from __future__ import annotations

from typing import Any

from assessment.model import AssessmentBody
from plans.documents.case import CaseBody
from plans.documents.consent import ConsentBody
from plans.documents.plan import ActionStatus, PlanBody

CASELOAD_VERSION = 1
KEY = "caseload"
OPEN_ACTIONS = frozenset({ActionStatus.PLANNED, ActionStatus.ONGOING})


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def caseload_facts(
    case: CaseBody,
    consent: ConsentBody | None,
    assessment: AssessmentBody | None,
    plan: PlanBody | None,
) -> dict[str, Any]:
    lead = (plan.lead_professional if plan else None) or case.lead_professional
    return {
        "v": CASELOAD_VERSION,
        "named_person": case.named_person.name if case.named_person else "",
        "named_person_role": case.named_person.role if case.named_person else "",
        "lead_professional": lead.name if lead else "",
        "birth_date": _iso(case.child.birth_date) if case.child else None,
        "expected_date": _iso(case.unborn.expected_date) if case.unborn else None,
        "next_review": _iso(plan.next_review) if plan else None,
        "has_plan": plan is not None,
        "assessed_on": _iso(assessment.assessed_on) if assessment else None,
        "has_assessment": assessment is not None,
        "consent_given": consent is not None,
        "consent_expires_on": _iso(consent.expires_on) if consent else None,
        "consent_withdrawn_on": _iso(consent.withdrawn_on) if consent else None,
        "handed_over_to": case.handovers[-1].to_role if case.handovers else None,
        "actions": [
            {
                "id": a.id,
                "who": a.who,
                "by_when": _iso(a.by_when),
                "progress_on": _iso(a.progress_on),
            }
            for a in (plan.actions if plan else [])
            if a.status in OPEN_ACTIONS
        ],
    }
