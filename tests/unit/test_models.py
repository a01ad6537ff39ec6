"""The domain model refuses what would be wrong in real life, in plain words."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assessment.model import AreaAssessment, AssessmentBody, VoiceRatings
from plans.documents.case import AgeBand, Anonymous, CaseBody, CaseType, Child, Unborn, age_on
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, PlanBody
from plans.sharing import may_share_with, sharing_stopped
from plans.templates import template

TODAY = dt.date.today()


def _child(**kw: object) -> CaseBody:
    return CaseBody(
        type=CaseType.CHILD, child=Child(first_name="Alva", birth_date=dt.date(2018, 2, 28)), **kw
    )


def test_anonymous_consultation_holds_no_personal_data() -> None:
    ok = CaseBody(type=CaseType.ANONYMOUS, anonymous=Anonymous(age_band=AgeBand.AGE_0_5))
    assert ok.display_name() == ""
    with pytest.raises(ValidationError, match="cannot hold 'child'"):
        CaseBody(
            type=CaseType.ANONYMOUS,
            anonymous=Anonymous(age_band=AgeBand.AGE_0_5),
            child=Child(first_name="X", birth_date=dt.date(2020, 1, 1)),
        )
    with pytest.raises(ValidationError, match="no guardians"):
        CaseBody(
            type=CaseType.ANONYMOUS,
            anonymous=Anonymous(age_band=AgeBand.AGE_0_5),
            guardians=[{"name": "Per"}],
        )


def test_type_needs_its_details() -> None:
    with pytest.raises(ValidationError, match="needs its 'unborn'"):
        CaseBody(type=CaseType.UNBORN)
    unborn = CaseBody(
        type=CaseType.UNBORN,
        unborn=Unborn(
            expected_date=TODAY + dt.timedelta(days=30), expecting_parents=[Contact(name="Elin")]
        ),
    )
    assert unborn.display_name() == "Elin"
    assert unborn.age_band(TODAY) is AgeBand.UNBORN
    assert unborn.is_infant(TODAY)


def test_dates_are_validated() -> None:
    # Rules that depend on today run on write (plans/services/rules.py), never on read:
    # a stored child stays readable however old they get.
    assert Child(first_name="A", birth_date=dt.date(1990, 1, 1)).birth_date.year == 1990
    with pytest.raises(ValidationError):
        Child(first_name="A", birth_date="2020-02-30")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="before it was given"):
        ConsentBody(
            given_by=["Per"], given_on=dt.date(2026, 3, 1), withdrawn_on=dt.date(2026, 2, 1)
        )


def test_free_text_has_length_limits() -> None:
    with pytest.raises(ValidationError, match="at most 4000"):
        PlanBody(reasons="x" * 4001)
    with pytest.raises(ValidationError, match="at most 120"):
        Contact(name="n" * 121)


def test_age_bands_count_17_and_older_in_13_16_and_handle_leap_days() -> None:
    assert AgeBand.for_age(17) is AgeBand.AGE_13_16
    assert AgeBand.for_age(5) is AgeBand.AGE_0_5 and AgeBand.for_age(6) is AgeBand.AGE_6_12
    leap = dt.date(2020, 2, 29)
    assert age_on(leap, dt.date(2021, 2, 28)) == 0
    assert age_on(leap, dt.date(2021, 3, 1)) == 1


def test_three_voices_are_kept_apart_and_support_is_suggested() -> None:
    wheel = template("girfec-sv")
    body = AssessmentBody(
        template_id=wheel.id,
        template_version=wheel.version,
        areas={
            "safe": AreaAssessment(ratings=VoiceRatings(child=1, guardians=4, professional=3)),
            "healthy": AreaAssessment(ratings=VoiceRatings(professional="not_assessed")),
            "active": AreaAssessment(ratings=VoiceRatings(child="declined", guardians=5)),
        },
    )
    assert body.areas["safe"].ratings.child == 1
    assert body.areas["safe"].ratings.professional == 3
    assert body.areas_needing_support(wheel) == ["safe"]
    assert body.problems(wheel) == []
    bad = body.model_copy(
        update={"areas": {"nowhere": AreaAssessment(ratings=VoiceRatings(child=9))}}
    )
    assert any("nowhere" in p for p in bad.problems(wheel))


def test_actions_need_unique_ids_and_a_what() -> None:
    with pytest.raises(ValidationError, match="same id"):
        PlanBody(actions=[Action(id="a-1", what="x"), Action(id="a-1", what="y")])
    with pytest.raises(ValidationError):
        Action(id="a-1", what="")


def test_sharing_needs_active_consent_with_the_organisation_in_scope() -> None:
    case = _child(named_person=Contact(name="Nina", organisation="Björkskolan"))
    assert may_share_with(case, None, "björkskolan")  # own organisation
    assert not may_share_with(case, None, "Socialtjänsten")
    consent = ConsentBody(
        given_by=["Per"], given_on=dt.date(2026, 1, 10), scope=["Björkskolan", "Socialtjänsten"]
    )
    assert may_share_with(case, consent, "Socialtjänsten", dt.date(2026, 2, 1))
    assert not may_share_with(case, consent, "Vårdcentralen", dt.date(2026, 2, 1))
    withdrawn = consent.model_copy(update={"withdrawn_on": dt.date(2026, 3, 1)})
    assert may_share_with(case, withdrawn, "Socialtjänsten", dt.date(2026, 2, 28))
    assert not may_share_with(case, withdrawn, "Socialtjänsten", dt.date(2026, 3, 1))
    assert sharing_stopped(withdrawn, dt.date(2026, 3, 1))
