"""Unsaved work kept on the server (``plans/store/drafts.py``): the person's own, for a case
they may write, forgotten after ``HJULET_DRAFT_DAYS``.

Keeping a draft writes no audit entry (it happens on every change of a field); bringing one
back into a new session does, once per draft, as it shows case content again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plans.audit import AuditAction
from plans.services.access import Permission, may
from plans.services.context import Context
from plans.settings import get_settings
from plans.store.drafts import StoredDraft, drafts_for


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _oldest_kept() -> dt.datetime:
    return _now() - dt.timedelta(days=get_settings().draft_days)


def keep_draft(
    ctx: Context,
    case_id: str,
    doc_id: str,
    kind: str,
    *,
    base_revision: int | None,
    body: dict[str, Any],
    pristine: dict[str, Any],
) -> StoredDraft | None:
    """Keep (replace) the person's draft of a document; raises WriteFailedError when it
    could not be written. None, and nothing kept, when the person may not write the case
    (or it does not exist yet, like the new-case form): checked without an audit entry, as
    this runs on every change of a field."""
    if not may(ctx, case_id, Permission.WRITE):
        return None
    draft = StoredDraft(
        case_id=case_id,
        doc_id=doc_id,
        kind=kind,
        username=ctx.actor.username,
        base_revision=base_revision,
        body=body,
        pristine=pristine,
        kept_at=_now(),
    )
    drafts_for(ctx.store).put(draft)
    return draft


def discard_draft(ctx: Context, case_id: str, doc_id: str) -> bool:
    """Forget the person's draft of a document (saved, or thrown away); False: there was none."""
    return drafts_for(ctx.store).remove(case_id, ctx.actor.username, doc_id)


def restore_drafts(ctx: Context, case_id: str | None = None) -> list[StoredDraft]:
    """The person's drafts (of one case, or of all), for cases they may still write; one
    audit entry each. Drafts too old, or of cases the person may no longer write, are
    removed: nobody keeps case content they can no longer reach."""
    store = drafts_for(ctx.store)
    oldest = _oldest_kept()
    found = []
    for draft in store.of_person(ctx.actor.username, case_id):
        if draft.kept_at < oldest or not may(ctx, draft.case_id, Permission.WRITE):
            store.remove(draft.case_id, draft.username, draft.doc_id)
            continue
        _record(ctx, draft)
        found.append(draft)
    return found


def _record(ctx: Context, draft: StoredDraft) -> None:
    from plans.services.audit import record

    record(ctx, AuditAction.DRAFT_RESTORED, draft.case_id, doc_id=draft.doc_id, kind=draft.kind)


def expire_drafts(ctx: Context) -> int:
    """Remove every draft older than ``HJULET_DRAFT_DAYS`` (anyone's); returns how many."""
    return drafts_for(ctx.store).expire(_oldest_kept())
