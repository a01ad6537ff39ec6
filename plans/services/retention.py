"""Retention (gallring) and what a family may ask for (the data subject's access).

A closed case is kept ``HJULET_RETENTION_YEARS`` (default 5) after the later of the day it
was closed and its last save, then deleted – every revision of every document. Five years
follows the social services' rule for thinning records (SoL 12 kap. 2 §); a municipality
sets its own in its records management plan (dokumenthanteringsplan). The child's plan
does not replace any profession's own record, so deleting it deletes no record.
The deletion is written to the audit log: which case, how many revisions, never content.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from plans.audit import AuditAction
from plans.documents.case import CaseBody
from plans.services.access import Permission, require
from plans.services.audit import record
from plans.services.context import Context
from plans.settings import get_settings
from plans.store.bundle import export_case
from plans.store.drafts import drafts_for


@dataclass(frozen=True)
class ExpiredCase:
    case_id: str
    closed_on: dt.date | None
    last_saved: dt.date | None
    kept_until: dt.date
    """The last day the case is kept."""

    def to_json(self) -> dict[str, str | None]:
        return {
            "case_id": self.case_id,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "last_saved": self.last_saved.isoformat() if self.last_saved else None,
            "kept_until": self.kept_until.isoformat(),
        }


def years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def expired_cases(ctx: Context, years: int | None = None) -> list[ExpiredCase]:
    """Closed cases whose retention ended before today, oldest first."""
    keep = years if years is not None else get_settings().retention_years
    if keep < 1:
        raise ValueError("the retention period must be at least one year")
    found = []
    for summary in ctx.store.list_cases():
        if summary.status != "closed":
            continue
        closed_on = ctx.store.load(summary.id, "case").body_as(CaseBody).closed_on
        last_saved = summary.updated_at.date() if summary.updated_at else None
        known = [d for d in (closed_on, last_saved) if d is not None]
        if not known:
            continue
        kept_until = years_later(max(known), keep)
        if kept_until < ctx.today:
            found.append(ExpiredCase(summary.id, closed_on, last_saved, kept_until))
    return sorted(found, key=lambda e: (e.kept_until, e.case_id))


def delete_expired(ctx: Context, years: int | None = None) -> list[tuple[ExpiredCase, int]]:
    """Delete every expired case; each deletion is audited. Returns each case with the
    number of revisions deleted."""
    deleted = []
    for expired in expired_cases(ctx, years):
        require(ctx, expired.case_id, Permission.DELETE)
        revisions = ctx.store.delete_case(expired.case_id)
        with contextlib.suppress(NotImplementedError):
            drafts_for(ctx.store).remove_case(expired.case_id)  # unsaved work goes too
        record(
            ctx,
            AuditAction.DELETED,
            expired.case_id,
            reason="retention",
            revisions=revisions,
            closed_on=expired.closed_on,
        )
        deleted.append((expired, revisions))
    return deleted


@dataclass(frozen=True)
class SubjectExport:
    case_id: str
    bundle: dict[str, object]
    """Every revision of every document, as ``hjulet export`` writes it."""
    family_pdf: bytes | None
    """The latest plan as the family sees it; None when the case has no plan."""


def subject_export(ctx: Context, case_id: str, lang: str = "sv") -> SubjectExport:
    """What a family may request about their child's case (GDPR art. 15), audited."""
    from plans.pdf import plan_pdf
    from plans.planview import NoPlanForCaseError, PlanNotFoundError

    require(ctx, case_id, Permission.EXPORT)
    bundle = export_case(ctx.store, case_id)
    try:
        pdf: bytes | None = plan_pdf(ctx.store, case_id, audience="family", lang=lang).data
    except (NoPlanForCaseError, PlanNotFoundError):
        pdf = None
    documents = bundle.get("documents")
    record(
        ctx,
        AuditAction.EXPORT,
        case_id,
        kind="subject_export",
        revisions=len(documents) if isinstance(documents, list) else 0,
        pdf=pdf is not None,
    )
    return SubjectExport(case_id, bundle, pdf)
