"""The embedded default store: one JSON file per revision under a data folder.

    DATA/cases/<case_id>/<doc_id>/000007.json   revision 7, never overwritten
    DATA/index.sqlite3                          rebuildable list of cases
    DATA/.lock                                  one writer at a time (flock)
    DATA/.pending/                              saves in flight; replayed on open

A revision is written to a temporary file, fsynced, then hard-linked to its
final name: ``link`` fails if the name exists, so two writers can never both
write revision N, and a reader never sees half a file. The index is updated
after the file; if a process dies in between, the pending marker it left makes
the next opener re-read that case, so the index always catches up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import secrets
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from plans.audit import FileAuditLog
from plans.documents import KINDS
from plans.documents.migrations import MigrationError
from plans.store.base import (
    CaseSummary,
    ConflictError,
    CorruptDocumentError,
    DocumentRef,
    InvalidInputError,
    NotFoundError,
    RevisionInfo,
    Store,
    check_id,
    doc_id_for,
)
from plans.store.envelope import Envelope, make_envelope
from plans.store.summary import summarize
from plans.store.surveys import FileAnonymousSurveys

_REVISION_FILE = re.compile(r"^(\d{6})\.json$")
MAX_FILE_BYTES = 5_000_000
"""A revision larger than this is treated as hostile rather than read into memory."""

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
"""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_bytes(path: Path) -> bytes:
    """Read a revision file, refusing symlinks, devices and oversized files."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise CorruptDocumentError(f"{path} is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise CorruptDocumentError(f"{path} is larger than {MAX_FILE_BYTES} bytes")
    return path.read_bytes()


class FileStore(Store):
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        self.cases_dir = self.root / "cases"
        self.pending_dir = self.root / ".pending"
        self.index_path = self.root / "index.sqlite3"
        self._audit: FileAuditLog | None = None
        for folder in (self.root, self.cases_dir, self.pending_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self._open_index()

    # --- paths -----------------------------------------------------------------

    def _case_dir(self, case_id: str) -> Path:
        return self.cases_dir / check_id(case_id, "case id")

    def _doc_dir(self, case_id: str, doc_id: str) -> Path:
        return self._case_dir(case_id) / check_id(doc_id, "document id")

    @staticmethod
    def _revisions_in(doc_dir: Path) -> list[int]:
        try:
            names = os.listdir(doc_dir)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for n in names if (m := _REVISION_FILE.match(n)))

    @staticmethod
    def _revision_path(doc_dir: Path, revision: int) -> Path:
        return doc_dir / f"{revision:06d}.json"

    # --- locking and the index -------------------------------------------------

    @contextlib.contextmanager
    def _writer(self) -> Iterator[None]:
        with open(self.root / ".lock", "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        # A connection per use: Streamlit calls in from many threads.
        conn = sqlite3.connect(self.index_path, timeout=30)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:
                yield conn
        finally:
            conn.close()

    def _open_index(self) -> None:
        with self._writer():
            if not self.index_path.exists():
                self._rebuild_index_locked()
                return
            try:
                with self._db() as conn:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.executescript(_SCHEMA)
                    conn.execute("SELECT count(*) FROM cases").fetchone()
                    conn.execute("SELECT count(*) FROM documents").fetchone()
            except sqlite3.DatabaseError:
                self._rebuild_index_locked()
                return
            self._replay_pending_locked()

    def _replay_pending_locked(self) -> None:
        for marker in sorted(self.pending_dir.iterdir()):
            case_id = marker.name.split("__", 1)[0]
            # NotFoundError: the process died before the case's first revision existed.
            with contextlib.suppress(InvalidInputError, CorruptDocumentError, NotFoundError):
                self._index_case_locked(check_id(case_id))
            marker.unlink(missing_ok=True)

    def _rebuild_index_locked(self) -> int:
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.index_path) + suffix).unlink(missing_ok=True)
        with self._db() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        count = 0
        for case_dir in sorted(self.cases_dir.iterdir()):
            with contextlib.suppress(InvalidInputError, CorruptDocumentError, NotFoundError):
                self._index_case_locked(check_id(case_dir.name))
                count += 1
        for marker in self.pending_dir.iterdir():
            marker.unlink(missing_ok=True)
        return count

    def _index_case_locked(self, case_id: str) -> None:
        refs = self._documents_from_files(case_id)
        if not any(r.doc_id == "case" for r in refs):
            raise NotFoundError(f"case {case_id} has no case document")
        latest: dict[str, Any] = {}
        updated = dt.datetime.min.replace(tzinfo=dt.UTC)
        surveys: list[Any] = []
        for ref in refs:
            env = self._read(case_id, ref.doc_id, ref.latest)
            updated = max(updated, env.saved_at)
            if KINDS[ref.kind].singleton:
                latest[ref.kind] = self._parse(env)
            elif ref.kind == "survey":
                surveys.append(self._parse(env))
        row = summarize(latest, surveys)
        with self._db() as conn:
            conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            conn.execute("DELETE FROM documents WHERE case_id = ?", (case_id,))
            conn.executemany(
                "INSERT INTO documents VALUES (?, ?, ?, ?)",
                [(case_id, r.doc_id, r.kind, r.latest) for r in refs],
            )
            conn.execute(
                "INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    row["type"],
                    row["display_name"],
                    row["status"],
                    row["named_person"],
                    row["team"],
                    row["next_review"],
                    row["raised_on"],
                    updated.isoformat(),
                    json.dumps(row["facts"], ensure_ascii=False),
                ),
            )

    # --- reading ---------------------------------------------------------------

    def _read(self, case_id: str, doc_id: str, revision: int) -> Envelope:
        path = self._revision_path(self._doc_dir(case_id, doc_id), revision)
        try:
            raw = _read_bytes(path)
        except FileNotFoundError:
            raise NotFoundError(f"{case_id}/{doc_id} has no revision {revision}") from None
        try:
            env = Envelope.from_json(raw)
        except ValidationError as exc:
            raise CorruptDocumentError(
                f"{path}: not a valid document ({exc.error_count()} "
                f"problem(s), first: {exc.errors()[0]['msg']})"
            ) from None
        if (env.case_id, env.id, env.revision) != (case_id, doc_id, revision):
            raise CorruptDocumentError(f"{path}: its envelope names another document or revision")
        return env

    @staticmethod
    def _parse(env: Envelope) -> Any:
        try:
            return env.parsed()
        except (ValidationError, MigrationError, ValueError) as exc:
            raise CorruptDocumentError(
                f"{env.case_id}/{env.id} revision {env.revision}: body does not parse: {exc}"
            ) from None

    def _documents_from_files(self, case_id: str) -> list[DocumentRef]:
        case_dir = self._case_dir(case_id)
        if not case_dir.is_dir():
            raise NotFoundError(f"no case {case_id}")
        refs = []
        for doc_dir in sorted(case_dir.iterdir()):
            revisions = self._revisions_in(doc_dir) if doc_dir.is_dir() else []
            if not revisions:
                continue
            env = self._read(case_id, doc_dir.name, revisions[-1])
            refs.append(DocumentRef(doc_id=doc_dir.name, kind=env.kind, latest=revisions[-1]))
        return refs

    def load(self, case_id: str, doc_id: str, revision: int | None = None) -> Envelope:
        doc_dir = self._doc_dir(case_id, doc_id)
        if revision is None:
            revisions = self._revisions_in(doc_dir)
            if not revisions:
                raise NotFoundError(f"{case_id} has no document {doc_id}")
            revision = revisions[-1]
        return self._read(case_id, doc_id, revision)

    def history(self, case_id: str, doc_id: str) -> list[RevisionInfo]:
        revisions = self._revisions_in(self._doc_dir(case_id, doc_id))
        if not revisions:
            raise NotFoundError(f"{case_id} has no document {doc_id}")
        infos = []
        for rev in revisions:
            env = self._read(case_id, doc_id, rev)
            infos.append(
                RevisionInfo(rev, env.parent_revision, env.saved_at, env.saved_by, env.note)
            )
        return infos

    def documents(self, case_id: str) -> list[DocumentRef]:
        check_id(case_id, "case id")
        with self._db() as conn:
            rows = conn.execute(
                "SELECT doc_id, kind, latest FROM documents WHERE case_id = ? ORDER BY doc_id",
                (case_id,),
            ).fetchall()
        if not rows:
            return self._documents_from_files(case_id)
        return [DocumentRef(doc_id=r[0], kind=r[1], latest=r[2]) for r in rows]

    def generation(self) -> int:
        with self._db() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def list_cases(self) -> list[CaseSummary]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT case_id, type, display_name, status, named_person, team, next_review,"
                " raised_on, updated_at, facts FROM cases"
            ).fetchall()
        return [
            CaseSummary(
                id=r[0],
                type=r[1],
                display_name=r[2],
                status=r[3],
                named_person=r[4],
                team=r[5],
                next_review=dt.date.fromisoformat(r[6]) if r[6] else None,
                raised_on=dt.date.fromisoformat(r[7]) if r[7] else None,
                updated_at=dt.datetime.fromisoformat(r[8]) if r[8] else None,
                facts_json=r[9] or "{}",
            )
            for r in rows
        ]

    # --- writing ---------------------------------------------------------------

    def save(
        self,
        case_id: str,
        kind: str,
        body: BaseModel | dict[str, Any],
        *,
        parent_revision: int | None,
        doc_id: str | None = None,
        saved_by: str = "",
        note: str = "",
    ) -> Envelope:
        if kind not in KINDS:
            raise InvalidInputError(f"unknown document kind '{kind}'")
        check_id(case_id, "case id")
        doc_id = doc_id_for(kind, doc_id)
        revision = (parent_revision or 0) + 1
        try:
            env = make_envelope(
                kind=kind,
                doc_id=doc_id,
                case_id=case_id,
                revision=revision,
                parent_revision=parent_revision,
                body=body,
                saved_by=saved_by,
                note=note,
            )
        except ValidationError as exc:
            raise InvalidInputError(str(exc)) from exc
        with self._writer():
            if kind != "case" and not self._case_dir(case_id).is_dir():
                raise NotFoundError(f"no case {case_id}")
            if kind == "case" and parent_revision is None and self._case_dir(case_id).exists():
                raise ConflictError(self.latest_or_none(case_id, "case"), env.body, None)
            self._write_locked(env)
        return env

    def _write_locked(self, env: Envelope) -> None:
        doc_dir = self._doc_dir(env.case_id, env.id)
        existing = self._revisions_in(doc_dir)
        latest = existing[-1] if existing else None
        if latest != env.parent_revision:
            theirs = self._read(env.case_id, env.id, latest) if latest else None
            raise ConflictError(theirs, env.body, env.parent_revision)
        existing_kind = self._read(env.case_id, env.id, latest).kind if latest else env.kind
        if existing_kind != env.kind:
            raise InvalidInputError(f"{env.case_id}/{env.id} is a {existing_kind}, not {env.kind}")
        marker = self.pending_dir / f"{env.case_id}__{env.id}__{os.getpid()}"
        marker.touch()
        doc_dir.mkdir(parents=True, exist_ok=True)
        self._link_new_file(doc_dir, env)
        self._index_case_locked(env.case_id)
        marker.unlink(missing_ok=True)

    def _link_new_file(self, doc_dir: Path, env: Envelope) -> None:
        final = self._revision_path(doc_dir, env.revision)
        tmp = doc_dir / f".tmp-{env.revision:06d}-{os.getpid()}-{id(env)}"
        data = env.to_json().encode("utf-8")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, final)  # fails if the revision exists: never overwrite
        except FileExistsError:
            theirs = self._read(env.case_id, env.id, env.revision)
            raise ConflictError(theirs, env.body, env.parent_revision) from None
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(doc_dir)

    def import_revision(self, envelope: Envelope) -> bool:
        if envelope.kind not in KINDS:
            raise InvalidInputError(f"unknown document kind '{envelope.kind}'")
        self._parse(envelope)
        with self._writer():
            doc_dir = self._doc_dir(envelope.case_id, envelope.id)
            path = self._revision_path(doc_dir, envelope.revision)
            if path.exists():
                if self._read(envelope.case_id, envelope.id, envelope.revision) == envelope:
                    return False
                theirs = self._read(envelope.case_id, envelope.id, envelope.revision)
                raise ConflictError(theirs, envelope.body, envelope.parent_revision)
            if envelope.kind != "case" and not self._case_dir(envelope.case_id).is_dir():
                raise NotFoundError(f"no case {envelope.case_id}: import its case document first")
            doc_dir.mkdir(parents=True, exist_ok=True)
            self._link_new_file(doc_dir, envelope)
            if (self._case_dir(envelope.case_id) / "case").is_dir():
                self._index_case_locked(envelope.case_id)
        return True

    def import_case(self, envelopes: list[Envelope]) -> int:
        """The whole case is written into a staging folder, then renamed into place in one
        step, so a failure or a kill at any point leaves either all of it or none."""
        case_id = check_id(envelopes[0].case_id, "case id")
        for env in envelopes:
            self._parse(env)
        staging = self.root / f".tmp-import-{case_id}-{os.getpid()}"
        with self._writer():
            if self._case_dir(case_id).exists():
                raise ConflictError(self.latest_or_none(case_id, "case"), envelopes[0].body, None)
            shutil.rmtree(staging, ignore_errors=True)
            try:
                for env in envelopes:
                    doc_dir = staging / env.id
                    doc_dir.mkdir(parents=True, exist_ok=True)
                    self._link_new_file(doc_dir, env)
                os.rename(staging, self._case_dir(case_id))
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            _fsync_dir(self.cases_dir)
            self._index_case_locked(case_id)
        return len(envelopes)

    # --- health ----------------------------------------------------------------

    def check(self) -> list[str]:
        problems: list[str] = []
        on_disk: dict[tuple[str, str], tuple[str, int]] = {}
        for case_dir in sorted(self.cases_dir.iterdir()):
            try:
                case_id = check_id(case_dir.name, "case id")
            except InvalidInputError as exc:
                problems.append(f"{case_dir}: {exc}")
                continue
            for doc_dir in sorted(case_dir.iterdir()):
                problems += self._check_document(case_id, doc_dir, on_disk)
        try:
            with self._db() as conn:
                indexed_docs = {
                    (r[0], r[1]): (r[2], r[3])
                    for r in conn.execute("SELECT case_id, doc_id, kind, latest FROM documents")
                }
                indexed_cases = {r[0] for r in conn.execute("SELECT case_id FROM cases")}
        except sqlite3.DatabaseError as exc:
            return [*problems, f"the index cannot be read ({exc}); run 'hjulet reindex'"]
        for key in sorted(set(on_disk) | set(indexed_docs)):
            if on_disk.get(key) != indexed_docs.get(key):
                problems.append(
                    f"index disagrees for {key[0]}/{key[1]}: files say {on_disk.get(key)}, "
                    f"index says {indexed_docs.get(key)}; run 'hjulet reindex'"
                )
        case_ids = {c for c, d in on_disk if d == "case"}
        for missing in sorted(case_ids ^ indexed_cases):
            problems.append(f"index and files disagree on case {missing}; run 'hjulet reindex'")
        return problems

    def _check_document(
        self, case_id: str, doc_dir: Path, on_disk: dict[tuple[str, str], tuple[str, int]]
    ) -> list[str]:
        problems: list[str] = []
        if not doc_dir.is_dir() or doc_dir.is_symlink():
            return [f"{doc_dir}: unexpected entry"]
        try:
            doc_id = check_id(doc_dir.name, "document id")
        except InvalidInputError as exc:
            return [f"{doc_dir}: {exc}"]
        for name in sorted(os.listdir(doc_dir)):
            if not _REVISION_FILE.match(name) and not name.startswith(".tmp-"):
                problems.append(f"{doc_dir / name}: unexpected file")
        revisions = self._revisions_in(doc_dir)
        kind = ""
        for rev in revisions:
            try:
                env = self._read(case_id, doc_id, rev)
                self._parse(env)
                kind = kind or env.kind
                if env.kind != kind:
                    problems.append(f"{case_id}/{doc_id} revision {rev}: kind changed")
            except (CorruptDocumentError, OSError, UnicodeDecodeError) as exc:
                problems.append(str(exc))
        if revisions and revisions != list(range(1, revisions[-1] + 1)):
            problems.append(f"{case_id}/{doc_id}: revisions are missing from {revisions}")
        if revisions and kind:
            on_disk[(case_id, doc_id)] = (kind, revisions[-1])
        return problems

    def reindex(self) -> int:
        with self._writer():
            return self._rebuild_index_locked()

    def iter_revisions(self) -> Iterator[Envelope]:
        # Saves wait while this is read, so a backup or a migration is one moment in time.
        with self._writer():
            yield from super().iter_revisions()

    # --- the audit log, anonymous surveys, deletion (retention) -----------------

    def audit_log(self) -> FileAuditLog:
        if self._audit is None:
            self._audit = FileAuditLog(self.root / "audit")
        return self._audit

    def anonymous_surveys(self) -> FileAnonymousSurveys:
        return FileAnonymousSurveys(self.root / "surveys", on_change=self._bump_generation)

    def _bump_generation(self) -> None:
        with self._db() as conn:
            conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    def _remove_tree_locked(self, folder: Path) -> int:
        """Rename ``folder`` out of the case tree in one step, then delete it; returns the
        number of revision files it held."""
        revisions = sum(
            1 for _, _, names in os.walk(folder) for n in names if _REVISION_FILE.match(n)
        )
        gone = self.root / f".tmp-delete-{secrets.token_hex(8)}"
        os.rename(folder, gone)
        _fsync_dir(folder.parent)
        shutil.rmtree(gone)
        return revisions

    def delete_case(self, case_id: str) -> int:
        with self._writer():
            case_dir = self._case_dir(case_id)
            if not case_dir.is_dir():
                raise NotFoundError(f"no case {case_id}")
            revisions = self._remove_tree_locked(case_dir)
            with self._db() as conn:
                # The index row holds the child's name: overwrite it, not just unlink it.
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
                conn.execute("DELETE FROM documents WHERE case_id = ?", (case_id,))
                conn.execute("DELETE FROM cases WHERE case_id = ?", (case_id,))
            with self._db() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return revisions

    def delete_document(self, case_id: str, doc_id: str) -> int:
        if doc_id == "case":
            raise InvalidInputError("the case document goes only with the whole case")
        with self._writer():
            doc_dir = self._doc_dir(case_id, doc_id)
            if not self._revisions_in(doc_dir):
                raise NotFoundError(f"{case_id} has no document {doc_id}")
            revisions = self._remove_tree_locked(doc_dir)
            self._index_case_locked(case_id)
        return revisions
