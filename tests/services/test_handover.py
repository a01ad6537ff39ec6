"""Handover at a transition: from whom, to whom and when; the named person moves; nothing
is lost; the receiver's summary says whether consent covers them (issue 11)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from plans.accounts import AccountRole, directory_for
from plans.caseload.rows import caseload_rows
from plans.caseload.transitions import Role
from plans.cli import main
from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, PlanBody
from plans.services import Actor, Context, RuleError, create_case, save_document
from plans.services import Role as Role_
from plans.services.accounts import add_user
from plans.services.handover import hand_over, suggested_transition
from plans.store.files import FileStore

TODAY = dt.date(2026, 6, 1)
NURSE = Actor(username="lena", display_name="Lena Holm")


def ctx(store: FileStore) -> Context:
    return Context(store, NURSE, TODAY)


def preschooler(store: FileStore) -> str:
    """A child who starts preschool class this August: BVC hands over to the school."""
    body = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Alva", birth_date=dt.date(2020, 9, 1)),
        named_person=Contact(name="Lena Holm", organisation="Barnavårdscentralen"),
        raised_on=dt.date(2026, 1, 10),
    )
    case_id = create_case(ctx(store), body).case_id
    save_document(
        ctx(store),
        case_id,
        "consent",
        ConsentBody(given_by=["Eva"], given_on=dt.date(2026, 1, 12), scope=["bvc", "Skolan"]),
        base_revision=None,
    )
    plan = PlanBody(actions=[Action(id="a-talk", what="Samtal", by_when=dt.date(2026, 9, 1))])
    save_document(ctx(store), case_id, "plan", plan, base_revision=None)
    return case_id


def test_the_age_suggests_the_next_transition(store: FileStore) -> None:
    case_id = preschooler(store)
    step = suggested_transition(store.load(case_id, "case").body_as(CaseBody), ctx(store))
    assert step is not None
    assert (step.on, step.from_role, step.to_role) == (
        dt.date(2026, 8, 15),
        Role.PRESCHOOL,
        Role.SCHOOL,
    )


def test_a_handover_moves_the_named_person_and_keeps_everything(store: FileStore) -> None:
    case_id = preschooler(store)
    [row] = caseload_rows(store.list_cases(), frozenset({"lena holm"}), TODAY, stalled_weeks=6)
    assert [s.kind.value for s in row.signals] == ["transition"]
    before = {d.doc_id: d.latest for d in store.documents(case_id)}
    result = hand_over(
        ctx(store), case_id, to=Contact(name="Omar Said", role="rektor", organisation="school")
    )
    case = store.load(case_id, "case").body_as(CaseBody)
    assert case.named_person == Contact(name="Omar Said", role="rektor", organisation="Skolan")
    [record] = case.handovers
    assert (record.on, record.to_role) == (TODAY, "school")
    assert record.from_person is not None and record.from_person.name == "Lena Holm"
    assert result.consent_covers_receiver  # "Skolan" is in the consent's scope
    after = {d.doc_id: d.latest for d in store.documents(case_id)}
    assert after == {**before, "case": before["case"] + 1}
    # the transition is done: no longer a signal; the new named person holds the case
    [row] = caseload_rows(store.list_cases(), frozenset({"omar said"}), TODAY, stalled_weeks=6)
    assert row.signals == ()
    assert caseload_rows(store.list_cases(), frozenset({"lena holm"}), TODAY, stalled_weeks=6) == []
    step = suggested_transition(store.load(case_id, "case").body_as(CaseBody), ctx(store))
    assert step is not None and step.to_role is Role.UPPER_SECONDARY  # the one after


def test_a_handover_is_refused_without_a_new_person(store: FileStore) -> None:
    case_id = preschooler(store)
    with pytest.raises(RuleError) as exc:
        hand_over(ctx(store), case_id, to=Contact(name="lena holm"))
    assert [p.key for p in exc.value.problems] == ["handover.same_person"]
    with pytest.raises(RuleError) as exc:
        hand_over(ctx(store), case_id, to=Contact(name=" "))
    assert [p.key for p in exc.value.problems] == ["handover.no_name"]


def test_cli_handover_writes_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "cli"
    case_id = preschooler(FileStore(data))
    out = tmp_path / "summary.pdf"
    args = ["--data-dir", str(data), "handover", case_id, "--to", "Omar Said"]
    args += ["--organisation", "Fritidsgården", "--today", "2026-06-01", "--out", str(out)]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["consent_covers_receiver"] is False and printed["to_role"] == "school"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Överlämning: Alva" in text and "från Lena Holm till Omar Said" in text
    assert "Samtycket omfattar inte Fritidsgården" in text
    assert "Fråga familjen igen om samtycke" in text
    assert "Samtal" in text  # the open action
    assert (
        main(
            [
                "--data-dir",
                str(data),
                "handover",
                "c-nosuchcase",
                "--to",
                "X",
                "--organisation",
                "school",
            ]
        )
        == 4
    )


def test_the_receivers_email_makes_their_account_a_member(store: FileStore) -> None:
    case_id = preschooler(store)
    operator = Context(store, Actor(username="ops", role=Role_.OPERATOR), TODAY)
    add_user(
        operator,
        "omar",
        role=AccountRole.PROFESSIONAL,
        password="a long fictional password",
        display_name="Omar Said",
        organisation="Skolan",
        email="omar.said@example.org",
    )
    assert case_id not in directory_for(store).cases_of("omar")
    hand_over(
        ctx(store),
        case_id,
        to=Contact(name="Omar Said", organisation="school", email="omar.said@example.org"),
    )
    assert case_id in directory_for(store).cases_of("omar")
