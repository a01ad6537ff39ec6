"""The embedded default store: one JSON file per revision under a data folder.

    DATA/cases/<case_id>/<doc_id>/000007.json   revision 7, never overwritten
    DATA/index.sqlite3                          rebuildable list of cases (index.py)
    DATA/.lock                                  one writer at a time (flock)
    DATA/.pending/                              saves in flight; caught up on open

A revision is written to a temporary file, every byte of it, fsynced, its size and
checksum read back, then hard-linked to its final name: ``link`` fails if the name
exists, so two writers can never both write revision N, and no name ever points at
half a file. Once linked the save is committed and reported as a success whatever
happens after (indexing, a corrupt sibling, a full disk); the pending marker it left
makes the next opener bring the index up to date.

Readers never take the lock: the index is read in WAL snapshots and revision files
never change once linked. Nothing under the data folder is followed if it is a
symbolic link. Everything created is owner-only (0700 folders, 0600 files).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from plans.audit import FileAuditLog
from plans.documents import KINDS
from plans.documents.common import is_valid_id
from plans.store.base import (
    CaseSummary,
    ConflictError,
    CorruptDocumentError,
    DocumentRef,
    IndexReport,
    InvalidInputError,
    NotFoundError,
    ReadOnlyStoreError,
    RevisionInfo,
    Store,
    StoreError,
    StoreUnavailableError,
    check_id,
    doc_id_for,
)
from plans.store.envelope import Envelope, make_envelope
from plans.store.index import (
    CaseIndex,
    IndexEntry,
    IndexUnavailableError,
    Snapshot,
    private_index_file,
)
from plans.store.safeio import (
    PRIVATE_DIR,
    PRIVATE_FILE,
    UnsafePathError,
    WriteFailedError,
    fsync_dir,
    pid_alive,
    private_dir,
    read_regular_file,
    refuse_link,
    write_new_private_file,
)
from plans.store.summary import summarize
from plans.store.surveys import FileAnonymousSurveys

_REVISION_FILE = re.compile(r"^(\d{6})\.json$")
_TMP_PREFIX = ".tmp-"
_TMP_PID = re.compile(r"^\.tmp-import-[a-z0-9-]+-(\d+)$")
_REBUILD_PID = re.compile(r"^index\.sqlite3\.rebuild-(\d+)")
MAX_FILE_BYTES = 5_000_000
"""A revision larger than this is treated as hostile rather than read into memory."""
CHECK_LOCK_TIMEOUT = 10.0
"""How long ``check`` waits to confirm a suspicion under the writer lock."""

_UNREADABLE = (CorruptDocumentError, NotFoundError, OSError, UnicodeDecodeError)


def _documents_by_case(snap: Snapshot) -> dict[str, dict[tuple[str, str], Any]]:
    grouped: dict[str, dict[tuple[str, str], Any]] = {}
    for key, value in snap.documents.items():
        grouped.setdefault(key[0], {})[key] = value
    return grouped


class StoreBusyError(StoreUnavailableError):
    """Another process held the writer lock for longer than the timeout."""


def _where(exc: ValidationError) -> str:
    """Where a document is broken, never what it holds (no names or birth dates)."""
    places = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "$"
        places.append(f"{loc} ({err['type']})")
    more = exc.error_count() - len(places)
    return ", ".join(places) + (f" and {more} more" if more > 0 else "")


class FileStore(Store):
    lock_timeout: float = 30.0
    """Seconds a write waits for another writer before giving up (nothing written)."""

    def __init__(self, root: Path | str, *, lock_timeout: float | None = None) -> None:
        given = Path(root)
        if given.exists() and not given.is_dir():
            raise InvalidInputError(f"the data folder {given} is a file, not a folder")
        self.root = given.resolve()
        self.cases_dir = self.root / "cases"
        self.pending_dir = self.root / ".pending"
        self.index_path = self.root / "index.sqlite3"
        self.lock_path = self.root / ".lock"
        if lock_timeout is not None:
            self.lock_timeout = lock_timeout
        self.read_only = self.root.is_dir() and not os.access(self.root, os.W_OK)
        if not self.read_only:
            if not self.root.exists():
                self.root.mkdir(parents=True, mode=PRIVATE_DIR)
                os.chmod(self.root, PRIVATE_DIR)
            private_dir(self.cases_dir)
            # A .pending that is a link is reported by check and refuses writes; reads go on.
            with contextlib.suppress(UnsafePathError):
                private_dir(self.pending_dir)
        refuse_link(self.cases_dir, want_dir=True)
        refuse_link(self.index_path, want_dir=False)
        self._audit: FileAuditLog | None = None
        self._index = self._open_index()

    # --- paths -----------------------------------------------------------------

    def _case_dir(self, case_id: str) -> Path:
        path = self.cases_dir / check_id(case_id, "case id")
        refuse_link(path, want_dir=True)
        return path

    def _doc_dir(self, case_id: str, doc_id: str) -> Path:
        path = self._case_dir(case_id) / check_id(doc_id, "document id")
        refuse_link(path, want_dir=True)
        return path

    @staticmethod
    def _revisions_in(doc_dir: Path) -> list[int]:
        try:
            names = os.listdir(doc_dir)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(int(m.group(1)) for n in names if (m := _REVISION_FILE.match(n)))

    @staticmethod
    def _revision_path(doc_dir: Path, revision: int) -> Path:
        return doc_dir / f"{revision:06d}.json"

    def _case_names(self) -> list[str]:
        try:
            return sorted(os.listdir(self.cases_dir))
        except FileNotFoundError:
            return []

    def _has_case_document(self, name: str) -> bool:
        path = self.cases_dir / name
        if os.path.islink(path) or os.path.islink(path / "case"):
            return False
        return bool(self._revisions_in(path / "case"))

    def _out_of_index(self, indexed: set[str]) -> tuple[set[str], set[str]]:
        """Case folders the index should list but does not, and cases it lists whose
        folder is gone: one listing of cases/, so opening stays cheap with 10,000."""
        names = {n for n in self._case_names() if is_valid_id(n)}
        missing = {n for n in names - indexed if self._has_case_document(n)}
        return missing, indexed - names

    # --- the writer lock ---------------------------------------------------------

    def _acquire(self, timeout: float) -> int | None:
        """The writer lock's descriptor, or None if another process held it throughout."""
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, PRIVATE_FILE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePathError(
                    f"{self.lock_path} is a symbolic link; the store never follows links"
                ) from None
            raise
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return None
                time.sleep(0.02)

    @contextlib.contextmanager
    def _writer(self, timeout: float | None = None) -> Iterator[None]:
        if self.read_only:
            raise ReadOnlyStoreError(
                f"the data folder {self.root} is read-only: it can be read, nothing can be saved"
            )
        fd = self._acquire(self.lock_timeout if timeout is None else timeout)
        if fd is None:
            raise StoreBusyError(
                "another process has been writing to the data folder for too long "
                "(a paused 'hjulet reindex'?); nothing was saved, try again"
            )
        try:
            yield
        finally:
            os.close(fd)  # closing releases the flock

    # --- the index on open -------------------------------------------------------

    def _open_index(self) -> CaseIndex:
        if self.read_only:
            return self._open_read_only_index()
        try:
            return self._open_writable_index()
        except IndexUnavailableError as exc:
            # A full disk: SQLite cannot even create its -shm to read. With no WAL
            # pending, the index file itself is whole and can still serve every read;
            # writes go on failing cleanly until there is room.
            wal = self.index_path.with_name(self.index_path.name + "-wal")
            if os.path.exists(wal) and os.path.getsize(wal) > 0:
                raise IndexUnavailableError(f"{exc}{self._disk_note()}") from None
            index = CaseIndex(self.index_path, read_only=True)
            try:
                if index.status() == "ok":
                    return index
            except IndexUnavailableError:
                pass
            raise IndexUnavailableError(f"{exc}{self._disk_note()}") from None

    def _disk_note(self) -> str:
        with contextlib.suppress(OSError):
            info = os.statvfs(self.root)
            if info.f_bavail * info.f_frsize < 1 << 20:
                return "; the disk holding the data folder is full"
        return ""

    def _open_writable_index(self) -> CaseIndex:
        index = CaseIndex(self.index_path)
        try:
            fd = self._acquire(0)
        except UnsafePathError:
            fd = None  # a linked .lock: reads go on, writes are refused, check says why
        if fd is None:
            # Someone is writing. A complete index is a whole snapshot: read it, never wait.
            if index.status() == "ok":
                return index
            fd = self._acquire(self.lock_timeout)
            if fd is None:
                raise StoreBusyError("another process is building the case index; try again")
        return self._maintained(index, fd)

    def _maintained(self, index: CaseIndex, fd: int) -> CaseIndex:
        try:
            self._maintain_locked(index)
        finally:
            os.close(fd)
        return index

    def _maintain_locked(self, index: CaseIndex) -> None:
        status = index.status()
        if status == "missing":
            private_index_file(self.index_path)
        if status != "ok":
            if status != "corrupt":
                index.ensure_wal()
            index.rebuild(self._entries_for_rebuild([]), fresh=status == "corrupt")
            self._clear_markers_locked()
        else:
            self._catch_up_locked(index)
        self._remove_root_leftovers_locked()

    def _open_read_only_index(self) -> CaseIndex:
        """A backup or a mounted copy: use its index if it is complete and lists every
        case folder, otherwise build one in memory from the files."""
        if self.index_path.exists():
            index = CaseIndex(self.index_path, read_only=True)
            try:
                if index.status() == "ok" and not self._markers():
                    missing, gone = self._out_of_index(index.case_ids())
                    if not missing and not gone:
                        return index
            except IndexUnavailableError:
                pass
        memory = CaseIndex(self.index_path, memory=True)
        memory.rebuild(self._entries_for_rebuild([]), fresh=False)
        return memory

    def _markers(self) -> list[Path]:
        try:
            refuse_link(self.pending_dir, want_dir=True)
            return [self.pending_dir / n for n in sorted(os.listdir(self.pending_dir))]
        except (FileNotFoundError, UnsafePathError):
            return []

    def _clear_markers_locked(self) -> None:
        for marker in self._markers():
            if not os.path.islink(marker) and os.path.isfile(marker):
                marker.unlink(missing_ok=True)

    def _catch_up_locked(self, index: CaseIndex) -> None:
        """Bring the index up to date with the files: cases a killed save left marked,
        and case folders the index does not list (or lists but that are gone)."""
        markers = self._markers()
        marked: set[str] = set()
        for marker in markers:
            case_id, _, rest = marker.name.partition("__")
            doc_id = rest.split("__", 1)[0]
            if is_valid_id(case_id):
                marked.add(case_id)
                self._remove_tmp_files_locked(case_id, doc_id)
        missing, gone = self._out_of_index(index.case_ids())
        entries = []
        for case_id in sorted(marked | missing):
            with contextlib.suppress(*_UNREADABLE, InvalidInputError):
                entries.append(self._case_entry(case_id))
        gone -= {e.case_id for e in entries}
        if not entries and not gone:
            self._clear_markers_locked()
            return
        try:
            index.update(entries, gone)
        except IndexUnavailableError:
            return  # disk full: the markers stay, the next opener tries again
        self._clear_markers_locked()

    def _remove_tmp_files_locked(self, case_id: str, doc_id: str) -> None:
        """Under the lock no save is in flight, so a temporary file is a leftover; a
        case folder that a killed first save left without any revision goes too."""
        case_dir = self.cases_dir / case_id
        if os.path.islink(case_dir) or not case_dir.is_dir():
            return
        doc_dir = case_dir / doc_id
        if is_valid_id(doc_id) and not os.path.islink(doc_dir) and doc_dir.is_dir():
            for name in os.listdir(doc_dir):
                if name.startswith(_TMP_PREFIX):
                    (doc_dir / name).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                doc_dir.rmdir()  # only if empty
        with contextlib.suppress(OSError):
            case_dir.rmdir()  # only if empty

    def _remove_root_leftovers_locked(self) -> list[str]:
        removed = []
        for name in os.listdir(self.root):
            path = self.root / name
            if name.startswith(_TMP_PREFIX + "import-") or name.startswith(
                self.index_path.name + ".rebuild-"
            ):
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(str(path))
        return removed

    # --- what the index holds for a case ------------------------------------------

    def _entries_for_rebuild(self, skipped: list[tuple[str, str]]) -> Any:
        def entries() -> Iterator[IndexEntry]:
            skipped.clear()
            for name in self._case_names():
                try:
                    yield self._case_entry(check_id(name, "case folder name"))
                except NotFoundError:
                    skipped.append((name, "no case document"))
                except (CorruptDocumentError, InvalidInputError, OSError) as exc:
                    skipped.append((name, str(exc)))

        return entries

    def _case_entry(self, case_id: str) -> IndexEntry:
        """The index row of a case, from its files. A corrupt document is left out of
        the summary (the newest readable revision stands in), never fatal: only a case
        whose case document cannot be read at all is left out of the list."""
        refs = self._documents_from_files(case_id)
        if not any(r.doc_id == "case" for r in refs):
            raise NotFoundError(f"case {case_id} has no case document")
        latest: dict[str, Any] = {}
        surveys: list[Any] = []
        updated = dt.datetime.min.replace(tzinfo=dt.UTC)
        for ref in refs:
            found = self._newest_readable(case_id, ref)
            if found is None:
                if ref.doc_id == "case":
                    raise CorruptDocumentError("no revision of its case document can be read")
                continue
            env, body = found
            updated = max(updated, env.saved_at)
            if KINDS[ref.kind].singleton:
                latest[ref.kind] = body
            elif ref.kind == "survey":
                surveys.append(body)
        return IndexEntry(case_id, refs, summarize(latest, surveys), updated.isoformat())

    def _newest_readable(self, case_id: str, ref: DocumentRef) -> tuple[Envelope, Any] | None:
        doc_dir = self.cases_dir / case_id / ref.doc_id
        for rev in reversed(self._revisions_in(doc_dir)):
            try:
                env = self._read(case_id, ref.doc_id, rev)
                if env.kind == ref.kind:
                    return env, self._parse(env)
            except _UNREADABLE:
                continue
        return None

    def _kind_of(self, case_id: str, doc_id: str, revisions: list[int]) -> str | None:
        for rev in reversed(revisions):
            try:
                return self._read(case_id, doc_id, rev).kind
            except _UNREADABLE:
                continue
        kind = KINDS.get(doc_id)
        return doc_id if kind is not None and kind.singleton else None

    # --- reading ---------------------------------------------------------------

    def _read(self, case_id: str, doc_id: str, revision: int) -> Envelope:
        path = self._revision_path(self._doc_dir(case_id, doc_id), revision)
        try:
            raw = read_regular_file(path, MAX_FILE_BYTES)
        except FileNotFoundError:
            raise NotFoundError(f"{case_id}/{doc_id} has no revision {revision}") from None
        try:
            env = Envelope.from_json(raw)
        except ValidationError as exc:
            raise CorruptDocumentError(f"{path}: not a valid document: {_where(exc)}") from None
        except (ValueError, RecursionError) as exc:
            raise CorruptDocumentError(
                f"{path}: not a valid document ({type(exc).__name__})"
            ) from None
        if (env.case_id, env.id, env.revision) != (case_id, doc_id, revision):
            raise CorruptDocumentError(f"{path}: its envelope names another document or revision")
        return env

    @staticmethod
    def _parse(env: Envelope) -> Any:
        try:
            return env.parsed()
        except ValidationError as exc:
            raise CorruptDocumentError(
                f"{env.case_id}/{env.id} revision {env.revision}: body does not parse: "
                f"{_where(exc)}"
            ) from None
        except (ValueError, RecursionError) as exc:  # MigrationError is a ValueError
            raise CorruptDocumentError(
                f"{env.case_id}/{env.id} revision {env.revision}: body does not parse "
                f"({type(exc).__name__})"
            ) from None

    def _documents_from_files(self, case_id: str) -> list[DocumentRef]:
        case_dir = self._case_dir(case_id)
        if not case_dir.is_dir():
            raise NotFoundError(f"no case {case_id}")
        refs = []
        for name in sorted(os.listdir(case_dir)):
            doc_dir = case_dir / name
            if not is_valid_id(name) or os.path.islink(doc_dir) or not doc_dir.is_dir():
                continue
            revisions = self._revisions_in(doc_dir)
            kind = self._kind_of(case_id, name, revisions) if revisions else None
            if kind is not None and kind in KINDS:
                refs.append(DocumentRef(doc_id=name, kind=kind, latest=revisions[-1]))
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
        if any(m.name.startswith(f"{case_id}__") for m in self._markers()):
            return self._documents_from_files(case_id)  # the index may be behind
        refs = self._index.documents(case_id)
        return refs or self._documents_from_files(case_id)

    def generation(self) -> int:
        return self._index.generation()

    def list_cases(self) -> list[CaseSummary]:
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
            for r in self._index.case_rows()
        ]

    def has_cases(self) -> bool:
        return any(not name.startswith(".") for name in self._case_names())

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
            case_dir = self._case_dir(case_id)
            if kind != "case" and not case_dir.is_dir():
                raise NotFoundError(f"no case {case_id}")
            if kind == "case" and parent_revision is None and os.path.lexists(case_dir):
                raise ConflictError(self._latest_readable(case_id, "case"), env.body, None)
            self._write_locked(env)
        return env

    def _latest_readable(self, case_id: str, doc_id: str) -> Envelope | None:
        with contextlib.suppress(*_UNREADABLE):
            return self.load(case_id, doc_id)
        return None

    def _write_locked(self, env: Envelope) -> None:
        doc_dir = self._doc_dir(env.case_id, env.id)
        existing = self._revisions_in(doc_dir)
        latest = existing[-1] if existing else None
        if latest != env.parent_revision:
            theirs = self._latest_readable(env.case_id, env.id) if latest else None
            raise ConflictError(theirs, env.body, env.parent_revision)
        existing_kind = self._kind_of(env.case_id, env.id, existing) if existing else None
        if existing_kind not in (None, env.kind):
            raise InvalidInputError(f"{env.case_id}/{env.id} is a {existing_kind}, not {env.kind}")
        marker = self._mark_pending(env.case_id, env.id)
        try:
            private_dir(self._case_dir(env.case_id))
            private_dir(doc_dir)
            self._link_new_file(doc_dir, env)
        except BaseException:
            self._undo_uncommitted(marker, env.case_id, env.id)
            raise
        self._after_commit(env.case_id, marker)

    def _mark_pending(self, case_id: str, doc_id: str) -> Path:
        """Left in .pending until the index has caught up with this write."""
        refuse_link(self.pending_dir, want_dir=True)
        private_dir(self.pending_dir)
        # Unique per save: an earlier save's marker, kept because its index update
        # failed, must survive this one failing.
        marker = self.pending_dir / f"{case_id}__{doc_id}__{os.getpid()}-{time.time_ns()}"
        try:
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, PRIVATE_FILE)
        except OSError as exc:
            raise WriteFailedError(f"nothing was saved: {exc.strerror}") from exc
        os.close(fd)
        return marker

    def _undo_uncommitted(self, marker: Path, case_id: str, doc_id: str) -> None:
        """Nothing was committed: leave no temp file, no empty folder, no marker."""
        with contextlib.suppress(OSError, StoreError):
            self._remove_tmp_files_locked(case_id, doc_id)
        marker.unlink(missing_ok=True)

    def _after_commit(self, case_id: str, marker: Path) -> None:
        """The revision is on disk: from here the save has succeeded. If the index
        cannot follow (a full disk, a corrupt sibling, anything), the marker stays and
        the next opener catches up; the caller is never told the save failed."""
        try:
            self._index.put(self._case_entry(case_id))
        except Exception:  # committed: see the docstring
            return
        # The whole case was indexed from its files: every marker for it is answered.
        # Markers of other cases (their index update failed earlier, say on a full
        # disk) are caught up now too, so the index does not wait for a restart.
        marker.unlink(missing_ok=True)
        behind: dict[str, list[Path]] = {}
        for other in self._markers():
            if not os.path.islink(other):
                behind.setdefault(other.name.partition("__")[0], []).append(other)
        for other_case, markers in behind.items():
            if other_case != case_id:
                try:
                    self._index.put(self._case_entry(check_id(other_case)))
                except Exception:  # still behind: the markers stay for the next try
                    continue
            for answered in markers:
                answered.unlink(missing_ok=True)

    def _link_new_file(self, doc_dir: Path, env: Envelope) -> None:
        final = self._revision_path(doc_dir, env.revision)
        if os.path.lexists(final):
            raise ConflictError(
                self._latest_readable(env.case_id, env.id), env.body, env.parent_revision
            )
        tmp = doc_dir / f"{_TMP_PREFIX}{env.revision:06d}-{os.getpid()}-{id(env)}"
        write_new_private_file(tmp, env.to_json().encode("utf-8"))
        try:
            os.link(tmp, final)  # fails if the revision exists: never overwrite
        except FileExistsError:
            tmp.unlink(missing_ok=True)
            theirs = self._latest_readable(env.case_id, env.id)
            raise ConflictError(theirs, env.body, env.parent_revision) from None
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise WriteFailedError(f"could not save {final.name}: {exc.strerror}") from exc
        # Committed. What follows only tidies up; its failure changes nothing.
        with contextlib.suppress(OSError):
            tmp.unlink()
        with contextlib.suppress(OSError):
            fsync_dir(doc_dir)

    def import_revision(self, envelope: Envelope) -> bool:
        if envelope.kind not in KINDS:
            raise InvalidInputError(f"unknown document kind '{envelope.kind}'")
        self._parse(envelope)
        with self._writer():
            case_dir = self._case_dir(envelope.case_id)
            doc_dir = self._doc_dir(envelope.case_id, envelope.id)
            path = self._revision_path(doc_dir, envelope.revision)
            if refuse_link(path, want_dir=False):
                theirs = self._read(envelope.case_id, envelope.id, envelope.revision)
                if theirs == envelope:
                    return False
                raise ConflictError(theirs, envelope.body, envelope.parent_revision)
            if envelope.kind != "case" and not case_dir.is_dir():
                raise NotFoundError(f"no case {envelope.case_id}: import its case document first")
            marker = self._mark_pending(envelope.case_id, envelope.id)
            try:
                private_dir(case_dir)
                private_dir(doc_dir)
                self._link_new_file(doc_dir, envelope)
            except BaseException:
                self._undo_uncommitted(marker, envelope.case_id, envelope.id)
                raise
            self._after_commit(envelope.case_id, marker)
        return True

    def import_case(self, envelopes: list[Envelope]) -> int:
        """The whole case is written into a staging folder, then renamed into place in one
        step, so a failure or a kill at any point leaves either all of it or none."""
        case_id = check_id(envelopes[0].case_id, "case id")
        for env in envelopes:
            self._parse(env)
        staging = self.root / f"{_TMP_PREFIX}import-{case_id}-{os.getpid()}"
        with self._writer():
            case_dir = self._case_dir(case_id)
            if os.path.lexists(case_dir):
                raise ConflictError(self._latest_readable(case_id, "case"), envelopes[0].body, None)
            shutil.rmtree(staging, ignore_errors=True)
            marker = self._mark_pending(case_id, "all")
            try:
                private_dir(staging)
                for env in envelopes:
                    doc_dir = staging / check_id(env.id, "document id")
                    private_dir(doc_dir)
                    self._link_new_file(doc_dir, env)
                os.rename(staging, case_dir)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                marker.unlink(missing_ok=True)
                raise
            with contextlib.suppress(OSError):
                fsync_dir(self.cases_dir)
            self._after_commit(case_id, marker)
        return len(envelopes)

    # --- rebuilding, checking, repairing ------------------------------------------

    def reindex(self) -> int:
        return self.reindex_report().indexed

    def reindex_report(self) -> IndexReport:
        with self._writer():
            skipped: list[tuple[str, str]] = []
            status = self._index.status()
            if status == "missing":
                private_index_file(self.index_path)
            if status in ("missing", "incomplete"):
                self._index.ensure_wal()
            self._index.rebuild(self._entries_for_rebuild(skipped), fresh=status == "corrupt")
            self._clear_markers_locked()
            indexed = len(self._index.case_ids())
        return IndexReport(indexed, skipped)

    def check(self) -> list[str]:
        """Every problem in the files and the index. Suspicions found without the lock
        (a save may be in flight) are confirmed under it, for those cases only, so a
        healthy live store is never reported broken."""
        problems = self._layout_problems()
        try:
            snap = self._index.snapshot()
        except IndexUnavailableError as exc:
            return [*problems, f"{exc}; run 'hjulet reindex' once it can be written"]
        if not snap.complete:
            problems.append(
                "the index is incomplete (an interrupted rebuild?); run 'hjulet reindex'"
            )
        names = set(self._case_names()) | snap.cases
        by_case = _documents_by_case(snap)
        found = {name: self._check_case(name, snap, by_case) for name in sorted(names)}
        suspicious = sorted(name for name, lines in found.items() if lines)
        if suspicious and not self.read_only:
            fd = self._acquire(CHECK_LOCK_TIMEOUT)
            if fd is None:
                return [
                    *problems,
                    f"{len(suspicious)} case(s) could not be confirmed: another process "
                    "held the writer lock throughout; run 'hjulet check' again",
                ]
            try:
                confirm = self._index.snapshot(suspicious)
                by_case = _documents_by_case(confirm)
                for name in suspicious:
                    found[name] = self._check_case(name, confirm, by_case)
            finally:
                os.close(fd)
        for name in sorted(found):
            problems += found[name]
        return problems

    def _layout_problems(self) -> list[str]:
        problems = []
        for path in (self.cases_dir, self.pending_dir, self.index_path, self.lock_path):
            if os.path.islink(path):
                problems.append(f"{path} is a symbolic link; the store never follows links")
        for path in (self.root, self.cases_dir, self.index_path):
            with contextlib.suppress(FileNotFoundError):
                mode = stat.S_IMODE(os.lstat(path).st_mode)
                if mode & 0o077:
                    problems.append(
                        f"{path} can be read by others (mode {mode:04o}); run 'hjulet repair'"
                    )
        for name in sorted(os.listdir(self.root)):
            match = _TMP_PID.match(name) or _REBUILD_PID.match(name)
            if match and not pid_alive(int(match.group(1))):
                problems.append(
                    f"{self.root / name}: left by an interrupted import or rebuild; "
                    "run 'hjulet repair'"
                )
        return problems

    def _check_case(
        self, name: str, snap: Snapshot, by_case: dict[str, dict[tuple[str, str], Any]]
    ) -> list[str]:
        path = self.cases_dir / name
        indexed_docs = by_case.get(name, {})
        if not os.path.lexists(path):
            if name in snap.cases or indexed_docs:
                return [f"the index lists case {name}, which has no folder; run 'hjulet reindex'"]
            return []
        if not is_valid_id(name):
            return [f"{path}: not a case folder name"]
        if os.path.islink(path):
            return [f"{path} is a symbolic link; the store never follows links"]
        if not path.is_dir():
            return [f"{path}: unexpected entry"]
        problems: list[str] = []
        on_disk: dict[tuple[str, str], tuple[str, int]] = {}
        for entry in sorted(os.listdir(path)):
            doc_dir = path / entry
            if entry.startswith(_TMP_PREFIX):
                problems.append(f"{doc_dir}: left by an interrupted save; run 'hjulet repair'")
            elif not is_valid_id(entry):
                problems.append(f"{doc_dir}: unexpected entry")
            elif os.path.islink(doc_dir):
                problems.append(f"{doc_dir} is a symbolic link; the store never follows links")
            elif not doc_dir.is_dir():
                problems.append(f"{doc_dir}: unexpected entry")
            else:
                problems += self._check_document(name, entry, doc_dir, on_disk)
        has_case = (name, "case") in on_disk
        if not has_case and not self._revisions_in(path / "case"):
            problems.append(f"{path}: a case folder without a case document; run 'hjulet repair'")
        for key in sorted(set(on_disk) | set(indexed_docs)):
            if on_disk.get(key) != indexed_docs.get(key):
                problems.append(
                    f"index disagrees for {key[0]}/{key[1]}: files say {on_disk.get(key)}, "
                    f"index says {indexed_docs.get(key)}; run 'hjulet reindex'"
                )
        if has_case != (name in snap.cases):
            problems.append(f"index and files disagree on case {name}; run 'hjulet reindex'")
        return problems

    def _check_document(
        self,
        case_id: str,
        doc_id: str,
        doc_dir: Path,
        on_disk: dict[tuple[str, str], tuple[str, int]],
    ) -> list[str]:
        problems: list[str] = []
        for name in sorted(os.listdir(doc_dir)):
            if name.startswith(_TMP_PREFIX):
                problems.append(
                    f"{doc_dir / name}: left by an interrupted save; run 'hjulet repair'"
                )
            elif not _REVISION_FILE.match(name):
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
        kind = kind or (self._kind_of(case_id, doc_id, revisions) or "" if revisions else "")
        if revisions and kind:
            on_disk[(case_id, doc_id)] = (kind, revisions[-1])
        return problems

    def repair(self) -> list[str]:
        """Remove what interrupted writes left (temporary files, staging folders, case
        folders that never got a case document), make everything owner-only, and bring
        the index up to date. Never follows a link and never removes a revision."""
        actions: list[str] = []
        with self._writer():
            actions += [f"removed {p}" for p in self._remove_root_leftovers_locked()]
            for name in self._case_names():
                actions += self._repair_case_locked(name)
            tightened = self._tighten_permissions_locked()
            if tightened:
                actions.append(f"made {tightened} files and folders owner-only (0600/0700)")
            self._catch_up_locked(self._index)
        return actions

    def _repair_case_locked(self, name: str) -> list[str]:
        path = self.cases_dir / name
        if os.path.islink(path):
            return [
                f"left {path} as it is: a symbolic link; "
                "move the real folder here or remove the link"
            ]
        if not path.is_dir() or not is_valid_id(name):
            return [f"left {path} as it is: not a case folder; move it out of the data folder"]
        actions = []
        for entry in sorted(os.listdir(path)):
            doc_dir = path / entry
            if entry.startswith(_TMP_PREFIX) and not os.path.isdir(doc_dir):
                doc_dir.unlink()
                actions.append(f"removed {doc_dir}")
            elif doc_dir.is_dir() and not os.path.islink(doc_dir):
                for tmp in sorted(os.listdir(doc_dir)):
                    if tmp.startswith(_TMP_PREFIX):
                        (doc_dir / tmp).unlink()
                        actions.append(f"removed {doc_dir / tmp}")
                if not os.listdir(doc_dir):
                    doc_dir.rmdir()
                    actions.append(f"removed empty folder {doc_dir}")
        if not os.listdir(path):
            path.rmdir()
            actions.append(f"removed {path}: a case folder with no document")
        elif not self._revisions_in(path / "case"):
            actions.append(
                f"left {path} as it is: it holds documents but no case document; "
                "move or remove it by hand"
            )
        return actions

    def _tighten_permissions_locked(self) -> int:
        count = 0
        for top, dirs, files in os.walk(self.root):
            for name, private in [(d, PRIVATE_DIR) for d in dirs] + [
                (f, PRIVATE_FILE) for f in files
            ]:
                path = Path(top) / name
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    continue
                if stat.S_IMODE(info.st_mode) & 0o077:
                    os.chmod(path, stat.S_IMODE(info.st_mode) & private, follow_symlinks=False)
                    count += 1
        info = os.lstat(self.root)
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(self.root, PRIVATE_DIR)
            count += 1
        return count

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
        self._index.update([], [])

    def _remove_tree_locked(self, folder: Path) -> int:
        """Rename ``folder`` out of the case tree in one step, then delete it; returns the
        number of revision files it held."""
        revisions = sum(
            1 for _, _, names in os.walk(folder) for n in names if _REVISION_FILE.match(n)
        )
        gone = self.root / f".tmp-delete-{secrets.token_hex(8)}"
        os.rename(folder, gone)
        fsync_dir(folder.parent)
        shutil.rmtree(gone)
        return revisions

    def delete_case(self, case_id: str) -> int:
        with self._writer():
            case_dir = self._case_dir(case_id)
            if not case_dir.is_dir():
                raise NotFoundError(f"no case {case_id}")
            revisions = self._remove_tree_locked(case_dir)
            # The index row holds the child's name: overwritten, not just unlinked.
            self._index.erase(case_id)
        return revisions

    def delete_document(self, case_id: str, doc_id: str) -> int:
        if doc_id == "case":
            raise InvalidInputError("the case document goes only with the whole case")
        with self._writer():
            doc_dir = self._doc_dir(case_id, doc_id)
            if not self._revisions_in(doc_dir):
                raise NotFoundError(f"{case_id} has no document {doc_id}")
            revisions = self._remove_tree_locked(doc_dir)
            self._index.put(self._case_entry(case_id))
        return revisions
