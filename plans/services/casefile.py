"""The current documents of one case, read once for a service call or a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel

from assessment.model import AssessmentBody
from assessment.template import WheelTemplate
from plans.audit import AuditAction
from plans.documents.case import CaseBody
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.services.access import Permission, require, visible
from plans.services.context import Context
from plans.store import CaseSummary, Envelope, Store
from plans.store.base import check_id
from plans.templates import case_template

B = TypeVar("B", bound=BaseModel)


def latest_body(store: Store, case_id: str, doc_id: str, model: type[B]) -> B | None:
    """The latest revision's body as ``model``; None when the document does not exist."""
    env = store.latest_or_none(case_id, doc_id)
    return env.body_as(model) if env else None


@dataclass(frozen=True)
class CaseFile:
    case_env: Envelope
    case: CaseBody
    consent: ConsentBody | None
    assessment: AssessmentBody | None
    plan_env: Envelope | None
    plan: PlanBody | None

    @property
    def case_id(self) -> str:
        return self.case_env.case_id

    @property
    def template(self) -> WheelTemplate | None:
        return case_template(self.case, self.assessment)


def read_case_file(store: Store, case_id: str) -> CaseFile:
    """Raises NotFoundError for an unknown case."""
    case_env = store.load(case_id, "case")
    plan_env = store.latest_or_none(case_id, "plan")
    return CaseFile(
        case_env=case_env,
        case=case_env.body_as(CaseBody),
        consent=latest_body(store, case_id, "consent", ConsentBody),
        assessment=latest_body(store, case_id, "assessment", AssessmentBody),
        plan_env=plan_env,
        plan=plan_env.body_as(PlanBody) if plan_env else None,
    )


def open_case(ctx: Context, case_id: str, *, audited: bool = True) -> CaseFile:
    """The case's current documents, for someone who may read them (raises
    AccessDeniedError otherwise, NotFoundError for an unknown case). ``audited`` False: the
    same person reading the case again within one visit (the app's reruns)."""
    check_id(case_id, "case id")
    require(ctx, case_id, Permission.READ)
    file = read_case_file(ctx.store, case_id)
    if audited:
        from plans.services.audit import record

        record(ctx, AuditAction.OPEN_CASE, case_id)
    return file


def case_list(ctx: Context) -> list[CaseSummary]:
    """Every case ``ctx.actor`` may open (the index's order); statistics-only rows from an
    imported spreadsheet are not cases anyone works on."""
    return visible(ctx, [c for c in ctx.store.list_cases() if not c.statistics_only])
