"""The caseload's rules on fixed days: review due, overdue and stalled actions, consent
ending, plan missing and each transition; whose cases they are; the reminders JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from assessment.model import AssessmentBody
from plans import clock
from plans.caseload.facts import caseload_facts
from plans.caseload.mine import is_mine, names_of
from plans.caseload.rows import caseload_rows, refreshed_rows
from plans.caseload.signals import Signal, SignalKind, case_signals
from plans.caseload.transitions import Role, next_transition, role_on
from plans.cli import main
from plans.demo import write_demo
from plans.documents.case import CaseBody, CaseType, Child, CloseReason, Unborn
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, ActionStatus, PlanBody
from plans.documents.review import ActionProgress, ReviewBody
from plans.services import Actor, Context, close_case, create_case, save_document
from plans.store.files import FileStore

MONDAY = dt.date(2026, 11, 23)
RAISED = dt.date(2026, 9, 1)
BIRTH = dt.date(2020, 3, 10)


def child(birth: dt.date = BIRTH, **changes: Any) -> CaseBody:
    body = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Elsa", birth_date=birth),
        named_person=Contact(name="Anna Lind"),
        raised_on=RAISED,
    )
    return body.model_copy(update=changes)


def kinds(signals: list[Signal]) -> list[str]:
    return [s.kind.value for s in signals]


def signals(
    case: CaseBody,
    consent: ConsentBody | None = None,
    assessment: AssessmentBody | None = None,
    plan: PlanBody | None = None,
    today: dt.date = MONDAY,
    **kw: Any,
) -> list[Signal]:
    facts = json.loads(json.dumps(caseload_facts(case, consent, assessment, plan)))  # as stored
    return case_signals(facts, case.raised_on, today, stalled_weeks=kw.pop("weeks", 6), **kw)


def test_review_due_today_or_earlier_and_ahead_with_days() -> None:
    plan = PlanBody(next_review=MONDAY)
    [due] = signals(child(), plan=plan)
    assert (due.kind, due.due, due.person, due.days_overdue(MONDAY)) == (
        SignalKind.REVIEW_DUE,
        MONDAY,
        "Anna Lind",
        0,
    )
    later = PlanBody(next_review=MONDAY + dt.timedelta(days=4))
    assert signals(child(), plan=later) == []
    assert kinds(signals(child(), plan=later, days_ahead=7)) == ["review_due"]
    led = PlanBody(next_review=MONDAY, lead_professional=Contact(name="Omar Said"))
    assert signals(child(), plan=led)[0].person == "Omar Said"


def _action(**kw: Any) -> Action:
    return Action(**{"id": "a-one", "what": "Stödsamtal", "who": "Eva Strand", **kw})


def test_an_action_past_its_date_is_overdue_until_done() -> None:
    late = PlanBody(actions=[_action(by_when=MONDAY - dt.timedelta(days=3), progress_on=MONDAY)])
    [overdue] = signals(child(), plan=late)
    assert (overdue.kind, overdue.person, overdue.action_id, overdue.days_overdue(MONDAY)) == (
        SignalKind.ACTION_OVERDUE,
        "Eva Strand",
        "a-one",
        3,
    )
    done = PlanBody(
        actions=[_action(by_when=MONDAY - dt.timedelta(days=3), status=ActionStatus.DONE)]
    )
    assert signals(child(), plan=done) == []


def test_an_open_action_stalls_after_the_set_weeks_without_progress() -> None:
    six_weeks = MONDAY - dt.timedelta(weeks=6)
    stalled = PlanBody(actions=[_action(progress_on=six_weeks, status=ActionStatus.ONGOING)])
    [signal] = signals(child(), plan=stalled)
    assert (signal.kind, signal.due) == (SignalKind.ACTION_STALLED, MONDAY)
    fresh = PlanBody(actions=[_action(progress_on=six_weeks + dt.timedelta(days=1))])
    assert signals(child(), plan=fresh) == []
    assert kinds(signals(child(), plan=fresh, weeks=5)) == ["action_stalled"]
    # no progress ever recorded (an older plan) counts from the day the case was raised
    legacy = PlanBody(actions=[_action()])
    assert signals(child(), plan=legacy)[0].due == RAISED + dt.timedelta(weeks=6)
    stopped = PlanBody(actions=[_action(progress_on=six_weeks, status=ActionStatus.STOPPED)])
    assert signals(child(), plan=stopped) == []


def test_consent_ending_within_30_days() -> None:
    def consent(expires: dt.date, withdrawn: dt.date | None = None) -> ConsentBody:
        return ConsentBody(
            given_by=["Eva"], given_on=RAISED, expires_on=expires, withdrawn_on=withdrawn
        )

    [ending] = signals(child(), consent(MONDAY + dt.timedelta(days=30)))
    assert (ending.kind, ending.days_overdue(MONDAY)) == (SignalKind.CONSENT_ENDING, -30)
    assert signals(child(), consent(MONDAY + dt.timedelta(days=31))) == []
    assert signals(child(), consent(MONDAY - dt.timedelta(days=1))) == []  # already ended
    assert signals(child(), consent(MONDAY + dt.timedelta(days=5), withdrawn=MONDAY)) == []


def test_an_assessment_without_a_plan_after_four_weeks() -> None:
    def assessed(day: dt.date) -> AssessmentBody:
        return AssessmentBody(template_id="girfec-sv", template_version="1.0", assessed_on=day)

    [missing] = signals(child(), assessment=assessed(MONDAY - dt.timedelta(days=28)))
    assert (missing.kind, missing.due) == (SignalKind.PLAN_MISSING, MONDAY)
    assert signals(child(), assessment=assessed(MONDAY - dt.timedelta(days=27))) == []
    with_plan = signals(
        child(), assessment=assessed(MONDAY - dt.timedelta(days=60)), plan=PlanBody()
    )
    assert with_plan == []


@pytest.mark.parametrize(
    ("birth", "on", "to_role"),
    [
        (dt.date(2023, 5, 1), dt.date(2026, 8, 15), Role.PRESCHOOL),  # the year they turn 3
        (dt.date(2020, 12, 30), dt.date(2026, 8, 15), Role.SCHOOL),  # preschool class at 6
        (dt.date(2010, 1, 5), dt.date(2026, 8, 15), Role.UPPER_SECONDARY),  # turns 16
        (dt.date(2008, 9, 30), dt.date(2026, 9, 30), Role.ADULT),  # 18th birthday
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), Role.ADULT),  # born on a leap day
    ],
)
def test_each_transition_after_birth(birth: dt.date, on: dt.date, to_role: Role) -> None:
    step = next_transition(birth, None, on - dt.timedelta(days=30))
    assert step is not None and (step.on, step.to_role) == (on, to_role)
    [signal] = signals(child(birth), today=on - dt.timedelta(days=90))
    assert (signal.kind, signal.to_role, signal.due) == (SignalKind.TRANSITION, to_role, on)
    assert signals(child(birth), today=on - dt.timedelta(days=91)) == []
    assert role_on(birth, None, on) is to_role


def test_an_unborn_childs_birth_is_a_transition_still_due_after_the_expected_day() -> None:
    expected = MONDAY + dt.timedelta(days=20)
    unborn = CaseBody(
        type=CaseType.UNBORN,
        unborn=Unborn(expected_date=expected),
        named_person=Contact(name="Sara Ek", role="barnmorska"),
        raised_on=RAISED,
    )
    [birth] = signals(unborn)
    assert (birth.kind, birth.to_role, birth.person) == (SignalKind.TRANSITION, Role.BVC, "Sara Ek")
    late = signals(unborn, today=expected + dt.timedelta(days=10))
    assert late[0].days_overdue(expected + dt.timedelta(days=10)) == 10
    assert role_on(None, expected, MONDAY) is Role.MVC


def test_my_cases_match_by_name_ignoring_case_and_spaces() -> None:
    plan = PlanBody(
        lead_professional=Contact(name="Omar Said"), actions=[_action(who="Eva  Strand")]
    )
    facts = caseload_facts(child(), None, None, plan)
    for name in ("anna lind", "OMAR SAID", " eva strand "):
        assert is_mine(facts, names_of(Actor(username="x", display_name=name)))
    assert is_mine(facts, names_of(Actor(username="Anna Lind")))
    assert not is_mine(facts, names_of(Actor(username="anna")))
    assert not is_mine(facts, frozenset())
    done = PlanBody(actions=[_action(who="Per Ek", status=ActionStatus.DONE)])
    assert not is_mine(caseload_facts(child(), None, None, done), names_of(Actor("Per Ek")))


NURSE = Actor(username="anna", display_name="Anna Lind")


def _store_with_cases(store: FileStore) -> tuple[str, str]:
    ctx = Context(store, NURSE, MONDAY - dt.timedelta(weeks=8))
    mine = create_case(ctx, child()).case_id
    plan = PlanBody(
        next_review=MONDAY,
        actions=[
            _action(id="a-late", by_when=MONDAY - dt.timedelta(days=2)),
            _action(id="a-slow", who="Per Ek"),
        ],
    )
    save_document(ctx, mine, "plan", plan, base_revision=None)
    theirs = create_case(ctx, child(named_person=Contact(name="Lena Holm"))).case_id
    return mine, theirs


def test_services_record_progress_and_a_review_counts_as_progress(store: FileStore) -> None:
    mine, _ = _store_with_cases(store)
    start = MONDAY - dt.timedelta(weeks=8)
    plan = store.load(mine, "plan").body_as(PlanBody)
    assert {a.progress_on for a in plan.actions} == {start}
    ctx = Context(store, NURSE, MONDAY - dt.timedelta(days=1))
    review = ReviewBody(
        held_on=MONDAY - dt.timedelta(days=1),
        progress={"a-slow": ActionProgress(status=ActionStatus.ONGOING)},
    )
    save_document(ctx, mine, "review", review, base_revision=None)
    plan = store.load(mine, "plan").body_as(PlanBody)
    slow = plan.action("a-slow")
    assert slow is not None and slow.progress_on == MONDAY - dt.timedelta(days=1)
    late = plan.action("a-late")
    assert late is not None and late.progress_on == start


def test_the_caseload_lists_my_open_cases_most_urgent_first(store: FileStore) -> None:
    mine, theirs = _store_with_cases(store)
    rows = caseload_rows(store.list_cases(), names_of(NURSE), MONDAY, stalled_weeks=6)
    assert [r.case.id for r in rows] == [mine]
    # the longest overdue first
    assert kinds(list(rows[0].signals)) == ["action_stalled", "action_overdue", "review_due"]
    everyone = caseload_rows(
        store.list_cases(), names_of(NURSE), MONDAY, stalled_weeks=6, only_mine=False
    )
    assert [r.case.id for r in everyone] == [mine, theirs]
    assert [r.mine for r in everyone] == [True, False]
    close_case(Context(store, NURSE, MONDAY), mine, CloseReason.NEEDS_MET)
    assert caseload_rows(store.list_cases(), names_of(NURSE), MONDAY, stalled_weeks=6) == []


def test_refreshed_rows_reuse_unchanged_cases_and_recount_the_changed(store: FileStore) -> None:
    mine, theirs = _store_with_cases(store)
    names = names_of(NURSE)
    before = store.list_cases()
    rows = caseload_rows(before, names, MONDAY, stalled_weeks=6, only_mine=False)
    close_case(Context(store, NURSE, MONDAY), mine, CloseReason.NEEDS_MET)
    # The unchanged case is handed in as the very same summary; the closed one is new.
    after = [
        next(b for b in before if b.id == theirs) if c.id == theirs else c
        for c in store.list_cases()
    ]
    again = refreshed_rows(rows, after, names, MONDAY, stalled_weeks=6, only_mine=False)
    assert again == caseload_rows(after, names, MONDAY, stalled_weeks=6, only_mine=False)
    assert [r.case.id for r in again] == [theirs]
    assert again[0] is rows[1]  # reused, not worked out again
    # An equal but new summary is worked out again: only the same object is trusted.
    fresh = refreshed_rows(
        rows, store.list_cases(), names, MONDAY, stalled_weeks=6, only_mine=False
    )
    assert fresh == again and fresh[0] is not rows[1]


def test_reminders_json_per_person(store: FileStore, capsys: pytest.CaptureFixture[str]) -> None:
    mine, _ = _store_with_cases(store)
    root = str(store.root)
    assert main(["--data-dir", root, "reminders", "--today", "2026-11-23", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "case_id": mine,
            "person": "Anna Lind",
            "kind": "review_due",
            "due": "2026-11-23",
            "days_overdue": 0,
        },
        {
            "case_id": mine,
            "person": "Eva Strand",
            "kind": "action_overdue",
            "due": "2026-11-21",
            "days_overdue": 2,
        },
        {
            "case_id": mine,
            "person": "Per Ek",
            "kind": "action_stalled",
            "due": "2026-11-09",
            "days_overdue": 14,
        },
    ]
    assert main(["--data-dir", root, "reminders", "--today", "2026-13-01"]) == 2
    assert main(["--data-dir", root, "reminders", "--days", "-1"]) == 2


def test_the_clock_is_settable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plans.settings import get_settings

    monkeypatch.setenv("HJULET_TODAY", "2026-02-03")
    get_settings.cache_clear()
    assert clock.today() == dt.date(2026, 2, 3)
    clock.pin(dt.date(2025, 1, 1))
    assert clock.today() == dt.date(2025, 1, 1)
    clock.pin(None)
    monkeypatch.setenv("HJULET_TODAY", "")
    get_settings.cache_clear()
    assert clock.today() == dt.date.today()
    # --today moves every date rule: a child born "tomorrow" is refused, "yesterday" is not
    data = tmp_path / "clock"
    case_id = create_case(Context(FileStore(data), NURSE, MONDAY), child()).case_id
    command = ["case", "set", case_id, "birth_date", "2026-11-23"]
    assert main(["--data-dir", str(data), "--today", "2026-11-22", *command]) == 2
    assert main(["--data-dir", str(data), "--today", "2026-11-24", *command]) == 0


def test_demo_beyond_the_five_stories_is_written(store: FileStore) -> None:
    # Random stories name a person without an organisation; consent used to list "" (refused).
    assert len(write_demo(store, 8, seed=1, today=MONDAY)) == 8
