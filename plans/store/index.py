"""The file store's SQLite index: one row per case (list columns and countable facts)
and the latest revision of each document, so a list of 10,000 cases reads no files.

It is only ever a copy of what the files say. Its rules:

* WAL mode: a reader keeps a consistent snapshot while a writer works, and never waits.
* A full rebuild is one transaction: a kill or SIGTERM part-way leaves the old index
  whole, and readers see the old list until the new one is complete.
* ``meta.complete`` is set in the same transaction as the rows; an index without it
  (from an older version, or half-created) is rebuilt on open.
* Only SQLITE_CORRUPT and SQLITE_NOTADB mean "corrupt": then a new file is built
  beside it and renamed into place. Anything else (disk full, I/O error, locked) is an
  operational error, reported as such; the index is never deleted for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plans.store.base import DocumentRef, StoreUnavailableError
from plans.store.safeio import PRIVATE_FILE, fsync_dir

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    case_id TEXT PRIMARY KEY, type TEXT, display_name TEXT, status TEXT,
    named_person TEXT, team TEXT, next_review TEXT, raised_on TEXT,
    updated_at TEXT, facts TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    case_id TEXT, doc_id TEXT, kind TEXT, latest INTEGER,
    PRIMARY KEY (case_id, doc_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);
INSERT OR IGNORE INTO meta VALUES ('generation', 0);
INSERT OR IGNORE INTO meta VALUES ('complete', 0);
"""

_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class IndexUnavailableError(StoreUnavailableError):
    """The index could not be read or written for an operational reason (disk full,
    I/O error, permissions). Nothing is deleted for it; the files are untouched."""


