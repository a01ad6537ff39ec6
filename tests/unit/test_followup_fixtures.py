"""Fixture data for the follow-up tests: facts dicts shaped as ``case_facts`` makes
them, and a small year whose numbers are counted by hand below."""

from __future__ import annotations

from typing import Any

from plans.documents.case import CaseBody, CaseType
from plans.followup.facts import FACTS_VERSION, case_facts


def fact(
    raised_on: str,
    *,
    type: str = "child",
    team: str = "Norr",
    consent: bool = False,
    sip: bool = False,
    plan: bool = False,
    age_band: str = "0-5",
    gender: str = "unknown",
    referrer: str = "other",
    areas: list[str] | None = None,
    risks: list[str] | None = None,
    protections: list[str] | None = None,
    interventions: list[str] | None = None,
    surveys: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "v": FACTS_VERSION,
        "raised_on": raised_on,
        "type": type,
        "team": team,
        "status": "open",
        "consent": consent,
        "consent_active": consent,
        "coordinated_plan": sip,
        "childs_plan": plan,
        "age_band": age_band,
        "gender": gender,
        "referrer": referrer,
        "areas_with_support": sorted(areas or []),
        "risk_factors": sorted(risks or []),
        "protective_factors": sorted(protections or []),
        "interventions": sorted(interventions or []),
        "imported": False,
        "import_key": "",
        "surveys": surveys or [],
        "batch": None,
    }


# Team Norr, 2020. Counted by hand:
#   VT: 6 raised (#1-#6); consent #1 #2 #3 #6 = 4; anonymous #4 #5 = 2 (#4 is an
#       anonymous consultation, #5 a child whose consent was never recorded);
#       SIP among consented #1 #3 = 2; child's plans #2 #3 = 2.
#       Age: unborn 1 (#2), 0-5 2 (#1 #6), 6-12 2 (#4 #5), 13-16 1 (#3, aged 17).
#       Gender: girl 2 (#1 #5), boy 2 (#3 #6), unknown 2 (#2 #4).
#       Referrer: bvc 2, mvc 1, school 2, preschool 1.
#   HT: 3 raised (#7-#9); consent #7 = 1; anonymous #8 #9 = 2; SIP #7 = 1; plans 0.
#       Age: 0-5 1 (#9), 6-12 1 (#7), 13-16 1 (#8). Gender: girl 1, boy 1, unknown 1.
#       Referrer: school 1, social_services 1, preschool 1.
#   Outside the year: 2019-12-31 and 2021-01-01. Team Söder: one case in VT.
NORR_2020 = [
    # 1: the first day of the year and of VT
    fact("2020-01-01", consent=True, sip=True, age_band="0-5", gender="girl", referrer="bvc",
         areas=["safe", "healthy"], risks=["economic_hardship"],
         interventions=["parenting_support_home"]),
    # 2: leap day, an unborn child
    fact("2020-02-29", type="unborn", consent=True, plan=True, age_band="unborn", referrer="mvc",
         areas=["safe"], risks=["economic_hardship"], protections=["family_network"]),
    # 3: the last day of VT; aged 17, reported in 13-16
    fact("2020-06-30", consent=True, sip=True, plan=True, age_band="13-16", gender="boy",
         referrer="school", areas=["achieving"]),
    # 4: an anonymous consultation
    fact("2020-03-15", type="anonymous", age_band="6-12", referrer="school"),
    # 5: a child raised without consent (none recorded)
    fact("2020-04-01", age_band="6-12", gender="girl", referrer="preschool"),
    # 6
    fact("2020-05-05", consent=True, age_band="0-5", gender="boy", referrer="bvc"),
    # 7: the first day of HT
    fact("2020-07-01", consent=True, sip=True, age_band="6-12", gender="girl", referrer="school"),
    # 8: the last day of the year, anonymous; the SIP flag without consent is not counted
    fact("2020-12-31", type="anonymous", sip=True, age_band="13-16",
         referrer="social_services"),
    # 9: imported without consent
    fact("2020-09-09", age_band="0-5", gender="boy", referrer="preschool"),
    # outside the range
    fact("2019-12-31", consent=True, age_band="0-5"),
    fact("2021-01-01", consent=True, age_band="0-5"),
    # another team, in VT
    fact("2020-05-05", team="Söder", consent=True, age_band="0-5", gender="girl"),
]  # fmt: skip


def test_the_fixture_has_the_shape_case_facts_makes() -> None:
    made = case_facts(CaseBody(type=CaseType.CHILD, imported=True, reported_consent=True))
    assert set(fact("2020-01-01")) == set(made)
