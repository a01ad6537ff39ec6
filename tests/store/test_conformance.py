"""The store suite: written against the Store interface, so every backend (files,
PostgreSQL) must pass it unchanged. Add a backend to ``BACKENDS`` and the whole suite
runs against it, including two processes saving at once and SIGKILL during saves."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.common import Contact
from plans.documents.plan import Action, PlanBody
from plans.store import (
    CaseFilter,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Store,
    open_location,
)
from plans.store.bundle import export_case, import_bundle
from plans.store.files import FileStore
from tests.store.conftest import BACKENDS

assert set(BACKENDS) == {"files", "postgresql"}  # the `backend` fixture runs each test on both


def _case(name: str = "Alva") -> CaseBody:
    return CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name=name, last_name="Testsson", birth_date=dt.date(2018, 5, 4)),
        named_person=Contact(name="Nina Named", organisation="Skolan"),
    )


def _plan(what: str = "Läxhjälp") -> PlanBody:
    return PlanBody(
        reasons="Vi vill", actions=[Action(id="a-1", what=what)], next_review=dt.date(2026, 12, 1)
    )


def test_round_trip_keeps_every_word(backend: Store) -> None:
    env = backend.create_case(_case("Åsa-Märta"), saved_by="nina", note="först")
    loaded = backend.load(env.case_id, "case")
    assert loaded == env
    assert loaded.parsed().child.first_name == "Åsa-Märta"
    assert loaded.saved_by == "nina" and loaded.note == "först"
    assert loaded.revision == 1 and loaded.parent_revision is None


def test_revisions_are_never_overwritten_and_history_lists_all(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan("ett"), parent_revision=None, saved_by="a", note="n1")
    backend.save(cid, "plan", _plan("två"), parent_revision=1, saved_by="b", note="n2")
    backend.save(cid, "plan", _plan("tre"), parent_revision=2, saved_by="c", note="n3")
    history = backend.history(cid, "plan")
    assert [(h.revision, h.parent_revision, h.saved_by, h.note) for h in history] == [
        (1, None, "a", "n1"),
        (2, 1, "b", "n2"),
        (3, 2, "c", "n3"),
    ]
    assert backend.load(cid, "plan", 1).parsed().actions[0].what == "ett"
    assert backend.load(cid, "plan").parsed().actions[0].what == "tre"


def test_stale_parent_is_a_conflict_that_carries_both_versions(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan("ett"), parent_revision=None)
    backend.save(cid, "plan", _plan("deras"), parent_revision=1)
    with pytest.raises(ConflictError) as info:
        backend.save(cid, "plan", _plan("min text"), parent_revision=1)
    assert info.value.theirs is not None and info.value.theirs.revision == 2
    assert info.value.theirs.parsed().actions[0].what == "deras"
    assert info.value.mine["actions"][0]["what"] == "min text"
    assert [h.revision for h in backend.history(cid, "plan")] == [1, 2]


def test_new_document_when_one_exists_is_a_conflict(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan(), parent_revision=None)
    with pytest.raises(ConflictError):
        backend.save(cid, "plan", _plan(), parent_revision=None)


def test_list_cases_reflects_latest_case_and_plan(backend: Store) -> None:
    a = backend.create_case(_case("Alva")).case_id
    b = backend.create_case(_case("Bo")).case_id
    backend.save(a, "plan", _plan(), parent_revision=None)
    backend.save(b, "case", _case("Bosse"), parent_revision=1)
    rows = {c.id: c for c in backend.list_cases()}
    assert rows[a].next_review == dt.date(2026, 12, 1)
    assert rows[b].display_name == "Bosse Testsson"
    assert rows[b].named_person == "Nina Named"
    assert rows[a].facts["childs_plan"] is True and rows[b].facts["childs_plan"] is False


def test_not_found(backend: Store) -> None:
    with pytest.raises(NotFoundError):
        backend.load("c-doesnotexist", "case")
    cid = backend.create_case(_case()).case_id
    with pytest.raises(NotFoundError):
        backend.load(cid, "plan")
    with pytest.raises(NotFoundError):
        backend.load(cid, "case", 7)
    with pytest.raises(NotFoundError):
        backend.save("c-doesnotexist", "plan", _plan(), parent_revision=None)


@pytest.mark.parametrize("bad", ["..", "../x", "a/b", "c-../../etc", "/etc", "ABC", "", "x"])
def test_ids_that_could_walk_out_are_rejected(backend: Store, bad: str) -> None:
    with pytest.raises(InvalidInputError):
        backend.load(bad, "case")
    with pytest.raises(InvalidInputError):
        backend.save(bad, "case", _case(), parent_revision=None)


def test_review_documents_get_generated_ids(backend: Store) -> None:
    from plans.documents.review import ReviewBody

    cid = backend.create_case(_case()).case_id
    first = backend.save(
        cid, "review", ReviewBody(held_on=dt.date(2026, 1, 2)), parent_revision=None
    )
    second = backend.save(
        cid, "review", ReviewBody(held_on=dt.date(2026, 2, 2)), parent_revision=None
    )
    assert first.id != second.id
    assert {d.doc_id for d in backend.documents_of_kind(cid, "review")} == {first.id, second.id}


def test_invalid_body_is_refused_and_nothing_written(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    with pytest.raises(InvalidInputError):
        backend.save(cid, "plan", {"actions": [{"id": "a-1", "what": ""}]}, parent_revision=None)
    with pytest.raises(NotFoundError):
        backend.load(cid, "plan")


def test_export_and_import_bundle_round_trip(backend: Store, tmp_path: Path) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan("ett"), parent_revision=None)
    backend.save(cid, "plan", _plan("två"), parent_revision=1)
    bundle = json.loads(json.dumps(export_case(backend, cid)))
    other = FileStore(tmp_path / "other")
    assert import_bundle(other, bundle) == (3, 0)
    assert import_bundle(other, bundle) == (0, 3)  # idempotent
    assert other.load(cid, "plan", 1) == backend.load(cid, "plan", 1)
    assert other.check() == []


def test_check_is_clean_after_normal_use(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan(), parent_revision=None)
    assert backend.check() == []
    assert backend.reindex() == 1
    assert backend.check() == []


def test_generation_changes_with_every_save(backend: Store) -> None:
    before = backend.generation()
    cid = backend.create_case(_case()).case_id
    after_create = backend.generation()
    backend.save(cid, "plan", _plan(), parent_revision=None)
    assert before < after_create < backend.generation()


def test_paging_searches_and_orders_in_the_store(backend: Store) -> None:
    ids = [backend.create_case(_case(f"Barn{n:02d}")).case_id for n in range(7)]
    backend.save(ids[3], "plan", _plan(), parent_revision=None)
    assert backend.count_cases() == 7
    first = backend.page_cases(limit=3, order="name")
    rest = backend.page_cases(offset=3, limit=10, order="name")
    assert [c.display_name for c in first + rest] == [f"Barn{n:02d} Testsson" for n in range(7)]
    assert backend.page_cases(limit=1, order="review")[0].id == ids[3]  # the one with a date
    assert [c.id for c in backend.page_cases(query="barn05")] == [ids[5]]
    assert backend.count_cases("BARN0") == 7 and backend.count_cases("nobody%") == 0
    assert backend.page_cases(query="_") == []  # LIKE wildcards are matched literally
    with pytest.raises(InvalidInputError):
        backend.page_cases(order="; DROP TABLE cases")


def test_paging_filters_by_status_and_review_due(backend: Store) -> None:
    from plans.documents.case import CaseStatus

    due = backend.create_case(_case("Due")).case_id
    backend.save(due, "plan", _plan(), parent_revision=None)  # next review 2026-12-01
    closed = backend.create_case(_case("Closed"))
    backend.save(
        closed.case_id,
        "case",
        closed.parsed().model_copy(update={"status": CaseStatus.CLOSED}),
        parent_revision=1,
    )
    backend.create_case(_case("Later"))
    assert {c.id for c in backend.page_cases(filters=CaseFilter(status="closed"))} == {
        closed.case_id
    }
    assert backend.count_cases(filters=CaseFilter(status="open")) == 2
    soon = CaseFilter(due_by=dt.date(2026, 12, 1))
    assert [c.id for c in backend.page_cases(filters=soon)] == [due]
    assert backend.count_cases(filters=CaseFilter(due_by=dt.date(2026, 11, 30))) == 0
    assert backend.count_cases(filters=CaseFilter(include_imported=False)) == 3


def test_every_revision_is_listed_once_case_first(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan("ett"), parent_revision=None)
    backend.save(cid, "plan", _plan("två"), parent_revision=1)
    listed = [(e.case_id, e.id, e.revision) for e in backend.iter_revisions()]
    assert listed == [(cid, "case", 1), (cid, "plan", 1), (cid, "plan", 2)]
    assert backend.case_facts() == [backend.list_cases()[0].facts]


# The writers are fresh interpreters (not multiprocessing): a spawned child re-runs the
# parent's __main__, which after an AppTest in the same session is the Streamlit script.
_SAVE_SCRIPT = """
import sys, time
from plans.store import ConflictError, open_location
from plans.documents.plan import PlanBody, Action
location, case_id, what, start_at = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
store = open_location(location)
while time.time() < start_at:
    time.sleep(0.0005)
