"""Reproductions of the store's failures under a hostile machine (issue 14, and item 6
of issue 9): short writes, full disks, interrupted rebuilds, corrupt siblings, read-only
folders, symbolic links, leftovers, permissions and input-caused exit codes."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from plans.cli import main
from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.plan import Action, PlanBody
from plans.services import LOCAL_OPERATOR, Context, RuleError, create_case, save_document
from plans.store import ConflictError, ReadOnlyStoreError
from plans.store.files import FileStore
from plans.store.index import CaseIndex, IndexUnavailableError, is_corrupt
from plans.store.safeio import UnsafePathError, WriteFailedError


def _case(name: str = "Alva") -> CaseBody:
    return CaseBody(
        type=CaseType.CHILD, child=Child(first_name=name, birth_date=dt.date(2018, 5, 4))
    )


def _plan(what: str, actions: int = 1) -> PlanBody:
    return PlanBody(actions=[Action(id=f"a-{i + 1}", what=what) for i in range(actions)])


_CLI = [sys.executable, "-c", "from plans.cli import run; run()"]


def _run(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def _files_under(root: Path) -> list[Path]:
    return [Path(top) / f for top, _dirs, files in os.walk(root) for f in files]


# --- 1. short writes -------------------------------------------------------------------


def test_a_short_write_is_never_kept_as_a_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A nearly full disk: os.write writes part of the bytes, then fails."""
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    store.save(cid, "plan", _plan("ett"), parent_revision=None)
    store.save(cid, "plan", _plan("två"), parent_revision=1)
    real_write = os.write
    calls = {"n": 0}

    def nearly_full(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data)[:4096])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", nearly_full)
    with pytest.raises(WriteFailedError, match="No space left"):
        store.save(cid, "plan", _plan("tre " * 900, actions=4), parent_revision=2)
    monkeypatch.setattr(os, "write", real_write)
    plan_dir = tmp_path / "cases" / cid / "plan"
    assert sorted(os.listdir(plan_dir)) == ["000001.json", "000002.json"]  # no temp file
    assert store.check() == []
    # Space freed: the same save goes through, on top of revision 2.
    assert store.save(cid, "plan", _plan("tre"), parent_revision=2).revision == 3


