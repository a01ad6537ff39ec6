"""Saving documents: create a case, save any document of a case, restore a revision,
close and reopen. Every write in Hjulet passes through ``save_document``."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assessment.model import AssessmentBody
from plans.audit import AuditAction
from plans.documents import KINDS
from plans.documents.case import CaseBody, CaseStatus, CaseType
from plans.documents.common import hidden_characters, new_id, texts_in
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.review import ReviewBody
from plans.documents.survey import SurveyBody
from plans.i18n import format_date, t
from plans.services import rules
from plans.services.access import Permission, require, sync_members
from plans.services.audit import consent_change, record
from plans.services.casefile import CaseFile, latest_body, read_case_file
from plans.services.context import Context
from plans.services.errors import Problem, RuleError
from plans.services.stamps import review_progress, stamped
from plans.settings import get_settings
from plans.store import Envelope, InvalidInputError, NotFoundError
from plans.store.base import check_id, doc_id_for

B = TypeVar("B", bound=BaseModel)

ANONYMOUS_KINDS = frozenset({"case"})
"""An anonymous consultation holds the consultation itself and nothing else."""


def parse_body(kind: str, body: BaseModel | dict[str, Any]) -> BaseModel:
    """The body as its kind's model; InvalidInputError carries pydantic's error."""
    if kind not in KINDS:
        raise InvalidInputError(f"unknown document kind '{kind}'")
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    try:
        return KINDS[kind].body.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(str(exc)) from exc


def _before(ctx: Context, case_id: str, doc_id: str, kind: str) -> BaseModel | None:
    env = ctx.store.latest_or_none(case_id, doc_id)
    return env.body_as(KINDS[kind].body) if env else None


PlanAt = Callable[[int], PlanBody | None]


def stored_plan_at(ctx: Context, case_id: str) -> PlanAt:
    def plan_at(revision: int) -> PlanBody | None:
        try:
            return ctx.store.load(case_id, "plan", revision).body_as(PlanBody)
        except NotFoundError:
            return None

    return plan_at


def problems_for(
    ctx: Context,
    file: CaseFile | None,
    body: BaseModel,
    *,
    before: BaseModel | None,
    plan_at: PlanAt,
) -> list[Problem]:
    """Every rule ``body`` would break if saved now over ``before`` in the case ``file``."""
    return hidden_text_problems(body, before) + _rule_problems(
        ctx, file, body, before=before, plan_at=plan_at
    )


def hidden_text_problems(body: BaseModel, before: BaseModel | None) -> list[Problem]:
    """Texts this write brings in that hold control, bidi-override or zero-width
    characters. A text already stored is left alone: the rule runs on write only."""
    kept = {text for _, text in texts_in(before.model_dump(mode="json"))} if before else set()
    return [
        Problem(where, "hidden_characters", {"found": ", ".join(found)})
        for where, text in texts_in(body.model_dump(mode="json"))
        if text not in kept and (found := hidden_characters(text))
    ]


def _rule_problems(
    ctx: Context,
    file: CaseFile | None,
    body: BaseModel,
    *,
    before: BaseModel | None,
    plan_at: PlanAt,
) -> list[Problem]:
    kind = next(name for name, k in KINDS.items() if isinstance(body, k.body))
    if file is not None and file.case.type is CaseType.ANONYMOUS and kind not in ANONYMOUS_KINDS:
        return [Problem("$.kind", "anonymous_kind", {"kind": kind})]
    if isinstance(body, CaseBody):
        consent = file.consent if file else None
        return rules.case_problems(ctx.today, _as(before, CaseBody), body, consent)
    if file is None:
        return [Problem("$.case_id", "unknown_case", {"case": ""})]
    if isinstance(body, ConsentBody):
        return rules.consent_problems(ctx.today, file.case, _as(before, ConsentBody), body)
    if isinstance(body, AssessmentBody):
        return rules.assessment_problems(body)
    if isinstance(body, PlanBody):
        return rules.plan_problems(ctx.today, file.case, file.template, _as(before, PlanBody), body)
    if isinstance(body, ReviewBody):
        plan = file.plan
        if body.plan_revision is not None:
            plan = plan_at(body.plan_revision)
            if plan is None:
                return [Problem("$.body.plan_revision", "unknown_plan_revision")]
        return rules.review_problems(ctx.today, file.template, plan, _as(before, ReviewBody), body)
    if isinstance(body, SurveyBody) and body.anonymous:
        # Anonymous answers are kept apart from the case (plans.services.surveys).
        return [Problem("$.body.anonymous", "anonymous_survey_in_case")]
    return []


def _as(body: BaseModel | None, model: type[B]) -> B | None:
    return body if isinstance(body, model) else None


def check_document(
    ctx: Context, case_id: str | None, kind: str, body: BaseModel | dict[str, Any], doc_id: str
) -> BaseModel:
    """Parse and check a document as a save would, without saving; raises RuleError."""
    parsed = parse_body(kind, body)
    file = None
    if case_id:
        try:
            file = read_case_file(ctx.store, case_id)
        except NotFoundError:
            if kind != "case":
                raise
    before = _before(ctx, case_id, doc_id, kind) if file is not None and case_id else None
    problems = problems_for(
        ctx, file, parsed, before=before, plan_at=stored_plan_at(ctx, case_id or "")
    )
    if problems:
        raise RuleError(problems)
    return parsed


def create_case(ctx: Context, body: CaseBody | dict[str, Any], *, note: str = "") -> Envelope:
    require(ctx, None, Permission.WRITE)
    parsed = stamped(check_document(ctx, None, "case", body, "case"), None, ctx.today)
    saved = ctx.store.save(
        new_id("c"), "case", parsed, parent_revision=None, saved_by=ctx.actor.label, note=note
    )
    sync_members(ctx, saved.case_id, saved.body_as(CaseBody), created=True)
    record(ctx, AuditAction.SAVE, saved.case_id, kind="case", doc="case", revision=1)
    return saved


def save_document(
    ctx: Context,
    case_id: str,
    kind: str,
    body: BaseModel | dict[str, Any],
    *,
    base_revision: int | None,
    doc_id: str | None = None,
    note: str = "",
) -> Envelope:
    """Save ``body`` as the revision after ``base_revision``.

    Raises InvalidInputError (the body's shape), RuleError (a domain rule), ConflictError
    (someone saved first; it carries both versions) or NotFoundError (no such case)."""
    return save_with_audit(
        ctx, case_id, kind, body, base_revision=base_revision, doc_id=doc_id, note=note
    )


def save_with_audit(
    ctx: Context,
    case_id: str,
    kind: str,
    body: BaseModel | dict[str, Any],
    *,
    base_revision: int | None,
    doc_id: str | None,
    note: str,
    action: AuditAction = AuditAction.SAVE,
    **detail: object,
) -> Envelope:
    """Save, then write the audit entry (``action``, plus consent given or withdrawn when
    the consent's state changed)."""
    check_id(case_id, "case id")
    if kind not in KINDS:
        raise InvalidInputError(f"unknown document kind '{kind}'")
    doc = doc_id_for(kind, doc_id)
    require(ctx, case_id, Permission.WRITE)
    parsed = check_document(ctx, case_id, kind, body, doc)
    previous = _before(ctx, case_id, doc, kind)
    parsed = stamped(parsed, previous, ctx.today)
    before = previous if kind == "consent" else None
    if isinstance(parsed, PlanBody):
        parsed = with_partner_ids(parsed, read_case_file(ctx.store, case_id).case)
    saved = ctx.store.save(
        case_id,
        kind,
        parsed,
        parent_revision=base_revision,
        doc_id=doc,
        saved_by=ctx.actor.label,
        note=note,
    )
    record(ctx, action, case_id, kind=kind, doc=doc, revision=saved.revision, **detail)
    change = consent_change(before, parsed)
    if change is not None:
        scope = parsed.scope if isinstance(parsed, ConsentBody) else []
        record(ctx, change, case_id, revision=saved.revision, organisations=len(scope))
    if isinstance(parsed, ReviewBody):
        _bring_review_into_plan(ctx, saved, parsed)
    if isinstance(parsed, CaseBody):
        sync_members(ctx, case_id, parsed, created=False)
    return saved


def with_partner_ids(plan: PlanBody, case: CaseBody) -> PlanBody:
    """Each action that names a partner organisation also names that partner by id, so
    partner copies and consent follow the id even if the organisation is renamed."""
    by_name = {p.organisation.strip().casefold(): p.id for p in case.partners}
    actions = [
        a
        if a.partner_id or not a.organisation.strip()
        else a.model_copy(update={"partner_id": by_name.get(a.organisation.strip().casefold())})
        for a in plan.actions
    ]
    return plan.model_copy(update={"actions": actions})


# --- a review changes the plan in the same step ------------------------------------------------


def plan_after_review(plan: dict[str, Any], review: dict[str, Any]) -> dict[str, Any]:
    """The plan body once a review is agreed: its next date and each action's status."""
    updated = copy.deepcopy(plan)
    if review.get("next_review"):
        updated["next_review"] = review["next_review"]
    progress = review.get("progress") or {}
    for action in updated.get("actions") or []:
        said = progress.get(action.get("id")) or {}
        if said and review.get("held_on"):
            review_progress(action, said, str(review["held_on"]))
        if said.get("status"):
            action["status"] = said["status"]
    return updated


def is_newest_review(ctx: Context, case_id: str, review_id: str, held_on: dt.date) -> bool:
    """Only the newest review moves the plan: correcting an old one never undoes later news."""
    for ref in ctx.store.documents_of_kind(case_id, "review"):
        if ref.doc_id == review_id:
            continue
        other = latest_body(ctx.store, case_id, ref.doc_id, ReviewBody)
        if other is not None and other.held_on > held_on:
            return False
    return True


def _bring_review_into_plan(ctx: Context, saved: Envelope, review: ReviewBody) -> None:
    """Save the plan with what the newest review agreed. Someone saving the plan at the
    same moment wins; the review is kept and the plan shows the date to bring in by hand."""
    from plans.store import ConflictError

    latest = ctx.store.latest_or_none(saved.case_id, "plan")
    if latest is None or not is_newest_review(ctx, saved.case_id, saved.id, review.held_on):
        return
    body = latest.body_as(PlanBody).model_dump(mode="json")
    updated = plan_after_review(body, review.model_dump(mode="json"))
    if updated == body:
        return
    lang = get_settings().default_language
    note = t("review.plan_note", lang, date=format_date(review.held_on, lang))
    try:
        plan = ctx.store.save(
            saved.case_id,
            "plan",
            updated,
            parent_revision=latest.revision,
            saved_by=ctx.actor.label,
            note=note,
        )
    except ConflictError:
        return
    record(
        ctx,
        AuditAction.SAVE,
        saved.case_id,
        kind="plan",
        doc="plan",
        revision=plan.revision,
        review=saved.id,
    )


# --- restore, close, reopen -----------------------------------------------------------------------


def restore_revision(
    ctx: Context, case_id: str, doc_id: str, revision: int, *, note: str
) -> Envelope:
    """Save an earlier revision's body again as the newest; every rule of a save applies
    (the consent rule included: a restore never brings back a partner consent no longer covers).
    Raises RuleError when the restored body equals the latest (nothing to restore)."""
    require(ctx, case_id, Permission.WRITE)
    latest = ctx.store.load(case_id, doc_id)
    old = ctx.store.load(case_id, doc_id, revision)
    body = old.parsed()
    if body == latest.parsed():
        raise RuleError([Problem("$.revision", "restore_same", {"revision": revision})])
    return save_with_audit(
        ctx,
        case_id,
        latest.kind,
        body,
        base_revision=latest.revision,
        doc_id=doc_id,
        note=note,
        action=AuditAction.RESTORE,
        restored_from=revision,
    )


def set_case_status(ctx: Context, case_id: str, status: CaseStatus, *, note: str = "") -> Envelope:
    """Close (today) or reopen a case."""
    latest = ctx.store.load(case_id, "case")
    body = latest.body_as(CaseBody)
    changed = body.model_copy(
        update={
            "status": status,
            "closed_on": ctx.today if status is CaseStatus.CLOSED else None,
            "closed_reason": body.closed_reason if status is CaseStatus.CLOSED else None,
        }
    )
    return save_document(ctx, case_id, "case", changed, base_revision=latest.revision, note=note)
