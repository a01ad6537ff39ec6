"""The audit log is append-only and hash-chained: ``verify`` finds an edited, deleted,
reordered or cut-off entry, and names the first broken one; the detail never takes text."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from plans.audit import AuditAction, FileAuditLog
from plans.audit.files import AuditLogBrokenError


def _filled(folder: Path, count: int = 5) -> FileAuditLog:
    log = FileAuditLog(folder)
    for n in range(1, count + 1):
        log.record(
            "anna" if n % 2 else "bertil",
            AuditAction.OPEN_CASE if n % 2 else AuditAction.SAVE,
            case_id=f"c-case{n % 2}",
            detail={"kind": "plan", "revision": n},
        )
    return log


def _lines(log: FileAuditLog) -> list[str]:
    return log.log_path.read_text(encoding="utf-8").splitlines(keepends=True)


def _write(log: FileAuditLog, lines: list[str]) -> None:
    log.log_path.write_text("".join(lines), encoding="utf-8")


def test_an_untouched_log_verifies_and_each_entry_names_the_one_before(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    entries = log.entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert all(e.at.tzinfo is not None and e.at.utcoffset() == dt.timedelta(0) for e in entries)
    assert log.verify() == []


def test_an_edited_entry_is_found(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    lines = _lines(log)
    lines[2] = lines[2].replace('"bertil"', '"anna"').replace('"anna"', '"cecilia"')
    _write(log, lines)
    assert log.verify()[0].startswith("entry 3:")


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_one(tmp_path: Path) -> None:
    from plans.audit.base import entry_hash

    log = _filled(tmp_path / "audit")
    lines = _lines(log)
    data = json.loads(lines[1])
    data["actor"] = "mallory"
    data["hash"] = entry_hash({k: v for k, v in data.items() if k != "hash"})
    lines[1] = json.dumps(data) + "\n"
    _write(log, lines)
    assert log.verify()[0].startswith("entry 3:")


def test_a_deleted_entry_is_found(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    lines = _lines(log)
    del lines[1]
    _write(log, lines)
    assert log.verify()[0].startswith("entry 2:")


def test_reordered_entries_are_found(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    _write(log, lines)
    assert log.verify()[0].startswith("entry 2:")


def test_a_cut_off_last_entry_is_found_and_stays_found_after_the_next_append(
    tmp_path: Path,
) -> None:
    log = _filled(tmp_path / "audit")
    _write(log, _lines(log)[:-1])
    problems = log.verify()
    assert problems[0].startswith("entry 5:") and "cut off" in problems[0]
    log.record("anna", AuditAction.SAVE, case_id="c-case1")  # life goes on …
    assert log.verify()[0].startswith("entry 5:")  # … and the gap stays visible


def test_a_replaced_last_entry_is_found(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    from plans.audit.base import entry_hash

    lines = _lines(log)
    forged = json.loads(lines[3])  # a whole entry 5 that follows entry 4 properly
    forged.update(seq=5, prev_hash=json.loads(lines[3])["hash"], actor="mallory")
    forged["hash"] = entry_hash({k: v for k, v in forged.items() if k != "hash"})
    _write(log, [*lines[:4], json.dumps(forged) + "\n"])
    assert log.verify()[0].startswith("entry 5:")


def test_a_missing_head_record_is_found_and_refuses_appends(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    log.head_path.unlink()
    assert log.verify()[0].startswith("entry 5:")
    with pytest.raises(AuditLogBrokenError):
        log.record("anna", AuditAction.SAVE)


def test_an_append_that_died_before_its_head_is_not_tampering(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit", 3)
    head = log.head_path.read_text()
    log.record("anna", AuditAction.SAVE)
    log.head_path.write_text(head)  # as if the process died between the two writes
    assert log.verify() == []
    entry = log.record("anna", AuditAction.SAVE)
    assert entry.seq == 5 and log.verify() == []


def test_filters_by_case_user_and_days(tmp_path: Path) -> None:
    log = _filled(tmp_path / "audit")
    assert [e.seq for e in log.entries(case_id="c-case1")] == [1, 3, 5]
    assert [e.seq for e in log.entries(actor="bertil")] == [2, 4]
    today = dt.datetime.now(dt.UTC).date()
    assert len(log.entries(since=today, until=today)) == 5
    assert log.entries(until=today - dt.timedelta(days=1)) == []
    assert log.entries(since=today + dt.timedelta(days=1)) == []


@pytest.mark.parametrize(
    "detail",
    [
        {"note": "Elsa har det svårt hemma"},
        {"name": "Kalle Karlsson"},
        {"body": {"first_name": "Elsa"}},
        {"Bad Key": 1},
        {"list": ["a", "b"]},
    ],
)
def test_the_detail_refuses_free_text(tmp_path: Path, detail: dict[str, object]) -> None:
    log = FileAuditLog(tmp_path / "audit")
    with pytest.raises(ValueError):
        log.record("anna", AuditAction.SAVE, case_id="c-case1", detail=detail)
    assert log.entries() == []


def test_the_folder_and_files_are_the_owners_alone(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        log = _filled(tmp_path / "audit", 1)
    finally:
        os.umask(old)
    assert stat.S_IMODE(log.folder.stat().st_mode) == 0o700
    for path in (log.log_path, log.head_path, log.folder / ".lock"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def _writer(folder: str, who: str) -> None:
    log = FileAuditLog(folder)
    for n in range(25):
        log.record(who, AuditAction.SAVE, case_id="c-shared", detail={"revision": n})


def test_writers_in_several_processes_keep_one_chain(tmp_path: Path) -> None:
    folder = str(tmp_path / "audit")
    FileAuditLog(folder)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(folder, f"user{n}")) for n in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    log = FileAuditLog(folder)
    assert [e.seq for e in log.entries()] == list(range(1, 76))
    assert log.verify() == []
