"""Everything a plan view is computed from, read from a store in one place.

Keeping the reading apart from the computing lets tests, the benchmark and
the property tests build a view from documents held in memory.

For an older plan revision the other documents are read as they were when
that revision was saved, so an old plan renders with the wheel it had then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assessment.model import AssessmentBody
from assessment.template import WheelTemplate
from plans.documents.case import CaseBody, CaseType
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.review import ReviewBody
from plans.i18n import t
from plans.planview.errors import NoPlanForCaseError, PlanNotFoundError
from plans.planview.model import BaselineBasis
from plans.planview.words import local_date
from plans.store import Envelope, NotFoundError, RevisionInfo, Store
from plans.templates import case_template


@dataclass(frozen=True)
class Baseline:
    """The plan revision the chosen one is compared with."""

    plan: PlanBody
    revision: int
    saved_on: dt.date
    basis: BaselineBasis
    review_held_on: dt.date | None = None


@dataclass(frozen=True)
class CaseDocuments:
    case_id: str
    case: CaseBody
    plan: PlanBody
    plan_revision: int
    plan_saved_on: dt.date
    plan_history: tuple[RevisionInfo, ...] = ()
    baseline: Baseline | None = None
    template: WheelTemplate | None = None
    assessment: AssessmentBody | None = None
    assessment_saved_on: dt.date | None = None
    reviews: tuple[ReviewBody, ...] = field(default=())
    """Oldest first (by the day they were held)."""
    consent: ConsentBody | None = None


def _as_of(store: Store, case_id: str, doc_id: str, cutoff: dt.datetime | None) -> Envelope | None:
    """The revision that was current at ``cutoff`` (the latest when None)."""
    try:
        if cutoff is None:
            return store.load(case_id, doc_id)
        revisions = [r for r in store.history(case_id, doc_id) if r.saved_at <= cutoff]
    except NotFoundError:
        return None
    if not revisions:
        return None
    return store.load(case_id, doc_id, revisions[-1].revision)


def choose_baseline(
    store: Store,
    case_id: str,
    revision: int,
    history: tuple[RevisionInfo, ...],
    reviews: tuple[ReviewBody, ...],
    compare_with: int | None,
) -> Baseline | None:
    """The chosen comparison, else the plan at the previous review, else the revision before."""
    known = {r.revision: r for r in history}
    candidates: list[tuple[int, BaselineBasis, dt.date | None]] = []
    if compare_with is not None:
        candidates.append((compare_with, "chosen", None))
    else:
        reviewed = [r for r in reviews if r.plan_revision and r.plan_revision < revision]
        if reviewed:
            last = max(reviewed, key=lambda r: (r.held_on, r.plan_revision or 0))
            candidates.append((last.plan_revision or 0, "review", last.held_on))
        earlier = [r for r in known if r < revision]
        if earlier:
            candidates.append((max(earlier), "previous", None))
    for number, basis, held_on in candidates:
        if number not in known:
            continue
        envelope = store.load(case_id, "plan", number)
        return Baseline(
            plan=envelope.body_as(PlanBody),
            revision=number,
            saved_on=local_date(envelope.saved_at),
            basis=basis,
            review_held_on=held_on,
        )
    return None


def load_documents(
    store: Store,
    case_id: str,
    *,
    revision: int | None = None,
    compare_with: int | None = None,
    lang: str = "sv",
) -> CaseDocuments:
    """Read what a plan view needs. Raises PlanNotFoundError / NoPlanForCaseError."""
    try:
        case = store.load(case_id, "case").body_as(CaseBody)
    except NotFoundError:
        raise PlanNotFoundError(t("planview.error.no_case", lang, case_id=case_id)) from None
    if case.type is CaseType.ANONYMOUS:
        raise NoPlanForCaseError(t("planview.error.anonymous", lang))
    try:
        history = tuple(store.history(case_id, "plan"))
    except NotFoundError:
        history = ()
    if not history:
        raise PlanNotFoundError(t("planview.error.no_plan", lang, case_id=case_id))
    numbers = {r.revision for r in history}
    for wanted in (revision, compare_with):
        if wanted is not None and wanted not in numbers:
            raise PlanNotFoundError(t("planview.error.no_revision", lang, revision=wanted))
    chosen = store.load(case_id, "plan", revision)
    latest = max(numbers)
    cutoff = None if chosen.revision == latest else chosen.saved_at

    assessment_env = _as_of(store, case_id, "assessment", cutoff)
    assessment = assessment_env.body_as(AssessmentBody) if assessment_env else None
    consent_env = _as_of(store, case_id, "consent", cutoff)
    reviews: list[ReviewBody] = []
    for ref in store.documents_of_kind(case_id, "review"):
        env = _as_of(store, case_id, ref.doc_id, cutoff)
        if env is not None:
            reviews.append(env.body_as(ReviewBody))
    reviews.sort(key=lambda r: r.held_on)
    shown_history = tuple(r for r in history if r.revision <= chosen.revision)

    return CaseDocuments(
        case_id=case_id,
        case=case,
        plan=chosen.body_as(PlanBody),
        plan_revision=chosen.revision,
        plan_saved_on=local_date(chosen.saved_at),
        plan_history=shown_history,
        baseline=choose_baseline(
            store, case_id, chosen.revision, history, tuple(reviews), compare_with
        ),
        template=case_template(case, assessment),
        assessment=assessment,
        assessment_saved_on=local_date(assessment_env.saved_at) if assessment_env else None,
        reviews=tuple(reviews),
        consent=consent_env.body_as(ConsentBody) if consent_env else None,
    )