def test_a_write_that_returns_short_is_completed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.write may legally write fewer bytes than asked; every byte must still land."""
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:1000]))
    store.save(cid, "plan", _plan("lång text " * 300, actions=4), parent_revision=None)
    monkeypatch.setattr(os, "write", real_write)
    assert store.load(cid, "plan").parsed().actions[0].what.startswith("lång text")
    assert store.check() == []


def test_a_file_size_limit_leaves_no_partial_revision(tmp_path: Path) -> None:
    """RLIMIT_FSIZE: the kernel cuts the write at 4,096 bytes (EFBIG)."""
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    store.save(cid, "plan", _plan("ett"), parent_revision=None)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        with pytest.raises(WriteFailedError):
            store.save(cid, "plan", _plan("x" * 3000, actions=4), parent_revision=1)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert [h.revision for h in store.history(cid, "plan")] == [1]
    assert store.check() == []
    assert _run(tmp_path, "export", cid, "--out", str(tmp_path / "out.json")) == 0
    assert store.save(cid, "plan", _plan("x" * 3000, actions=4), parent_revision=1).revision == 2


# --- 2. a full disk at open, demo --if-empty -------------------------------------------


def test_a_full_disk_at_open_never_wipes_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(3)}
    real_connect = CaseIndex._connect

    def full(self: CaseIndex) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(CaseIndex, "_connect", full)
    with pytest.raises(IndexUnavailableError, match="disk is full"):
        FileStore(tmp_path)
    assert _run(tmp_path, "list") == 1
    monkeypatch.setattr(CaseIndex, "_connect", real_connect)
    assert {c.id for c in FileStore(tmp_path).list_cases()} == ids


def test_only_corruption_codes_count_as_corrupt() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorcode = 11  # type: ignore[attr-defined]
    assert not is_corrupt(full) and is_corrupt(corrupt)


def test_an_index_that_lists_nothing_catches_up_and_demo_keeps_out(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(2)}
    with sqlite3.connect(tmp_path / "index.sqlite3") as conn:  # the state a wiped index left
        conn.execute("DELETE FROM cases")
        conn.execute("DELETE FROM documents")
    assert {c.id for c in FileStore(tmp_path).list_cases()} == ids
    assert _run(tmp_path, "demo", "--if-empty") == 0
    assert {c.id for c in FileStore(tmp_path).list_cases()} == ids


def test_demo_if_empty_looks_at_case_folders(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    assert not store.has_cases()
    (tmp_path / "cases" / "c-unreadable").mkdir()  # a folder the index cannot list
    assert store.has_cases()
    assert _run(tmp_path, "demo", "--if-empty") == 0
    assert FileStore(tmp_path).list_cases() == []


# --- 3. rebuilds -------------------------------------------------------------------


def test_an_index_without_its_completion_mark_is_rebuilt_on_open(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(4)}
    with sqlite3.connect(tmp_path / "index.sqlite3") as conn:  # half a rebuild
        conn.execute("DELETE FROM cases WHERE rowid % 2 = 0")
        conn.execute("UPDATE meta SET value = 0 WHERE key = 'complete'")
    assert {c.id for c in FileStore(tmp_path).list_cases()} == ids


def test_a_failed_rebuild_leaves_the_old_index_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(5)}
    calls = {"n": 0}
    real = FileStore._case_entry

    def dies_half_way(self: FileStore, case_id: str) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as SIGINT/SIGTERM would, part-way through
        return real(self, case_id)

    monkeypatch.setattr(FileStore, "_case_entry", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        store.reindex()
    monkeypatch.setattr(FileStore, "_case_entry", real)
    assert {c.id for c in FileStore(tmp_path).list_cases()} == ids


_REINDEX_FOREVER = """
import sys
from plans.store.files import FileStore
store = FileStore(sys.argv[1])
print("ready", flush=True)
while True:
    store.reindex()
