"""Who a plan view is for: ``family``, ``team`` or ``partner:ORG``.

ORG is a partner's id or an organisation's name, matched without regard to
case. Besides the case's partners, the lead professional's and the named
person's organisations and every organisation that has an action count as
taking part, so a school holding the plan can get its own part too.
"""

from __future__ import annotations

from dataclasses import dataclass

from plans.documents.case import CaseBody
from plans.documents.common import Contact
from plans.documents.plan import Action, PlanBody
from plans.i18n import t
from plans.planview.errors import InvalidAudienceError
from plans.planview.model import FAMILY, TEAM, Audience

PARTNER_PREFIX = "partner:"


@dataclass(frozen=True)
class _Organisation:
    name: str
    partner_id: str


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _organisations(case: CaseBody, plan: PlanBody) -> list[_Organisation]:
    """Every organisation taking part, partners first, each name once."""
    found: list[_Organisation] = [_Organisation(p.organisation, p.id) for p in case.partners]
    others = [
        c.organisation
        for c in (plan.lead_professional, case.lead_professional, case.named_person)
        if c is not None
    ] + [a.organisation for a in plan.actions]
    for name in others:
        if name.strip() and not any(_same(name, o.name) for o in found):
            found.append(_Organisation(name.strip(), ""))
    return found


def parse_audience(text: str, case: CaseBody, plan: PlanBody, lang: str) -> Audience:
    """The audience named by ``text``; raises InvalidAudienceError with a translated message."""
    wanted = text.strip()
    if wanted.casefold() == "family":
        return FAMILY
    if wanted.casefold() == "team":
        return TEAM
    if not wanted.casefold().startswith(PARTNER_PREFIX):
        raise InvalidAudienceError(t("planview.error.audience", lang, audience=text))
    org = wanted[len(PARTNER_PREFIX) :].strip()
    if not org:
        raise InvalidAudienceError(t("planview.error.audience", lang, audience=text))
    known = _organisations(case, plan)
    match = next((o for o in known if o.partner_id and _same(o.partner_id, org)), None)
    match = match or next((o for o in known if _same(o.name, org)), None)
    if match is None:
        if not known:
            raise InvalidAudienceError(t("planview.error.partner_none", lang, organisation=org))
        names = ", ".join(o.partner_id or o.name for o in known)
        raise InvalidAudienceError(t("planview.error.partner", lang, organisation=org, known=names))
    return Audience("partner", organisation=match.name, partner_id=match.partner_id)


def partner_contacts(case: CaseBody, audience: Audience) -> list[Contact]:
    """The named contacts a partner organisation has in the case."""
    return [
        p.contact
        for p in case.partners
        if (audience.partner_id and p.id == audience.partner_id)
        or _same(p.organisation, audience.organisation)
    ]


def belongs_to(action: Action, audience: Audience, contacts: list[Contact]) -> bool:
    """Whether an action is the partner's: by the partner's id when the action names one,
    else its organisation, else its named contact by name."""
    if action.partner_id and audience.partner_id:
        return action.partner_id == audience.partner_id
    if action.organisation.strip():
        return _same(action.organisation, audience.organisation)
    return bool(action.who.strip()) and any(_same(action.who, c.name) for c in contacts)


def same_organisation(a: str, b: str) -> bool:
    return bool(a.strip()) and _same(a, b)
