"""Whole stores moved, backed up and checked: every revision copied as it is, then
verified by counts and a content hash per revision.

A backup file is gzip-compressed JSON lines: a header, one envelope per line (a case's
case document first, then each document's revisions in order), and a trailer with the
count and the digest, so a truncated or edited backup is refused before anything is
written.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import itertools
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from plans.documents.migrations import MigrationError
from plans.store.base import ConflictError, InvalidInputError, Store
from plans.store.envelope import Envelope

BACKUP_FORMAT = "hjulet-backup"
BACKUP_END = "hjulet-backup-end"
MAX_LINE_BYTES = 6_000_000
"""A line longer than any revision the stores accept is hostile, not read on."""

Key = tuple[str, str, int]


class RevisionClashError(ConflictError):
    """The target holds a revision with the same number as the source but other content."""

    def __init__(self, keys: list[Key]) -> None:
        case_id, doc_id, revision = keys[0]
        Exception.__init__(
            self,
            f"conflict: {len(keys)} revision(s) differ from the store's, first "
            f"{case_id}/{doc_id} revision {revision}; nothing was written",
        )
        self.theirs, self.mine, self.based_on = None, {}, None
        self.keys = keys


def revision_hash(env: Envelope) -> str:
    """The content hash of one revision: SHA-256 of its canonical JSON, the same
    whichever backend holds it (JSONB does not keep key order; this does not care)."""
    canonical = json.dumps(
        env.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class Inventory:
    """What a store (or a backup) holds: every revision's hash, and the totals."""

    hashes: dict[Key, str] = field(default_factory=dict)

    def add(self, env: Envelope) -> None:
        self.hashes[(env.case_id, env.id, env.revision)] = revision_hash(env)

    @property
    def cases(self) -> int:
        return len({k[0] for k in self.hashes})

    @property
    def documents(self) -> int:
        return len({k[:2] for k in self.hashes})

    @property
    def revisions(self) -> int:
        return len(self.hashes)

    def digest(self) -> str:
        """One hash over every revision's hash, in key order: equal digests, equal stores."""
        h = hashlib.sha256()
        for (case_id, doc_id, revision), value in sorted(self.hashes.items()):
            h.update(f"{case_id}/{doc_id}/{revision} {value}\n".encode())
        return h.hexdigest()

    def lines(self) -> Iterator[str]:
        for (case_id, doc_id, revision), value in sorted(self.hashes.items()):
            yield f"{case_id}/{doc_id}/{revision:06d} {value}"

    def summary(self) -> dict[str, int | str]:
        return {
            "cases": self.cases,
            "documents": self.documents,
            "revisions": self.revisions,
            "digest": self.digest(),
        }


def inventory(revisions: Iterable[Envelope]) -> Inventory:
    found = Inventory()
    for env in revisions:
        found.add(env)
    return found


@dataclass(frozen=True)
class CopyReport:
    written: int
    present: int
    source: Inventory
    missing: list[str]
    """Revisions of the source the target lacks or holds differently (empty when verified)."""

    @property
    def verified(self) -> bool:
        return not self.missing


def _by_case(revisions: Iterable[Envelope]) -> Iterator[list[Envelope]]:
    for _case_id, group in itertools.groupby(revisions, key=lambda e: e.case_id):
        yield list(group)


def copy_revisions(revisions: Iterable[Envelope], target: Store) -> tuple[int, int, Inventory]:
    """Copy every revision into ``target``: a case the target lacks is written whole in one
    step; a case it has gets only the revisions it lacks (an identical one is skipped, a
    different one with the same number is a conflict). So copying again is safe."""
    written = present = 0
    copied = Inventory()
    for envelopes in _by_case(revisions):
        for env in envelopes:
            copied.add(env)
        if target.latest_or_none(envelopes[0].case_id, "case") is None:
            written += target.import_case(envelopes)
            continue
        for env in envelopes:
            if target.import_revision(env):
                written += 1
            else:
                present += 1
    return written, present, copied