"""


@pytest.mark.slow
def test_readers_during_a_rebuild_see_every_case_and_a_kill_loses_none(
    tmp_path: Path,
) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(40)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _REINDEX_FOREVER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        seen = set()
        for _ in range(30):
            seen.add(len(FileStore(tmp_path).list_cases()))
        assert seen == {40}
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        proc.kill()
    assert {c.id for c in FileStore(tmp_path).list_cases()} == ids
    assert FileStore(tmp_path).check() == []


def test_a_corrupt_index_file_is_replaced_by_a_complete_new_one(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    ids = {store.create_case(_case()).case_id for _ in range(3)}
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"index.sqlite3{suffix}").unlink(missing_ok=True)
    (tmp_path / "index.sqlite3").write_bytes(b"not a database" * 300)
    reopened = FileStore(tmp_path)
    assert {c.id for c in reopened.list_cases()} == ids
    assert not [p for p in os.listdir(tmp_path) if ".rebuild-" in p]


# --- 4. a committed save is a success ----------------------------------------------


def test_a_save_whose_index_update_fails_is_still_a_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id

    def full(self: CaseIndex, entry: object) -> None:
        raise IndexUnavailableError("the case index could not be updated: disk is full")

    other = store.create_case(_case()).case_id
    monkeypatch.setattr(CaseIndex, "put", full)
    saved = store.save(cid, "plan", _plan("ett"), parent_revision=None)
    assert saved.revision == 1
    monkeypatch.undo()
    # Still in the same process: the new document is found although the index is behind,
    assert [d.doc_id for d in store.documents(cid)] == ["case", "plan"]
    # and the next save that reaches the index catches it up.
    store.save(other, "plan", _plan("annat"), parent_revision=None)
    assert not os.listdir(tmp_path / ".pending")
    assert store.check() == []
    # The retry a user would make is the next revision, not a conflict.
    assert store.save(cid, "plan", _plan("två"), parent_revision=1).revision == 2
    reopened = FileStore(tmp_path)
    assert reopened.check() == []
    assert not os.listdir(tmp_path / ".pending")


def test_a_corrupt_sibling_never_turns_a_save_into_an_error(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    store.save(cid, "plan", _plan("ett"), parent_revision=None)
    (tmp_path / "cases" / cid / "plan" / "000001.json").write_text('{"kind": "pl')
    saved = store.save(cid, "case", _case("Alva Maria"), parent_revision=1)
    assert saved.revision == 2
    assert [c.display_name for c in store.list_cases()] == [
        FileStore(tmp_path).list_cases()[0].display_name
    ]
    assert "Maria" in store.list_cases()[0].display_name
    # The plan can be saved again on top of its broken revision, too.
    assert store.save(cid, "plan", _plan("två"), parent_revision=1).revision == 2


def test_reindex_and_check_name_every_skipped_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = FileStore(tmp_path)
    kept = store.create_case(_case()).case_id
    broken = store.create_case(_case()).case_id
    (tmp_path / "cases" / broken / "case" / "000001.json").write_text("{")
    (tmp_path / "cases" / "c-nocasedoc" / "plan").mkdir(parents=True)
    (tmp_path / "cases" / "c-nocasedoc" / "plan" / "000001.json").write_text("{}")
    capsys.readouterr()
    assert _run(tmp_path, "reindex") == 1
    err = capsys.readouterr().err
    assert f"skipped {broken}: no revision of its case document can be read" in err
    assert "skipped c-nocasedoc: no case document" in err
    assert [c.id for c in FileStore(tmp_path).list_cases()] == [kept]
    assert _run(tmp_path, "check") == 1
    err = capsys.readouterr().err
    assert broken in err and "c-nocasedoc" in err


# --- 5, 6. readers never wait; check on a live store; read-only folders ----------------


_HOLD_THE_LOCK = """
import fcntl, os, sys, time
fd = os.open(os.path.join(sys.argv[1], ".lock"), os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(600)
"""


@pytest.mark.slow
def test_readers_never_wait_for_a_stopped_writer(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_THE_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        os.kill(holder.pid, signal.SIGSTOP)  # a reindex paused with Ctrl-Z
        for command in (["list"], ["show", cid], ["history", cid], ["check"]):
            reader = subprocess.run(
                [*_CLI, "--data-dir", str(tmp_path), *command],
                capture_output=True,
                text=True,
                timeout=120,  # liveness only: without the fix this waits forever
            )
            assert reader.returncode == 0, (command, reader.stderr)
        with pytest.raises(Exception, match="too long"):
            FileStore(tmp_path, lock_timeout=0.2).save(
                cid, "plan", _plan("ett"), parent_revision=None
            )
    finally:
        holder.kill()
        holder.wait()


_SAVE_FOREVER = """
import sys, datetime as dt
from plans.store.files import FileStore
from plans.documents.case import CaseBody, Child
from plans.documents.plan import PlanBody, Action
store = FileStore(sys.argv[1])
print("ready", flush=True)
while True:
    cid = store.create_case(CaseBody(type="child", child=Child(first_name="K",
                            birth_date=dt.date(2019, 1, 1)))).case_id
    rev = None
    for i in range(4):
        rev = store.save(cid, "plan", PlanBody(actions=[Action(id="a-1", what=f"s{i}")]),
                         parent_revision=rev).revision
"""


@pytest.mark.slow
def test_check_on_a_live_store_raises_no_false_alarm(tmp_path: Path) -> None:
    FileStore(tmp_path)
    writer = subprocess.Popen(
        [sys.executable, "-c", _SAVE_FOREVER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        alarms = [p for _ in range(15) for p in FileStore(tmp_path).check()]
    finally:
        writer.kill()
        writer.wait()
    assert alarms == []


def _read_only(root: Path) -> None:
    """Make ``root`` read-only. Root (as in CI) passes chmod by its capabilities, so the
    commands run with those capabilities dropped (``_PREFIX``)."""
    for top, dirs, files in os.walk(root):
        for name in [top, *[os.path.join(top, n) for n in dirs + files]]:
            os.chmod(name, 0o500 if os.path.isdir(name) else 0o400)


_PREFIX = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


@pytest.mark.slow
def test_a_read_only_data_folder_serves_every_read_and_refuses_writes(tmp_path: Path) -> None:
    root = tmp_path / "backup"
    assert _run(root, "demo", "--cases", "2") == 0
    child = next(c.id for c in FileStore(root).list_cases() if c.type == "child")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)
    bundle = out / "bundle.json"
    assert _run(root, "export", child, "--out", str(bundle)) == 0
    if _PREFIX and subprocess.run([*_PREFIX, "true"]).returncode != 0:
        pytest.skip("cannot drop root's capabilities here")
    _read_only(root)
    reads = [
        ["list"],
        ["show", child],
        ["history", child, "--kind", "plan"],
        ["export", child, "--out", str(out / "again.json")],
        ["check"],
        ["pdf", child, "--out", str(out / "plan.pdf")],
        ["stats", "--from", "2020-01-01", "--to", "2030-12-31"],
    ]
    for command in reads:
        done = subprocess.run(
            [*_PREFIX, *_CLI, "--data-dir", str(root), *command],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (command, done.stderr)
    for command in (["import", "--as-new-case", str(bundle)], ["reindex"], ["repair"]):
        done = subprocess.run(
            [*_PREFIX, *_CLI, "--data-dir", str(root), *command],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 5, (command, done.stderr)
        assert "read-only" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_read_only_store_refuses_writes_in_process(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    store.read_only = True  # what FileStore finds when os.access says the folder is read-only
    with pytest.raises(ReadOnlyStoreError):
        store.save(cid, "plan", _plan("ett"), parent_revision=None)
    assert store.load(cid, "case").revision == 1


# --- 7. symbolic links -----------------------------------------------------------------


def test_a_pending_folder_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = FileStore(root)
    cid = store.create_case(_case()).case_id
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("a", "b", "c"):
        (elsewhere / name).write_text("keep me")
    os.rmdir(root / ".pending")
    (root / ".pending").symlink_to(elsewhere)
    assert [c.id for c in FileStore(root).list_cases()] == [cid]
    assert _run(root, "list") == 0
    assert sorted(os.listdir(elsewhere)) == ["a", "b", "c"]
    assert any(".pending is a symbolic link" in p for p in FileStore(root).check())
    with pytest.raises(UnsafePathError):
        FileStore(root).save(cid, "plan", _plan("ett"), parent_revision=None)
    assert sorted(os.listdir(elsewhere)) == ["a", "b", "c"]


def test_a_case_folder_that_is_a_link_is_not_listed_read_or_written(tmp_path: Path) -> None:
    other = FileStore(tmp_path / "other")
    outside_id = other.create_case(_case()).case_id
    root = tmp_path / "data"
    store = FileStore(root)
    (root / "cases" / outside_id).symlink_to(tmp_path / "other" / "cases" / outside_id)
    reopened = FileStore(root)
    reopened.reindex_report()
    assert reopened.list_cases() == []
    assert any("symbolic link" in p for p in reopened.check())
    with pytest.raises(UnsafePathError):
        reopened.load(outside_id, "case")
    env = other.load(outside_id, "case")
    copy = env.model_copy(update={"revision": 2, "parent_revision": 1})
    with pytest.raises(UnsafePathError):
        store.import_revision(copy)
    assert [h.revision for h in other.history(outside_id, "case")] == [1]


# --- 8. leftovers and repair -----------------------------------------------------------


def test_check_reports_leftovers_and_repair_removes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    leftover = tmp_path / "cases" / cid / "case" / ".tmp-000002-99999999-1"
    leftover.write_text(store.load(cid, "case").to_json())  # a whole revision, personal data
    (tmp_path / "cases" / "c-nocase" / "case").mkdir(parents=True)
    (tmp_path / "cases" / "c-nocase" / "case" / ".tmp-000001-99999999-2").write_text("{}")
    (tmp_path / ".tmp-import-c-gone-99999999").mkdir()
    problems = "\n".join(store.check())
    assert ".tmp-000002" in problems and "c-nocase" in problems and ".tmp-import" in problems
    capsys.readouterr()
    assert _run(tmp_path, "repair") == 0
    out = capsys.readouterr().out
    assert f"removed {leftover}" in out and "c-nocase" in out
    assert FileStore(tmp_path).check() == []
    assert _run(tmp_path, "repair") == 0
    assert "nothing to repair" in capsys.readouterr().out


def test_repair_keeps_documents_without_a_case_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    FileStore(tmp_path)
    orphan = tmp_path / "cases" / "c-orphan" / "plan"
    orphan.mkdir(parents=True)
    (orphan / "000001.json").write_text("{}")
    capsys.readouterr()
    assert _run(tmp_path, "repair") == 1
    assert "left" in capsys.readouterr().out
    assert (orphan / "000001.json").exists()


# --- 9. owner-only whatever the umask --------------------------------------------------


def test_everything_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        root = tmp_path / "data"
        store = FileStore(root)
        cid = store.create_case(_case()).case_id
        store.save(cid, "plan", _plan("ett"), parent_revision=None)
        assert _run(root, "export", cid, "--out", str(tmp_path / "bundle.json")) == 0
    finally:
        os.umask(old)
    paths = [root, *[Path(t) / d for t, ds, _f in os.walk(root) for d in ds], *_files_under(root)]
    loose = {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in paths if p.stat().st_mode & 0o077}
    assert loose == {}
    assert stat.S_IMODE((tmp_path / "bundle.json").stat().st_mode) == 0o600


def test_repair_tightens_an_old_store(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    store.create_case(_case())
    tmp_path.chmod(0o755)
    (tmp_path / "index.sqlite3").chmod(0o644)
    assert any("can be read by others" in p for p in store.check())
    assert any("owner-only" in line for line in store.repair())
    assert store.check() == []


# --- 11, 12. input-caused exits, personal data in errors, hidden characters -----------


def test_deeply_nested_json_is_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert _run(tmp_path / "data", "validate", str(deep)) == 2
    assert _run(tmp_path / "data", "import", str(deep)) == 2
    moderately = tmp_path / "moderate.json"
    moderately.write_text(json.dumps({"kind": "plan", "body": [[[[[[[[[[[[[[{}]]]]]]]]]]]]]]}))
    assert _run(tmp_path / "data", "validate", str(moderately)) == 2
    err = capsys.readouterr().err
    assert "nested deeper" in err and "RecursionError" not in err


def test_a_file_as_data_folder_and_an_unwritable_output_are_invalid_input(
    tmp_path: Path,
) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert _run(a_file, "list") == 2
    root = tmp_path / "data"
    cid = FileStore(root).create_case(_case()).case_id
    assert _run(root, "export", cid, "--out", str(tmp_path / "no" / "such" / "b.json")) == 2


def test_check_never_prints_what_a_broken_document_holds(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case("Sigrid")).case_id
    raw = json.loads((tmp_path / "cases" / cid / "case" / "000001.json").read_text())
    raw["body"]["child"]["birth_date"] = "Sigrid Lund 2018-13-45"
    (tmp_path / "cases" / cid / "case" / "000001.json").write_text(json.dumps(raw))
    problems = "\n".join(store.check())
    assert "birth_date" in problems
    assert "Sigrid" not in problems and "2018-13-45" not in problems


@pytest.mark.parametrize(
    "name", ["Al\x00va", "Al\u202eavl", "Al\u200bva", "Al\u2066va", "\u200dAlva", "Al\u00adva"]
)
def test_names_with_hidden_characters_are_refused_on_write(tmp_path: Path, name: str) -> None:
    ctx = Context(FileStore(tmp_path), LOCAL_OPERATOR, dt.date.today())
    with pytest.raises(RuleError, match="invisible or control characters"):
        create_case(ctx, _case(name))
    assert FileStore(tmp_path).list_cases() == []


def test_ordinary_text_and_joiners_inside_words_are_kept(tmp_path: Path) -> None:
    ctx = Context(FileStore(tmp_path), LOCAL_OPERATOR, dt.date.today())
    create_case(ctx, _case("\u0645\u0647\u200c\u0646\u0627\u0632"))  # Mehrnaz, in Persian
    create_case(ctx, _case("Åsa-Märta"))


def test_a_stored_name_with_hidden_characters_stays_readable(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case("Al\u202eva")).case_id  # stored before the rule existed
    assert store.load(cid, "case").parsed().child.first_name == "Al\u202eva"
    ctx = Context(store, LOCAL_OPERATOR, dt.date.today())
    # Saving the case again with its name unchanged is allowed: the text is not new.
    save_document(ctx, cid, "case", _case("Al\u202eva"), base_revision=1)


def test_conflicts_still_carry_both_versions(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    cid = store.create_case(_case()).case_id
    store.save(cid, "plan", _plan("ett"), parent_revision=None)
    store.save(cid, "plan", _plan("två"), parent_revision=1)
    with pytest.raises(ConflictError) as err:
        store.save(cid, "plan", _plan("mitt"), parent_revision=1)
    assert err.value.theirs is not None and err.value.theirs.revision == 2


def test_a_lock_file_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    cid = FileStore(root).create_case(_case()).case_id
    target = tmp_path / "target"
    target.write_text("keep")
    (root / ".lock").unlink()
    (root / ".lock").symlink_to(target)
    store = FileStore(root)
    assert [c.id for c in store.list_cases()] == [cid]
    assert any(".lock is a symbolic link" in p for p in store.check())
    with pytest.raises(UnsafePathError):
        store.save(cid, "plan", _plan("ett"), parent_revision=None)
    assert target.read_text() == "keep"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, where the machine allows mounting one (root in CI); else skipped."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.slow
def test_a_full_disk_costs_no_word_and_never_wipes_the_list(small_disk: Path) -> None:
    root = small_disk / "data"
    store = FileStore(root)
    ids = [store.create_case(_case()).case_id for _ in range(5)]
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as fh, pytest.raises(OSError):  # fill the disk
        for _ in range(4096):
            fh.write(b"\0" * 1024)

    with open(filler, "r+b") as fh:  # then leave a little room, to run out part-way
        fh.truncate(filler.stat().st_size - 60 * 1024)
    acknowledged: dict[tuple[str, int], str] = {}
    failed = 0
    parents = dict.fromkeys(ids, 0)
    for n in range(120):
        cid = ids[n % len(ids)]
        body = _plan(f"steg {n} " + "ord " * 200, actions=4)
        try:
            env = store.save(cid, "plan", body, parent_revision=parents[cid] or None)
        except WriteFailedError:
            failed += 1
            continue
        parents[cid] = env.revision
        acknowledged[(cid, env.revision)] = env.to_json()
    assert failed > 0 and acknowledged  # both happened: the disk did run full
    assert {c.id for c in FileStore(root).list_cases()} == set(ids)  # opening while full
    filler.unlink()
    reopened = FileStore(root)
    assert reopened.check() == []
    assert {c.id for c in reopened.list_cases()} == set(ids)
    for (cid, rev), text in acknowledged.items():
        assert reopened.load(cid, "plan", rev).to_json() == text
    for cid in ids:  # each plan goes on from its last acknowledged save, no conflict
        next_rev = reopened.save(cid, "plan", _plan("efter"), parent_revision=parents[cid] or None)
        assert next_rev.revision == parents[cid] + 1
