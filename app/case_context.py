"""Everything a step needs about one case, read once per rerun."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.context import lang, open_case_file, store
from app.drafts import Draft, get_draft
from assessment.model import AssessmentBody
from assessment.template import WheelTemplate
from plans import clock
from plans.documents.case import CaseBody, CaseType
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.review import ReviewBody
from plans.sharing import sharing_stopped
from plans.store import Envelope, Store
from plans.templates import case_template, template_in_language


@dataclass
class CaseContext:
    case_id: str
    case_env: Envelope
    case: CaseBody
    consent: ConsentBody | None
    assessment: AssessmentBody | None
    plan: PlanBody | None
    plan_revision: int | None
    reviews: list[tuple[Envelope, ReviewBody]] = field(default_factory=list)
    template: WheelTemplate | None = None
    """The case's wheel in the reader's words (its declared translation, same ids)."""
    written_in: str | None = None
    """The language of the case's own wheel: what the plan's text is written and checked in."""

    @property
    def store(self) -> Store:
        return store()

    @property
    def anonymous(self) -> bool:
        return self.case.type is CaseType.ANONYMOUS

    @property
    def sharing_stopped(self) -> bool:
        return sharing_stopped(self.consent)

    @property
    def today(self) -> dt.date:
        return clock.today()

    def draft(self, kind: str, new_body: Any, doc_id: str | None = None) -> Draft:
        return get_draft(self.store, self.case_id, kind, new_body, doc_id)

    def case_draft(self) -> Draft:
        return self.draft("case", lambda: self.case)

    def assessment_complete(self) -> bool:
        if not self.assessment or not self.template:
            return False
        return self.assessment.is_finished(self.template)

    def has_review(self) -> bool:
        return bool(self.reviews)


def load_context(case_id: str) -> CaseContext:
    """Raises AccessDeniedError when the signed-in person may not open the case."""
    s = store()
    file = open_case_file(case_id)
    case_env, case, consent = file.case_env, file.case, file.consent
    assessment, plan_env, plan = file.assessment, file.plan_env, file.plan
    reviews = []
    for ref in s.documents_of_kind(case_id, "review"):
        env = s.load(case_id, ref.doc_id)
        reviews.append((env, env.body_as(ReviewBody)))
    reviews.sort(key=lambda pair: pair[1].held_on)
    # The case's own wheel (id and version, so readings render as made), in the words of
    # its declared translation into the reader's language when there is one.
    own = case_template(case, assessment)
    template = template_in_language(own, lang())[0] if own is not None else None
    return CaseContext(
        case_id=case_id,
        case_env=case_env,
        case=case,
        consent=consent,
        assessment=assessment,
        plan=plan,
        plan_revision=plan_env.revision if plan_env else None,
        reviews=reviews,
        template=template,
        written_in=own.language if own is not None else None,
    )
