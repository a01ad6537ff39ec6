"""The countable facts of one case, kept in the store's index so a term report
over many cases never has to open their documents. Only codes and dates: no
names and no free text ever reach statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from assessment.model import AssessmentBody
from plans.documents.case import CaseBody
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody

FACTS_VERSION = 1


def case_facts(
    case: CaseBody,
    consent: ConsentBody | None = None,
    assessment: AssessmentBody | None = None,
    plan: PlanBody | None = None,
    support_areas: list[str] | None = None,
) -> dict[str, Any]:
    raised = case.raised_on
    consent_given = (
        case.reported_consent if case.reported_consent is not None else consent is not None
    )
    return {
        "v": FACTS_VERSION,
        "raised_on": raised.isoformat(),
        "type": case.type.value,
        "team": case.team,
        "status": case.status.value,
        "consent": bool(consent_given),
        "consent_active": bool(consent and consent.is_active(dt.date.today())),
        "coordinated_plan": case.coordinated_plan,
        "childs_plan": plan is not None,
        "age_band": case.age_band(raised).value,
        "gender": case.gender.value if case.gender else "unknown",
        "referrer": case.notice.referrer.value,
        "areas_with_support": sorted(
            support_areas
            if support_areas is not None
            else [a for a, p in (plan.areas.items() if plan else []) if not p.is_empty()]
        ),
        "risk_factors": sorted(assessment.risk_factors) if assessment else [],
        "protective_factors": sorted(assessment.protective_factors) if assessment else [],
        "interventions": sorted(
            {a.intervention for a in (plan.actions if plan else []) if a.intervention}
        ),
        "imported": case.imported,
        "import_key": case.import_key,
    }
