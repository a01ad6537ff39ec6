"""Case administration: corrections, SIP, the birth, closing and reopening (issue 11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from assessment.model import AssessmentBody
from plans.cli import main
from plans.documents.case import CaseBody, CaseStatus, CaseType, Child, CloseReason, Unborn
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, PlanBody
from plans.followup.report import term_report
from plans.services import (
    Actor,
    Context,
    RuleError,
    close_case,
    create_case,
    record_birth,
    reopen_case,
    save_document,
    set_case_field,
    update_case,
)
from plans.store import InvalidInputError
from plans.store.files import FileStore

TODAY = dt.date(2026, 11, 23)
NURSE = Actor(username="anna", display_name="Anna Lind", organisation="bvc")


def ctx(store: FileStore, today: dt.date = TODAY) -> Context:
    return Context(store, NURSE, today)


def child_case(**changes: Any) -> CaseBody:
    body = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Elsa", last_name="Berg", birth_date=dt.date(2019, 4, 2)),
        named_person=Contact(name="Anna Lind", organisation="BVC Norr"),
        raised_on=dt.date(2026, 10, 1),
    )
    return body.model_copy(update=changes)


def unborn_case() -> CaseBody:
    return CaseBody(
        type=CaseType.UNBORN,
        unborn=Unborn(
            expected_date=dt.date(2026, 12, 10),
            expecting_parents=[Contact(name="Mira Holm"), Contact(name="Sam Holm", phone="070-1")],
            child_name="Lilla H",
        ),
        raised_on=dt.date(2026, 9, 1),
    )


def keys(exc: pytest.ExceptionInfo[RuleError]) -> list[str]:
    return [p.key for p in exc.value.problems]


def test_details_are_corrected_and_the_history_keeps_the_old_value(store: FileStore) -> None:
    case_id = create_case(ctx(store), child_case()).case_id
    set_case_field(ctx(store), case_id, "birth_date", "2019-05-02")
    set_case_field(ctx(store), case_id, "named_person", "Omar Said")
    set_case_field(ctx(store), case_id, "named_person.organisation", "Skolan")
    set_case_field(ctx(store), case_id, "team", "Team Syd")
    set_case_field(ctx(store), case_id, "gender", "girl")
    set_case_field(
        ctx(store),
        case_id,
        "guardians",
        '[{"name": "Eva Berg", "relation": "mamma"}, {"name": "Ola Berg"}]',
    )
    case = store.load(case_id, "case").body_as(CaseBody)
    assert case.child is not None and case.child.birth_date == dt.date(2019, 5, 2)
    assert case.named_person == Contact(name="Omar Said", organisation="Skolan")
    assert (case.team, case.gender and case.gender.value) == ("Team Syd", "girl")
    assert [g.name for g in case.guardians] == ["Eva Berg", "Ola Berg"]
    first = store.load(case_id, "case", 1).body_as(CaseBody)
    assert first.child is not None and first.child.birth_date == dt.date(2019, 4, 2)
    assert store.list_cases()[0].named_person == "Omar Said"


def test_a_correction_keeps_the_date_rules(store: FileStore) -> None:
    case_id = create_case(ctx(store), child_case()).case_id
    with pytest.raises(RuleError) as exc:
        set_case_field(ctx(store), case_id, "birth_date", "2027-01-01")
    assert "date_in_future" in keys(exc)
    with pytest.raises(InvalidInputError):
        set_case_field(ctx(store), case_id, "expected_date", "2026-12-01")  # not unborn
    with pytest.raises(InvalidInputError):
        set_case_field(ctx(store), case_id, "status", "closed")  # not a field
    with pytest.raises(InvalidInputError):
        set_case_field(ctx(store), case_id, "guardians", '{"name": "x"}')  # not a list


def test_a_correction_cannot_close_or_change_type(store: FileStore) -> None:
    env = create_case(ctx(store), child_case())
    closed = child_case(status=CaseStatus.CLOSED, closed_on=TODAY)
    with pytest.raises(RuleError) as exc:
        update_case(ctx(store), env.case_id, closed, base_revision=env.revision)
    assert set(keys(exc)) == {"case_admin.not_a_correction"}


def test_sip_set_up_today_by_default_or_on_a_given_day(store: FileStore) -> None:
    case_id = create_case(ctx(store), child_case()).case_id
    set_case_field(ctx(store), case_id, "sip", "yes")
    case = store.load(case_id, "case").body_as(CaseBody)
    assert (case.coordinated_plan, case.coordinated_plan_on) == (True, TODAY)
    set_case_field(ctx(store), case_id, "sip_on", "2026-11-02")
    assert store.load(case_id, "case").body_as(CaseBody).coordinated_plan_on == dt.date(2026, 11, 2)
    assert store.list_cases()[0].facts["coordinated_plan"] is True
    with pytest.raises(RuleError) as exc:
        set_case_field(ctx(store), case_id, "sip_on", "2026-09-01")  # before it was raised
    assert keys(exc) == ["sip_before_raised"]
    set_case_field(ctx(store), case_id, "sip", "no")
    case = store.load(case_id, "case").body_as(CaseBody)
    assert (case.coordinated_plan, case.coordinated_plan_on) == (False, None)


def test_the_child_is_born_and_every_document_stays(store: FileStore) -> None:
    case_id = create_case(ctx(store), unborn_case()).case_id
    save_document(
        ctx(store),
        case_id,
        "consent",
        ConsentBody(given_by=["Mira Holm"], given_on=dt.date(2026, 9, 2), scope=["BVC"]),
        base_revision=None,
    )
    save_document(
        ctx(store),
        case_id,
        "assessment",
        AssessmentBody(template_id="girfec-sv", template_version="1.0"),
        base_revision=None,
    )
    plan = PlanBody(actions=[Action(id="a-visit", what="Hembesök", who="Anna Lind")])
    save_document(ctx(store), case_id, "plan", plan, base_revision=None)
    before = {(d.doc_id, d.latest) for d in store.documents(case_id)}

    record_birth(ctx(store), case_id, birth_date=dt.date(2026, 11, 20), last_name="Holm")

    case = store.load(case_id, "case").body_as(CaseBody)
    assert case.type is CaseType.CHILD and case.unborn is None
    assert case.child == Child(
        first_name="Lilla H", last_name="Holm", birth_date=dt.date(2026, 11, 20)
    )
    assert [g.name for g in case.guardians] == ["Mira Holm", "Sam Holm"]
    assert case.guardians[1].phone == "070-1"
    after = {(d.doc_id, d.latest) for d in store.documents(case_id)}
    assert after == {(d, r + 1) if d == "case" else (d, r) for d, r in before}
    assert store.load(case_id, "case", 1).body_as(CaseBody).type is CaseType.UNBORN
    # raised before birth: the statistics still count the child as unborn when raised
    assert store.list_cases()[0].facts["age_band"] == "unborn"
    with pytest.raises(RuleError) as exc:
        record_birth(ctx(store), case_id, birth_date=dt.date(2026, 11, 20))
    assert keys(exc) == ["case_admin.not_unborn"]


def test_a_birth_needs_a_name_and_a_date_not_ahead(store: FileStore) -> None:
    body = unborn_case()
    assert body.unborn is not None
    body = body.model_copy(update={"unborn": body.unborn.model_copy(update={"child_name": ""})})
    case_id = create_case(ctx(store), body).case_id
    with pytest.raises(RuleError) as exc:
        record_birth(ctx(store), case_id, birth_date=dt.date(2026, 11, 20))
    assert keys(exc) == ["case_admin.first_name_needed"]
    with pytest.raises(RuleError) as exc:
        record_birth(ctx(store), case_id, birth_date=dt.date(2026, 12, 1), first_name="Vide")
    assert "date_in_future" in keys(exc)


def test_close_with_a_reason_and_reopen(store: FileStore) -> None:
    case_id = create_case(ctx(store), child_case()).case_id
    close_case(ctx(store), case_id, CloseReason.MOVED, note="Flyttat till Umeå")
    case = store.load(case_id, "case").body_as(CaseBody)
    assert (case.status, case.closed_on, case.closed_reason) == (
        CaseStatus.CLOSED,
        TODAY,
        CloseReason.MOVED,
    )
    with pytest.raises(RuleError) as exc:
        close_case(ctx(store), case_id, CloseReason.NEEDS_MET)
    assert keys(exc) == ["case_admin.already_closed"]
    # closed cases stay in the statistics
    report = term_report(
        [c.facts for c in store.list_cases()],
        dt.date(2026, 7, 1),
        dt.date(2026, 12, 31),
        suppress=False,
    )
    assert report.to_json()[0]["raised_total"] == 1
    reopen_case(ctx(store), case_id)
    case = store.load(case_id, "case").body_as(CaseBody)
    assert (case.status, case.closed_on, case.closed_reason) == (CaseStatus.OPEN, None, None)
    with pytest.raises(RuleError) as exc:
        reopen_case(ctx(store), case_id)
    assert keys(exc) == ["case_admin.already_open"]
    assert len(store.history(case_id, "case")) == 3


def test_cli_case_set_close_reopen_born(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "cli"
    store = FileStore(data)
    child = create_case(ctx(store), child_case()).case_id
    unborn = create_case(ctx(store), unborn_case()).case_id
    base = ["--data-dir", str(data), "--today", TODAY.isoformat()]
    assert main([*base, "case", "set", child, "team", "Team Norr"]) == 0
    assert main([*base, "case", "set", child, "no_such_field", "x"]) == 2
    assert main([*base, "case", "set", "c-doesnotexist", "team", "x"]) == 4
    assert main([*base, "case", "set", child, "birth_date", "2030-01-01"]) == 2
    assert main([*base, "case", "close", child, "--reason", "needs_met"]) == 0
    assert main([*base, "case", "close", child, "--reason", "needs_met"]) == 2
    assert main([*base, "case", "close", child, "--reason", "bored"]) == 2
    assert main([*base, "case", "reopen", child]) == 0
    assert main([*base, "case", "born", unborn, "--date", "2026-11-21"]) == 0
    err = capsys.readouterr().err
    assert "unknown field 'no_such_field'" in err and "already closed" in err
    assert len(err.strip().splitlines()) == 6  # one line per refusal, two for the date
    fresh = FileStore(data)
    assert fresh.load(child, "case").body_as(CaseBody).team == "Team Norr"
    assert fresh.load(unborn, "case").body_as(CaseBody).type is CaseType.CHILD