try:
    store.save(case_id, "plan", PlanBody(actions=[Action(id="a-1", what=what)]),
               parent_revision=1)
    print("saved")
except ConflictError:
    print("conflict")
finally:
    store.close()
"""


@pytest.mark.slow
def test_two_processes_saving_at_once_give_exactly_one_conflict(
    backend: Store, location: str
) -> None:
    for _round in range(2):
        cid = backend.create_case(_case()).case_id
        backend.save(cid, "plan", _plan("start"), parent_revision=None)
        start_at = time.time() + 4  # both writers wake at the same moment
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _SAVE_SCRIPT, location, cid, f"writer {n}", str(start_at)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(2)
        ]
        outcomes = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
        assert outcomes == ["conflict", "saved"]
        assert [h.revision for h in backend.history(cid, "plan")] == [1, 2]
    assert backend.check() == []


_KILL_SCRIPT = """
import sys, datetime as dt
from plans.store import open_location
from plans.documents.case import CaseBody, Child
from plans.documents.plan import PlanBody, Action
store = open_location(sys.argv[1])
print("ready", flush=True)
while True:
    cid = store.create_case(CaseBody(type="child", child=Child(first_name="K",
                            birth_date=dt.date(2019, 1, 1)))).case_id
    rev = None
    for i in range(5):
        rev = store.save(cid, "plan", PlanBody(actions=[Action(id="a-1", what=f"s{i}")]),
                         parent_revision=rev).revision
"""


@pytest.mark.slow
def test_sigkill_in_the_middle_of_saves_leaves_a_healthy_store(location: str) -> None:
    for delay in (0.4, 0.9):
        proc = subprocess.Popen(
            [sys.executable, "-c", _KILL_SCRIPT, location], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reopened = open_location(location)  # the file store replays a save in flight
        try:
            assert reopened.check() == []
            cases = reopened.list_cases()
            assert len(cases) >= 1
            for case in cases:  # every listed case is whole: its plan history is gapless
                refs = {r.doc_id: r.latest for r in reopened.documents(case.id)}
                if "plan" in refs:
                    revs = [h.revision for h in reopened.history(case.id, "plan")]
                    assert revs == list(range(1, refs["plan"] + 1))
        finally:
            reopened.close()


def test_has_cases_reindex_report_and_repair(backend: Store) -> None:
    assert not backend.has_cases()
    ids = {backend.create_case(_case()).case_id for _ in range(2)}
    assert backend.has_cases()
    report = backend.reindex_report()
    assert report.indexed == 2 and report.skipped == []
    assert {c.id for c in backend.list_cases()} == ids
    assert isinstance(backend.repair(), list)
    assert backend.check() == []
