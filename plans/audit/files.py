"""The audit log in files, beside the file store:

    DATA/audit/log.jsonl   one entry per line, only ever appended to
    DATA/audit/head.json   the last entry's seq and hash, replaced with every append
    DATA/audit/.lock       one writer at a time (flock)

The head record is what makes a cut-off log visible: deleting the last lines of
``log.jsonl`` leaves a chain that is whole in itself, but shorter than the head says.
Folder 0700, files 0600: only the account that runs Hjulet reads them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from plans.audit.base import (
    GENESIS_HASH,
    AuditAction,
    AuditEntry,
    AuditLog,
    chain_problems,
    check_actor,
    check_case_id,
    check_detail,
    entry_hash,
    matches,
)

LOG_NAME = "log.jsonl"
HEAD_NAME = "head.json"
_TAIL_BYTES = 65_536


class AuditLogBrokenError(RuntimeError):
    """The log cannot be appended to without hiding tampering; run ``hjulet audit verify``."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileAuditLog(AuditLog):
    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.log_path = self.folder / LOG_NAME
        self.head_path = self.folder / HEAD_NAME
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)

    # --- locking and the head --------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _read_head(self) -> tuple[int, str] | None:
        try:
            data = json.loads(self.head_path.read_text(encoding="utf-8"))
            return int(data["seq"]), str(data["hash"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):
            return (-1, "")

    def _write_head(self, seq: int, hash_: str) -> None:
        tmp = self.folder / f".head-{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps({"seq": seq, "hash": hash_}).encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.head_path)
        _fsync_dir(self.folder)

    def _last_entry(self) -> tuple[AuditEntry | None, bool]:
        """The last complete entry in the log, and whether the file ends with a newline."""
        try:
            with open(self.log_path, "rb") as fh:
                size = fh.seek(0, os.SEEK_END)
                fh.seek(max(0, size - _TAIL_BYTES))
                tail = fh.read()
        except FileNotFoundError:
            return None, True
        if not tail:
            return None, True
        whole = tail.endswith(b"\n")
        lines = [line for line in tail.split(b"\n") if line.strip()]
        if not whole and lines:
            lines = lines[:-1]
        if not lines:
            return None, whole
        try:
            return AuditEntry.from_json(json.loads(lines[-1])), whole
        except (ValueError, KeyError, TypeError):
            return None, whole

    def _chain_end(self) -> tuple[int, str, bool]:
        """The seq and hash the next entry follows, and whether the log ends with a newline.
        The head decides, so that a cut-off or edited tail stays visible to ``verify``
        after the next append."""
        head = self._read_head()
        last, whole = self._last_entry()
        if head is None:
            if last is None:
                return 0, GENESIS_HASH, whole
            if last.seq == 1 and last.prev_hash == GENESIS_HASH:
                return last.seq, last.hash, whole  # the first append died before its head
            raise AuditLogBrokenError(
                f"{self.head_path} is missing; run 'hjulet audit verify' and restore it"
            )
        if head[0] < 0:
            raise AuditLogBrokenError(f"{self.head_path} is unreadable; run 'hjulet audit verify'")
        if last is not None and last.seq == head[0] + 1 and last.prev_hash == head[1]:
            return last.seq, last.hash, whole  # the last append died before its head
        return head[0], head[1], whole

    # --- writing ---------------------------------------------------------------------

    def record(
        self,
        actor: str,
        action: AuditAction,
        *,
        case_id: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        content: dict[str, Any] = {
            "actor": check_actor(actor),
            "action": AuditAction(action).value,
            "case_id": check_case_id(case_id),
            "detail": check_detail(detail),
        }
        with self._locked():
            seq, prev_hash, whole = self._chain_end()
            at = dt.datetime.now(dt.UTC)
            entry = AuditEntry(seq=seq + 1, at=at, prev_hash=prev_hash, hash="", **content)
            entry = dataclasses.replace(entry, hash=entry_hash(entry.content()))
            line = json.dumps(entry.to_json(), sort_keys=True, ensure_ascii=False) + "\n"
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.fchmod(fd, 0o600)
                # A line cut off by a crash stays a line of its own (verify reports it).
                os.write(fd, (b"" if whole else b"\n") + line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            self._write_head(entry.seq, entry.hash)
        return entry

    # --- reading ---------------------------------------------------------------------

    def _lines(self) -> Iterator[tuple[int, str]]:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as fh:
                for number, line in enumerate(fh, start=1):
                    if line.strip():
                        yield number, line
        except FileNotFoundError:
            return

    def entries(
        self,
        *,
        case_id: str | None = None,
        actor: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[AuditEntry]:
        # A cheap text test first: reading one case's log must not parse every line.
        needle = json.dumps(case_id) if case_id is not None else None
        found = []
        for _, line in self._lines():
            if needle is not None and needle not in line:
                continue
            try:
                entry = AuditEntry.from_json(json.loads(line))
            except (ValueError, KeyError, TypeError):
                continue  # verify reports it
            if matches(entry, case_id=case_id, actor=actor, since=since, until=until):
                found.append(entry)
        return found

    def verify(self) -> list[str]:
        stored: list[tuple[int, dict[str, Any] | None, str]] = []
        for number, line in self._lines():
            try:
                data = json.loads(line)
            except ValueError:
                data = None
            stored.append((number, data if isinstance(data, dict) else None, line))
        problems = chain_problems(stored)
        if problems:
            return problems
        hashes = [GENESIS_HASH] + [str(data["hash"]) for _, data, _ in stored if data]
        last = len(stored)
        head = self._read_head()
        if head is None:
            # One entry and no head: the very first append died before writing its head.
            return [f"entry {last}: the head record {HEAD_NAME} is missing"] if last > 1 else []
        seq, hash_ = head
        if seq < 0:
            return [f"entry {last}: the head record {HEAD_NAME} is unreadable"]
        if seq > last:
            return [
                f"entry {last + 1}: missing – the log ends at entry {last} but its head "
                f"record says {seq} (entries were cut off the end)"
            ]
        if hashes[seq] != hash_:
            return [f"entry {seq}: does not match the head record (it was replaced)"]
        if seq < last - 1:
            # One entry past the head is an append that died before its head was written.
            return [f"entry {seq + 2}: written after the head record's last entry {seq}"]
        return []
