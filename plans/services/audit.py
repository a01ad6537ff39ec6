"""Writing the audit log from a use case: who (``ctx.actor.username``), what, which case.

The detail holds ids, kinds, revisions, audiences and counts only; ``check_detail``
refuses anything that looks like free text, so a name never reaches the log."""

from __future__ import annotations

from pydantic import BaseModel

from plans.audit import AuditAction
from plans.documents.consent import ConsentBody
from plans.services.context import Context


def record(ctx: Context, action: AuditAction, case_id: str | None = None, **detail: object) -> None:
    """One entry. A read-only data folder (a mounted backup) cannot take entries: it is read
    without them, and nothing in it can be changed (docs/security.md)."""
    if getattr(ctx.store, "read_only", False):
        return
    ctx.store.audit_log().record(ctx.actor.username, action, case_id=case_id, detail=detail)


def consent_change(before: BaseModel | None, after: BaseModel) -> AuditAction | None:
    """Given when consent appears or is given again after a withdrawal; withdrawn when a
    withdrawal date appears. Other edits of the consent are plain saves."""
    if not isinstance(after, ConsentBody):
        return None
    was = before if isinstance(before, ConsentBody) else None
    if after.withdrawn_on is not None and (was is None or was.withdrawn_on is None):
        return AuditAction.CONSENT_WITHDRAWN
    if after.withdrawn_on is None and (was is None or was.withdrawn_on is not None):
        return AuditAction.CONSENT_GIVEN
    return None
