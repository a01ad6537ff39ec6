"""Who may do what with a case: the one place the app, the CLI and imports ask.

* The local operator (the command line without ``--as``) acts on every case, audited as such.
* A professional opens a case they are a member of (``plans.accounts.MemberReason``). The
  person who created it and its named person always may; everyone else only while their
  organisation may take part: their own organisation is the named person's, or active
  consent covers it (``plans.sharing``). Withdrawn or expired consent therefore ends a
  partner's access the same day, while their membership stays on record.
* An admin manages accounts and memberships but reads no case content unless also a member.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from enum import StrEnum

from plans.accounts import Directory, MemberReason, Membership, User, directory_for
from plans.audit import AuditAction
from plans.documents.case import CaseBody, CaseType
from plans.documents.consent import ConsentBody
from plans.services.context import Context, Role
from plans.services.errors import AccessDeniedError
from plans.sharing import may_share_with
from plans.store import CaseSummary, NotFoundError

_ALWAYS = frozenset({MemberReason.CREATED, MemberReason.NAMED_PERSON})
"""Reasons that need no consent: the case is the named person's own organisation's."""


class Permission(StrEnum):
    READ = "read"
    WRITE = "write"
    EXPORT = "export"
    MANAGE = "manage"
    """Grant and revoke access to the case."""
    DELETE = "delete"
    """Delete every revision when the retention period is over (admin, operator)."""


def directory(ctx: Context) -> Directory:
    return directory_for(ctx.store)


def _case_and_consent(ctx: Context, case_id: str) -> tuple[CaseBody, ConsentBody | None]:
    case = ctx.store.load(case_id, "case").body_as(CaseBody)
    consent_env = ctx.store.latest_or_none(case_id, "consent")
    return case, consent_env.body_as(ConsentBody) if consent_env else None


def _allowed(
    ctx: Context, reasons: set[MemberReason], case: CaseBody, consent: ConsentBody | None
) -> bool:
    if reasons & _ALWAYS:
        return True
    if not reasons or not ctx.actor.organisation or case.type is CaseType.ANONYMOUS:
        return False
    return may_share_with(case, consent, ctx.actor.organisation, ctx.today)


def may(ctx: Context, case_id: str, permission: Permission) -> bool:
    """Whether ``ctx.actor`` may do ``permission`` on the case (no audit entry)."""
    if ctx.actor.role is Role.OPERATOR:
        return True
    if permission is Permission.DELETE:
        return ctx.actor.role is Role.ADMIN
    if permission is Permission.MANAGE and ctx.actor.role is Role.ADMIN:
        return ctx.store.latest_or_none(case_id, "case") is not None
    reasons = {
        m.reason for m in directory(ctx).members(case_id) if m.username == ctx.actor.username
    }
    if not reasons:
        return False
    try:
        case, consent = _case_and_consent(ctx, case_id)
    except NotFoundError:
        return False
    if permission is Permission.MANAGE:
        return bool(reasons & _ALWAYS)
    return _allowed(ctx, reasons, case, consent)


def require(ctx: Context, case_id: str | None, permission: Permission) -> None:
    """Raises AccessDeniedError when ``ctx.actor`` may not do ``permission`` on the case.

    ``case_id`` None is a new case (create, import as new): any professional may."""
    if case_id is None:
        if ctx.actor.role in (Role.OPERATOR, Role.PROFESSIONAL):
            return
        raise AccessDeniedError("only a professional may create a case")
    if not may(ctx, case_id, permission):
        _record(ctx, AuditAction.ACCESS_DENIED, case_id, permission=permission.value)
        raise AccessDeniedError(f"no access to case {case_id}")


def _record(ctx: Context, action: AuditAction, case_id: str, **detail: object) -> None:
    # Imported here: plans.services.audit is a sibling that itself needs the context only.
    from plans.services.audit import record

    if not ctx.actor.username:
        ctx.store.audit_log().record("anonymous", action, case_id=case_id, detail=detail)
        return
    record(ctx, action, case_id, **detail)


def visible(ctx: Context, cases: Iterable[CaseSummary]) -> list[CaseSummary]:
    """The cases of a list that ``ctx.actor`` may open, in the list's order. One query for
    the memberships; documents are read only for cases the person is a member of through
    someone else's organisation (the consent rule), never for their own."""
    rows = list(cases)
    if ctx.actor.role is Role.OPERATOR:
        return rows
    reasons = directory(ctx).reasons_of(ctx.actor.username)
    shown = []
    for c in rows:
        mine = reasons.get(c.id)
        if not mine:
            continue
        if mine & _ALWAYS or _allowed_by_consent(ctx, c.id, mine):
            shown.append(c)
    return shown


