"""The family survey answered anonymously: counted, never tied to its case.

``record_anonymous_survey`` keeps only the team, the month and the coded answers
(``plans.store.surveys``); nothing in the case – no document, no revision, no audit entry
with its id – says that this family answered, so no view, export or command can lead from
the case to the answers. Answers the family chooses to share are saved in the case as
before (``save_document``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from plans.audit import AuditAction
from plans.documents.case import CaseBody
from plans.documents.survey import SurveyBody
from plans.services.access import Permission, require
from plans.services.audit import record
from plans.services.context import Context
from plans.services.documents import parse_body
from plans.services.errors import Problem, RuleError
from plans.store.surveys import AnonymousSurvey


def record_anonymous_survey(
    ctx: Context, case_id: str, body: SurveyBody | dict[str, Any] | BaseModel
) -> AnonymousSurvey:
    """Keep an anonymous answer sheet apart from the case it was answered in.

    Deliberately not audited: an entry saying who recorded a survey when would, next to
    that person's other entries, point at the family."""
    require(ctx, case_id, Permission.WRITE)
    parsed = parse_body("survey", body)
    assert isinstance(parsed, SurveyBody)
    if not parsed.anonymous:
        raise RuleError([Problem("$.body.anonymous", "survey_not_anonymous")])
    team = ctx.store.load(case_id, "case").body_as(CaseBody).team
    survey = AnonymousSurvey.from_body(parsed, team)
    ctx.store.anonymous_surveys().add(survey)
    return survey


def move_anonymous_surveys(ctx: Context) -> tuple[int, int]:
    """Move every anonymous survey older versions kept inside a case out of it: its
    counted answers to the anonymous surveys, then every revision deleted from the case.
    Returns (surveys moved, cases touched); running it again moves nothing.

    An answer is added before its revisions are deleted, so a crash in between counts it
    twice at worst, and never loses it."""
    moved = touched = 0
    store = ctx.store
    for summary in store.list_cases():
        in_case = 0
        for ref in store.documents_of_kind(summary.id, "survey"):
            body = store.load(summary.id, ref.doc_id).body_as(SurveyBody)
            if not body.anonymous:
                continue
            store.anonymous_surveys().add(AnonymousSurvey.from_body(body, summary.team))
            store.delete_document(summary.id, ref.doc_id)
            in_case += 1
        moved += in_case
        touched += bool(in_case)
    if moved:
        # One entry for the whole move and no case ids: which cases had surveys is
        # exactly what must not be kept.
        record(ctx, AuditAction.SURVEYS_MOVED, None, surveys=moved, cases=touched)
    return moved, touched
