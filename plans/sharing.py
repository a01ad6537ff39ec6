"""Who may be brought into a case: the secrecy rules in one place.

Without active consent, nothing is shared outside the named person's own
organisation. With consent, only the organisations in its scope may take part.
"""

from __future__ import annotations

import datetime as dt

from plans.documents.case import CaseBody, CaseType
from plans.documents.consent import ConsentBody
from plans.organisations import organisation_id


def own_organisation(case: CaseBody) -> str:
    return case.named_person.organisation if case.named_person else ""


def _same(a: str, b: str) -> bool:
    """The same organisation: by id (made from the name once, ``plans.organisations``)."""
    return bool(organisation_id(a)) and organisation_id(a) == organisation_id(b)


def may_share_with(
    case: CaseBody, consent: ConsentBody | None, organisation: str, on: dt.date | None = None
) -> bool:
    if case.type is CaseType.ANONYMOUS:
        return False
    if _same(organisation, own_organisation(case)):
        return True
    return consent is not None and consent.allows(organisation, on)


def sharing_stopped(consent: ConsentBody | None, on: dt.date | None = None) -> bool:
    """Consent was given and later withdrawn: sharing stops from that day."""
    return consent is not None and consent.withdrawn_on is not None and not consent.is_active(on)


def partners_not_allowed(
    case: CaseBody, consent: ConsentBody | None, on: dt.date | None = None
) -> list[str]:
    """Organisations among the case's partners that may not take part today."""
    return [
        p.organisation
        for p in case.partners
        if not may_share_with(case, consent, p.organisation, on)
    ]


def newly_added_partners_not_allowed(
    before: CaseBody | None, after: CaseBody, consent: ConsentBody | None, on: dt.date | None = None
) -> list[str]:
    """Partners a save would bring in that consent does not cover (restores, imports).

    Partners already in the case stay visible as they were; the rule is about adding."""
    known = {organisation_id(p.organisation) for p in (before.partners if before else [])}
    return [
        org for org in partners_not_allowed(after, consent, on) if organisation_id(org) not in known
    ]