def visibility_key(ctx: Context) -> Hashable:
    """Everything ``visible`` decides by, apart from the case and consent documents (whose
    every save changes ``Store.generation()``): who asks, today and their memberships (one
    query). Two calls with equal keys at one generation give the same list, so a caller
    may keep that list for one person (never share it with another)."""
    memberships = directory(ctx).reasons_of(ctx.actor.username)
    return (
        ctx.actor,
        ctx.today,
        frozenset((case_id, frozenset(reasons)) for case_id, reasons in memberships.items()),
    )


def _allowed_by_consent(ctx: Context, case_id: str, reasons: set[MemberReason]) -> bool:
    try:
        case, consent = _case_and_consent(ctx, case_id)
    except NotFoundError:
        return False
    return _allowed(ctx, reasons, case, consent)


# --- memberships -------------------------------------------------------------------------------


def _emails(case: CaseBody) -> list[tuple[str, MemberReason]]:
    found = []
    if case.named_person and case.named_person.email:
        found.append((case.named_person.email, MemberReason.NAMED_PERSON))
    if case.lead_professional and case.lead_professional.email:
        found.append((case.lead_professional.email, MemberReason.LEAD_PROFESSIONAL))
    found += [(p.contact.email, MemberReason.PARTNER) for p in case.partners if p.contact.email]
    return found


def sync_members(ctx: Context, case_id: str, case: CaseBody, *, created: bool) -> None:
    """After a save of the case document: who is a member because the case names them."""
    found = directory(ctx)
    derived: list[tuple[str, MemberReason]] = []
    for email, reason in _emails(case):
        user = found.user_by(email=email)
        if user is not None and not user.disabled:
            derived.append((user.username, reason))
    found.set_derived(case_id, derived, ctx.actor.username, ctx.today)
    if created and ctx.actor.role is not Role.OPERATOR:
        found.add_member(case_id, ctx.actor.username, MemberReason.CREATED, "", ctx.today)


def members(ctx: Context, case_id: str) -> list[Membership]:
    require(ctx, case_id, Permission.READ)
    return directory(ctx).members(case_id)


def grant(ctx: Context, case_id: str, username: str) -> bool:
    """Give ``username`` access to the case (its creator or named person, an admin, the
    operator).
    False when they had it already. Raises NotFoundError for an unknown user or case."""
    require(ctx, case_id, Permission.MANAGE)
    ctx.store.load(case_id, "case")
    user = _active_user(ctx, username)
    added = directory(ctx).add_member(
        case_id, user.username, MemberReason.GRANTED, ctx.actor.username, ctx.today
    )
    if added:
        _record(ctx, AuditAction.ACCESS_GRANTED, case_id, user=user.username)
    return added


def revoke(ctx: Context, case_id: str, username: str) -> bool:
    """Take away access that was granted; False when there was none to take."""
    require(ctx, case_id, Permission.MANAGE)
    removed = directory(ctx).remove_member(case_id, username, [MemberReason.GRANTED]) > 0
    if removed:
        _record(ctx, AuditAction.ACCESS_REVOKED, case_id, user=username)
    return removed


def _active_user(ctx: Context, username: str) -> User:
    user = directory(ctx).user(username)
    if user is None or user.disabled:
        raise NotFoundError(f"no active user '{username}'")
    return user
