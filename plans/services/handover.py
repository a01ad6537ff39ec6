"""Handover at a transition (överlämning): the named person moves to the next organisation
with a record of from whom, to whom and when, and the receiving professional gets a summary.
Consent may not carry over to the new organisation, so the summary says whether it does."""

from __future__ import annotations

from dataclasses import dataclass

from plans.caseload.transitions import Role, Transition, next_transition, transitions
from plans.documents.case import CaseBody, CaseStatus, CaseType, Handover
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.i18n import has, t
from plans.services.access import Permission, require
from plans.services.casefile import latest_body
from plans.services.context import Context
from plans.services.documents import save_document
from plans.services.errors import Problem, RuleError
from plans.store import Envelope


def suggested_transition(case: CaseBody, ctx: Context) -> Transition | None:
    """The next change of named person the child's age suggests (None: none ahead)."""
    birth = case.child.birth_date if case.child else None
    expected = case.unborn.expected_date if case.unborn else None
    step = next_transition(birth, expected, ctx.today)
    done = case.handovers[-1].to_role if case.handovers else None
    if step is not None and birth is not None and step.to_role.value == done:
        # Handed over early: the next suggestion is the transition after that one.
        return next((t for t in transitions(birth) if t.on > step.on), None)
    return step


def organisation_name(organisation: str, lang: str) -> str:
    """A common organisation's id (``school``) becomes its name; anything else is a name."""
    key = f"organisation.{organisation.strip()}"
    return t(key, lang) if has(key, lang) else organisation.strip()


@dataclass(frozen=True)
class HandoverResult:
    envelope: Envelope
    handover: Handover
    consent_covers_receiver: bool


def hand_over(
    ctx: Context,
    case_id: str,
    *,
    to: Contact,
    to_role: Role | None = None,
    note: str = "",
    base_revision: int | None = None,
    lang: str = "sv",
) -> HandoverResult:
    """Record the handover today and make ``to`` the named person. The lead professional
    stays (a new one is chosen with the family); every document stays in the case."""
    require(ctx, case_id, Permission.WRITE)
    latest = ctx.store.load(case_id, "case")
    case = latest.body_as(CaseBody)
    if case.type is CaseType.ANONYMOUS:
        raise RuleError([Problem("$.body.type", "handover.anonymous")])
    if case.status is CaseStatus.CLOSED:
        raise RuleError([Problem("$.body.status", "handover.closed")])
    if not to.name.strip():
        raise RuleError([Problem("$.body.named_person.name", "handover.no_name")])
    if case.named_person and case.named_person.name.casefold() == to.name.strip().casefold():
        raise RuleError([Problem("$.body.named_person.name", "handover.same_person")])
    receiver = to.model_copy(update={"organisation": organisation_name(to.organisation, lang)})
    if to_role is None:
        step = suggested_transition(case, ctx)
        to_role = step.to_role if step else None
    record = Handover(
        on=ctx.today,
        from_person=case.named_person,
        to_person=receiver,
        to_role=to_role.value if to_role else None,
        note=note,
    )
    changed = case.model_copy(
        update={"named_person": receiver, "handovers": [*case.handovers, record][-30:]}
    )
    env = save_document(
        ctx,
        case_id,
        "case",
        changed,
        base_revision=latest.revision if base_revision is None else base_revision,
        note=note or t("handover.note", lang, name=receiver.name),
    )
    consent = latest_body(ctx.store, case_id, "consent", ConsentBody)
    covers = bool(consent and consent.allows(receiver.organisation or to.organisation, ctx.today))
    return HandoverResult(env, record, covers)