def differences(expected: Inventory, target: Store) -> list[str]:
    """Every revision of ``expected`` the target lacks or holds with other content."""
    actual = inventory(target.iter_revisions())
    problems = []
    for key, value in sorted(expected.hashes.items()):
        theirs = actual.hashes.get(key)
        if theirs != value:
            what = "missing" if theirs is None else f"differs ({theirs[:12]} ≠ {value[:12]})"
            problems.append(f"{key[0]}/{key[1]} revision {key[2]}: {what}")
    return problems


def copy_store(source: Store, target: Store) -> CopyReport:
    written, present, copied = copy_revisions(source.iter_revisions(), target)
    return CopyReport(written, present, copied, differences(copied, target))


def is_empty(store: Store) -> bool:
    return store.count_cases() == 0


# --- backup files -------------------------------------------------------------------------------


def write_backup(store: Store, out: Path) -> Inventory:
    """Write a consistent snapshot of ``store`` to ``out`` (never a half file: a temporary
    file beside it is fsynced, then renamed into place)."""
    out = out.resolve()
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    taken = Inventory()
    try:
        with open(tmp, "xb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                header = {
                    "format": BACKUP_FORMAT,
                    "version": 1,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                }
                gz.write((json.dumps(header) + "\n").encode())
                for env in store.iter_revisions():
                    taken.add(env)
                    line = json.dumps(env.model_dump(mode="json"), ensure_ascii=False)
                    gz.write((line + "\n").encode("utf-8"))
                trailer = {
                    "format": BACKUP_END,
                    "revisions": taken.revisions,
                    "digest": taken.digest(),
                }
                gz.write((json.dumps(trailer) + "\n").encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return taken


def _lines(path: Path) -> Iterator[bytes]:
    try:
        with gzip.open(path, "rb") as gz:
            while True:
                line = gz.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                if len(line) > MAX_LINE_BYTES:
                    raise InvalidInputError(f"{path}: a line is longer than any revision can be")
                yield line
    except (OSError, EOFError, zlib.error) as exc:
        if isinstance(exc, FileNotFoundError | PermissionError):
            raise
        raise InvalidInputError(f"{path}: not a readable backup ({exc})") from None


def backup_revisions(path: Path) -> Iterator[Envelope]:
    """The envelopes of a backup, in order; the header and trailer are checked."""
    lines = _lines(path)
    try:
        header = json.loads(next(lines, b"{}"))
    except json.JSONDecodeError:
        header = {}
    if not isinstance(header, dict) or header.get("format") != BACKUP_FORMAT:
        raise InvalidInputError(f"{path}: not a hjulet backup")
    if header.get("version") != 1:
        raise InvalidInputError(f"{path}: backup version {header.get('version')} is unknown")
    seen = Inventory()
    for number, line in enumerate(lines, start=2):
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise InvalidInputError(f"{path}: line {number} is not JSON") from None
        if isinstance(data, dict) and data.get("format") == BACKUP_END:
            if data.get("revisions") != seen.revisions or data.get("digest") != seen.digest():
                raise InvalidInputError(f"{path}: the trailer does not match the revisions")
            if next(lines, None) is not None:
                raise InvalidInputError(f"{path}: lines after the trailer")
            return
        try:
            env = Envelope.model_validate(data)
        except ValidationError as exc:
            raise InvalidInputError(
                f"{path}: line {number} is not a valid revision ({exc.errors()[0]['msg']})"
            ) from None
        seen.add(env)
        yield env
    raise InvalidInputError(f"{path}: the backup is truncated (no trailer)")


def read_backup(path: Path) -> Inventory:
    """Check a whole backup without writing anything; returns what it holds."""
    return inventory(backup_revisions(path))


def restore_backup(path: Path, target: Store) -> CopyReport:
    expected = read_backup(path)  # everything checked before the first write
    for env in backup_revisions(path):
        try:
            env.parsed()
        except (ValidationError, MigrationError, ValueError) as exc:
            raise InvalidInputError(
                f"{path}: {env.case_id}/{env.id} revision {env.revision} does not parse: "
                f"{str(exc).splitlines()[0]}"
            ) from None
    current = inventory(target.iter_revisions())
    clashes = [k for k, v in expected.hashes.items() if current.hashes.get(k, v) != v]
    if clashes:
        raise RevisionClashError(clashes)
    written, present, _ = copy_revisions(backup_revisions(path), target)
    return CopyReport(written, present, expected, differences(expected, target))