def is_corrupt(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    text = str(exc)
    return "malformed" in text or "not a database" in text


def operational(exc: sqlite3.Error, doing: str) -> IndexUnavailableError:
    return IndexUnavailableError(f"the case index could not be {doing}: {exc}")


@dataclass(frozen=True)
class IndexEntry:
    """What the index holds for one case, computed from its files."""

    case_id: str
    refs: list[DocumentRef]
    row: dict[str, Any]
    updated_at: str


@dataclass(frozen=True)
class Snapshot:
    """The index as one read transaction saw it."""

    complete: bool
    cases: set[str]
    documents: dict[tuple[str, str], tuple[str, int]]


class CaseIndex:
    """The index at ``path``; ``read_only`` opens it immutable (a backup, a mounted
    copy), ``memory`` keeps it in this process only (a read-only folder whose index is
    missing or behind)."""

    def __init__(self, path: Path, *, read_only: bool = False, memory: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._keeper: sqlite3.Connection | None = None
        if memory:
            # A named shared-cache memory database lives while one connection is open.
            self._uri = f"file:hjulet-{uuid.uuid4().hex}?mode=memory&cache=shared"
            self._keeper = self._connect()
            self._keeper.executescript(_SCHEMA)
        elif read_only:
            self._uri = f"{path.resolve().as_uri()}?immutable=1"
        else:
            self._uri = path.resolve().as_uri()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri, uri=True, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection per use (Streamlit calls in from many threads); commits on
        success, rolls back on any error or interruption."""
        conn = self._connect()
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    # --- state on open -------------------------------------------------------------

    def status(self) -> str:
        """'missing', 'corrupt', 'incomplete' or 'ok', without writing anything.
        Raises IndexUnavailableError for an operational error."""
        if self._keeper is None and not self.path.exists():
            return "missing"
        try:
            with self.connect() as conn:
                tables = {
                    r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                if not {"cases", "documents", "meta"} <= tables:
                    return "incomplete"
                conn.execute("SELECT count(*) FROM cases").fetchone()
                conn.execute("SELECT count(*) FROM documents").fetchone()
                row = conn.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
        except sqlite3.Error as exc:
            if is_corrupt(exc):
                return "corrupt"
            raise operational(exc, "read") from None
        return "ok" if row and row[0] == 1 else "incomplete"

    def ensure_wal(self) -> None:
        with self.connect() as conn:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")

    # --- writing ---------------------------------------------------------------------

    @staticmethod
    def _write_entry(conn: sqlite3.Connection, entry: IndexEntry) -> None:
        row = entry.row
        conn.execute("DELETE FROM documents WHERE case_id = ?", (entry.case_id,))
        conn.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            [(entry.case_id, r.doc_id, r.kind, r.latest) for r in entry.refs],
        )
        conn.execute(
            "INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.case_id,
                row["type"],
                row["display_name"],
                row["status"],
                row["named_person"],
                row["team"],
                row["next_review"],
                row["raised_on"],
                entry.updated_at,
                json.dumps(row["facts"], ensure_ascii=False),
            ),
        )

    def put(self, entry: IndexEntry) -> None:
        self.update([entry], [])

    def update(self, entries: Iterable[IndexEntry], removed: Iterable[str]) -> None:
        """Add or replace some cases and drop others, in one transaction."""
        try:
            with self.connect() as conn:
                conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                for case_id in removed:
                    conn.execute("DELETE FROM documents WHERE case_id = ?", (case_id,))
                    conn.execute("DELETE FROM cases WHERE case_id = ?", (case_id,))
                for entry in entries:
                    self._write_entry(conn, entry)
        except sqlite3.Error as exc:
            raise operational(exc, "updated") from None

    def erase(self, case_id: str) -> None:
        """Drop a case for good (retention): its rows are overwritten on disk, not only
        unlinked (secure_delete), and the write-ahead log is emptied."""
        try:
            with self.connect() as conn:
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                conn.execute("DELETE FROM documents WHERE case_id = ?", (case_id,))
                conn.execute("DELETE FROM cases WHERE case_id = ?", (case_id,))
            with self.connect() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise operational(exc, "updated") from None

    def rebuild(self, entries: Callable[[], Iterable[IndexEntry]], *, fresh: bool) -> None:
        """Replace everything with ``entries()`` and mark the index complete, in one
        transaction (``entries()`` may be a generator that reads files as it goes).

        ``fresh``: the old file is missing or corrupt, so build a new file beside it and
        rename it into place once complete."""
        if self._keeper is not None or not fresh:
            try:
                with self.connect() as conn:
                    conn.executescript(_SCHEMA)
                    conn.execute("BEGIN IMMEDIATE")
                    generation = self._generation(conn)
                    conn.execute("DELETE FROM documents")
                    conn.execute("DELETE FROM cases")
                    for entry in entries():
                        self._write_entry(conn, entry)
                    conn.execute(
                        "UPDATE meta SET value = ? WHERE key = 'generation'", (generation + 1,)
                    )
                    conn.execute("UPDATE meta SET value = 1 WHERE key = 'complete'")
            except sqlite3.Error as exc:
                if is_corrupt(exc) and self._keeper is None:
                    self.rebuild(entries, fresh=True)
                    return
                raise operational(exc, "rebuilt") from None
            return
        new = self.path.with_name(f"{self.path.name}.rebuild-{os.getpid()}")
        for leftover in (new, *_sidecars(new)):
            leftover.unlink(missing_ok=True)
        fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
        os.fchmod(fd, PRIVATE_FILE)  # SQLite gives its -wal and -shm the same mode
        os.close(fd)
        try:
            conn = sqlite3.connect(new, timeout=30)
            try:
                with conn:
                    conn.executescript(_SCHEMA)
                    for entry in entries():
                        self._write_entry(conn, entry)
                    conn.execute("UPDATE meta SET value = 1 WHERE key = 'complete'")
                    # A new number, so no cache keyed on the old file's counter matches.
                    conn.execute(
                        "UPDATE meta SET value = ? WHERE key = 'generation'",
                        (time.time_ns() // 1000,),
                    )
                conn.execute("PRAGMA journal_mode=WAL")
            finally:
                conn.close()
            for sidecar in _sidecars(self.path):
                sidecar.unlink(missing_ok=True)  # they belong to the old, corrupt file
            os.rename(new, self.path)
        except sqlite3.Error as exc:
            raise operational(exc, "rebuilt") from None
        finally:
            for leftover in (new, *_sidecars(new)):
                leftover.unlink(missing_ok=True)
        fsync_dir(self.path.parent)

    # --- reading ---------------------------------------------------------------------

    @staticmethod
    def _generation(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def generation(self) -> int:
        with self._reading() as conn:
            return self._generation(conn)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            with self.connect() as conn:
                yield conn
        except sqlite3.Error as exc:
            raise operational(exc, "read") from None

    def documents(self, case_id: str) -> list[DocumentRef]:
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT doc_id, kind, latest FROM documents WHERE case_id = ? ORDER BY doc_id",
                (case_id,),
            ).fetchall()
        return [DocumentRef(doc_id=r[0], kind=r[1], latest=r[2]) for r in rows]

    def case_rows(self) -> list[tuple[Any, ...]]:
        with self._reading() as conn:
            return conn.execute(
                "SELECT case_id, type, display_name, status, named_person, team, next_review,"
                " raised_on, updated_at, facts FROM cases"
            ).fetchall()

    def case_ids(self) -> set[str]:
        with self._reading() as conn:
            return {r[0] for r in conn.execute("SELECT case_id FROM cases")}

    def snapshot(self, case_ids: Iterable[str] | None = None) -> Snapshot:
        """Cases, documents and the completion mark from one read transaction."""
        with self._reading() as conn:
            conn.execute("BEGIN")  # one snapshot for every SELECT below (WAL)
            row = conn.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
            docs = conn.execute("SELECT case_id, doc_id, kind, latest FROM documents")
            documents = {(r[0], r[1]): (r[2], r[3]) for r in docs}
            cases = {r[0] for r in conn.execute("SELECT case_id FROM cases")}
        if case_ids is not None:
            wanted = set(case_ids)
            cases &= wanted
            documents = {k: v for k, v in documents.items() if k[0] in wanted}
        return Snapshot(bool(row and row[0] == 1), cases, documents)


def _sidecars(path: Path) -> tuple[Path, Path, Path]:
    return (
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    )


def private_index_file(path: Path) -> None:
    """Create the index file owner-only before SQLite does (it would use the umask,
    and it copies the file's mode to its -wal and -shm)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    except FileExistsError:
        return
    os.fchmod(fd, PRIVATE_FILE)
    os.close(fd)
