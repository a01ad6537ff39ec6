"""The countable facts of one case, kept in the store's index so a term report
over many cases never has to open their documents. Only codes and dates: no
names and no free text ever reach statistics."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assessment.model import AssessmentBody
from plans import clock
from plans.documents.case import AgeBand, CaseBody
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.survey import SurveyBody

FACTS_VERSION = 3
"""2: ``surveys`` added; a child born after the day it was raised counts as unborn.
3: ``batch`` (imported rows: which batch, its hash and size, undone or not)."""


def case_facts(
    case: CaseBody,
    consent: ConsentBody | None = None,
    assessment: AssessmentBody | None = None,
    plan: PlanBody | None = None,
    support_areas: list[str] | None = None,
    surveys: Iterable[SurveyBody] | None = None,
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
        "consent_active": bool(consent and consent.is_active(clock.today())),
        "coordinated_plan": case.coordinated_plan,
        "childs_plan": plan is not None,
        "age_band": _age_band_when_raised(case).value,
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
        "surveys": survey_facts(surveys or []),
        "batch": batch_facts(case),
    }


def batch_facts(case: CaseBody) -> dict[str, Any] | None:
    """What counting and the batch list need of an imported row's batch: ids, the
    file's hash and size, dates. The file name stays in the document (it is free text)."""
    ref = case.import_batch
    if ref is None:
        return None
    return {
        "id": ref.id,
        "sha256": ref.sha256,
        "rows": ref.rows,
        "row": ref.row,
        "imported_on": ref.imported_on.isoformat(),
        "replaces": ref.replaces,
        "undone": ref.undone_on is not None,
    }


def _age_band_when_raised(case: CaseBody) -> AgeBand:
    # A case raised before birth keeps counting as "unborn" after the birth date is
    # entered: the teams report the age when the child was raised.
    if case.child and case.child.birth_date > case.raised_on:
        return AgeBand.UNBORN
    return case.age_band(case.raised_on)


def survey_facts(surveys: Iterable[SurveyBody]) -> list[dict[str, Any]]:
    """What statistics may know of a case's family surveys: the day, who answered
    (child or guardian) and the coded answers. Never the free text, and not whether
    the family chose to be anonymous to the team: counting does not need it.

    Sorted so that the facts of a case do not depend on the order documents are read.
    """
    rows = [
        {
            "answered_on": s.answered_on.isoformat(),
            "respondent": s.respondent.value,
            "answers": s.answers(),
        }
        for s in surveys
    ]
    return sorted(
        rows, key=lambda r: (r["answered_on"], r["respondent"], sorted(r["answers"].items()))
    )
