"""A partner's copy of the plan exists only while consent covers that organisation."""

from __future__ import annotations

import datetime as dt

import pytest

from plans.cli import main
from plans.planview import InvalidAudienceError, build_plan_view
from plans.store.files import FileStore


def _milo(store: FileStore) -> str:
    return next(c.id for c in store.list_cases() if c.display_name.startswith("Milo"))


def _withdraw(store: FileStore, case_id: str) -> None:
    env = store.load(case_id, "consent")
    consent = env.parsed()
    consent.withdrawn_on = dt.date.today()
    store.save(case_id, "consent", consent, parent_revision=env.revision)


def test_partner_view_allowed_with_consent_refused_after_withdrawal(
    demo_store: FileStore,
) -> None:
    cid = _milo(demo_store)
    view = build_plan_view(demo_store, cid, audience="partner:familjecentralen")
    assert view.audience.organisation == "Familjecentralen"
    _withdraw(demo_store, cid)
    with pytest.raises(InvalidAudienceError, match="Familjecentralen"):
        build_plan_view(demo_store, cid, audience="partner:familjecentralen")
    # The family and the team still get their copies.
    assert build_plan_view(demo_store, cid, audience="family").team is None
    assert build_plan_view(demo_store, cid, audience="team").team is not None


def test_partner_outside_the_consent_scope_is_refused(demo_store: FileStore) -> None:
    cid = _milo(demo_store)
    env = demo_store.load(cid, "consent")
    consent = env.parsed()
    consent.scope = [s for s in consent.scope if s.name != "Familjecentralen"]
    demo_store.save(cid, "consent", consent, parent_revision=env.revision)
    with pytest.raises(InvalidAudienceError):
        build_plan_view(demo_store, cid, audience="partner:familjecentralen")


def test_cli_refuses_a_partner_pdf_after_withdrawal(
    demo_store: FileStore, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    cid = _milo(demo_store)
    _withdraw(demo_store, cid)
    out = f"{tmp_path}/p.pdf"
    args = ["--data-dir", str(demo_store.root), "pdf", cid, "--out", out]
    assert main([*args, "--audience", "partner:familjecentralen"]) == 2
    assert "samtycket" in capsys.readouterr().err
    assert main([*args, "--audience", "family"]) == 0


def test_consent_and_partners_match_by_organisation_id_not_by_spelling() -> None:
    from plans.documents.case import CaseBody, CaseType, Child
    from plans.documents.common import Contact
    from plans.documents.consent import ConsentBody
    from plans.sharing import may_share_with

    case = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Elsa", birth_date=dt.date(2019, 4, 2)),
        named_person=Contact(name="Anna Lind", organisation="BVC Norr"),
    )
    consent = ConsentBody(
        given_by=["Per Berg"],
        given_on=dt.date(2026, 11, 1),
        scope=[{"id": "socialtjansten-norra", "name": "Socialtjänsten Norra"}],
    )
    day = dt.date(2026, 11, 2)
    assert may_share_with(case, consent, "socialtjansten-norra", day)
    assert may_share_with(case, consent, "SOCIALTJÄNSTEN  NORRA", day)  # same id
    assert not may_share_with(case, consent, "Socialtjänsten", day)  # another organisation
    assert may_share_with(case, consent, "bvc norr", day)  # the named person's own
