"""The file backend under stress: SIGKILL mid-save, corrupt, truncated and hostile files,
and a missing or broken index. Two writers at once: tests/store/test_conformance.py, in
fresh interpreters (a multiprocessing child would re-run __main__, which after an AppTest
in the same session is the Streamlit script)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.plan import Action, PlanBody
from plans.store import CorruptDocumentError
from plans.store.files import FileStore


def _case() -> CaseBody:
    return CaseBody(
        type=CaseType.CHILD, child=Child(first_name="Alva", birth_date=dt.date(2018, 5, 4))
    )


def _plan(what: str) -> PlanBody:
    return PlanBody(actions=[Action(id="a-1", what=what)])


_KILL_SCRIPT = """
import sys, datetime as dt
from plans.store.files import FileStore
from plans.documents.case import CaseBody, Child
from plans.documents.plan import PlanBody, Action
store = FileStore(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    cid = store.create_case(CaseBody(type="child", child=Child(first_name="K",
                            birth_date=dt.date(2019, 1, 1)))).case_id
    rev = None
    for i in range(5):
        rev = store.save(cid, "plan", PlanBody(actions=[Action(id="a-1", what=f"s{i}")]),
                         parent_revision=rev).revision
"""


@pytest.mark.slow
def test_sigkill_in_the_middle_of_saves_leaves_a_healthy_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    for delay in (0.4, 0.7, 1.1):
        proc = subprocess.Popen(
            [sys.executable, "-c", _KILL_SCRIPT, str(root)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reopened = FileStore(root)  # replays any save that was in flight
        assert reopened.check() == []
        assert len(reopened.list_cases()) >= 1


def test_corrupt_truncated_and_hostile_files_are_reported_not_crashed_on(
    tmp_path: Path,
) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    store.save(cid, "plan", _plan("ett"), parent_revision=None)
    store.save(cid, "plan", _plan("två"), parent_revision=1)
    doc = tmp_path / "cases" / cid / "plan"
    (doc / "000001.json").write_text('{"kind": "plan", "revi')  # truncated
    (doc / "000003.json").write_bytes(b"\xff\xfe not json")  # garbage
    outside = tmp_path.parent / "secret.json"
    outside.write_text("{}")
    (doc / "000004.json").symlink_to(outside)  # hostile: points outside the store
    problems = store.check()
    text = "\n".join(problems)
    assert "000001.json" in text and "000003.json" in text and "000004.json" in text
    with pytest.raises(CorruptDocumentError):
        store.load(cid, "plan", 1)
    with pytest.raises(CorruptDocumentError):
        store.load(cid, "plan", 4)


def test_envelope_that_names_another_document_is_reported(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    a = store.create_case(_case()).case_id
    b = store.create_case(_case()).case_id
    src = tmp_path / "cases" / a / "case" / "000001.json"
    dst = tmp_path / "cases" / b / "case" / "000002.json"
    dst.write_bytes(src.read_bytes())
    assert any("names another document" in p for p in store.check())


def test_missing_or_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(3)}
    (tmp_path / "index.sqlite3").write_bytes(b"this is not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"index.sqlite3{suffix}").unlink(missing_ok=True)
    reopened = FileStore(tmp_path)
    assert {c.id for c in reopened.list_cases()} == ids
    assert reopened.check() == []
    (tmp_path / "index.sqlite3").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"index.sqlite3{suffix}").unlink(missing_ok=True)
    again = FileStore(tmp_path)
    assert {c.id for c in again.list_cases()} == ids


def test_index_that_fell_behind_is_reported_by_check(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    # A revision written behind the store's back (e.g. restored from a backup).
    env = store.load(cid, "case")
    copy = env.model_copy(update={"revision": 2, "parent_revision": 1})
    (tmp_path / "cases" / cid / "case" / "000002.json").write_text(copy.to_json())
    assert any("index disagrees" in p for p in store.check())
    store.reindex()
    assert store.check() == []


def test_a_save_killed_before_its_first_revision_leaves_nothing_behind(tmp_path: Path) -> None:
    """The exact moment SIGKILL can hit a new case: its folder and the pending marker
    exist, the first revision does not. The next opener must carry on, healthy."""
    store = FileStore(tmp_path)
    kept = store.create_case(_case()).case_id
    (tmp_path / "cases" / "c-halfwritten" / "case").mkdir(parents=True)
    (tmp_path / ".pending" / "c-halfwritten__case__4242").touch()
    reopened = FileStore(tmp_path)
    assert [c.id for c in reopened.list_cases()] == [kept]
    assert reopened.check() == []
    assert not list((tmp_path / ".pending").iterdir())
