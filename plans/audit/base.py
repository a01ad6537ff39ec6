"""Audit entries, their hash chain and the interface every backend implements."""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

GENESIS_HASH = "0" * 64
"""What the first entry names as the hash before it."""

DetailValue = str | int | bool | None

_DETAIL_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_DETAIL_TEXT = re.compile(r"^[A-Za-z0-9_.:\-]{0,80}$")
"""An id, a kind, an audience (``partner:org-id``), a date: no spaces, so no free text."""
_CASE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")
MAX_DETAIL_ITEMS = 16
MAX_ACTOR_CHARS = 120


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKOUT = "lockout"
    SIGN_OUT = "sign_out"
    OPEN_CASE = "open_case"
    SAVE = "save"
    EXPORT = "export"
    PDF = "pdf"
    CONSENT_GIVEN = "consent_given"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    ACCESS_GRANTED = "access_granted"
    ACCESS_REVOKED = "access_revoked"
    ACCESS_DENIED = "access_denied"
    USER_CHANGED = "user_changed"
    DELETED = "deleted"
    IMPORT = "import"
    RESTORE = "restore"
    DRAFT_RESTORED = "draft_restored"
    """Unsaved work kept on the server was brought back into a new session."""
    SURVEYS_MOVED = "surveys_moved"
    """Anonymous family surveys moved out of their cases (a one-off migration)."""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: dt.datetime
    """When, in UTC."""
    actor: str
    """The username of the person (or ``operator`` at the command line)."""
    action: str
    case_id: str | None
    detail: dict[str, DetailValue]
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        """Everything the hash covers, as stored."""
        return {
            "seq": self.seq,
            "at": format_at(self.at),
            "actor": self.actor,
            "action": self.action,
            "case_id": self.case_id,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.content(), "hash": self.hash}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuditEntry:
        """Raises ValueError (or KeyError/TypeError) for anything that is not an entry."""
        at = dt.datetime.fromisoformat(str(data["at"]).replace("Z", "+00:00"))
        detail = data["detail"]
        if not isinstance(detail, dict):
            raise ValueError("detail is not an object")
        seq = data["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise ValueError("seq is not a number")
        case_id = data["case_id"]
        return cls(
            seq=seq,
            at=at,
            actor=str(data["actor"]),
            action=str(data["action"]),
            case_id=None if case_id is None else str(case_id),
            detail=dict(detail),
            prev_hash=str(data["prev_hash"]),
            hash=str(data["hash"]),
        )


def format_at(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def entry_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the entry's canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _detail_value(key: str, value: object) -> DetailValue:
    if isinstance(value, StrEnum):
        value = value.value
    if isinstance(value, dt.date):
        value = value.isoformat()
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str) and _DETAIL_TEXT.match(value):
        return value
    raise ValueError(f"audit detail {key!r} must be an id, a code or a number")


def check_detail(detail: Mapping[str, object] | None) -> dict[str, DetailValue]:
    """The detail as stored, or ValueError: short keys, and values that are numbers,
    booleans, None or short tokens without spaces (ids, kinds, revisions, audiences), so
    a sentence or a full name cannot end up in the log by mistake."""
    out: dict[str, DetailValue] = {}
    for key, value in (detail or {}).items():
        if not isinstance(key, str) or not _DETAIL_KEY.match(key):
            raise ValueError(f"audit detail key {key!r} is not a short lowercase name")
        out[key] = _detail_value(key, value)
    if len(out) > MAX_DETAIL_ITEMS:
        raise ValueError(f"audit detail has more than {MAX_DETAIL_ITEMS} items")
    return out


def check_actor(actor: str) -> str:
    if not isinstance(actor, str) or not actor.strip():
        raise ValueError("an audit entry needs the acting username")
    if len(actor) > MAX_ACTOR_CHARS or any(ch < " " for ch in actor):
        raise ValueError("the acting username is too long or holds control characters")
    return actor


def check_case_id(case_id: str | None) -> str | None:
    if case_id is not None and not _CASE_ID.match(case_id):
        raise ValueError(f"'{case_id}' is not a case id")
    return case_id


def chain_problems(entries: list[tuple[int, dict[str, Any] | None, str]]) -> list[str]:
    """Problems in a chain of stored entries, first the first broken entry.

    ``entries`` holds (line number, the parsed JSON or None when unreadable, raw text)."""
    problems: list[str] = []
    prev_hash = GENESIS_HASH
    expected = 1
    for line_no, data, _raw in entries:
        if data is None:
            problems.append(f"entry {expected}: line {line_no} is not a readable entry")
            return problems
        try:
            entry = AuditEntry.from_json(data)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"entry {expected}: line {line_no} is not a valid entry ({exc})")
            return problems
        if entry.seq != expected:
            problems.append(
                f"entry {expected}: line {line_no} holds entry {entry.seq} "
                "(an entry was deleted, reordered or inserted)"
            )
            return problems
        if entry.prev_hash != prev_hash:
            problems.append(
                f"entry {entry.seq}: does not follow the entry before it "
                "(an entry before it was changed, deleted or reordered)"
            )
            return problems
        if entry_hash(entry.content()) != entry.hash:
            problems.append(f"entry {entry.seq}: its content was changed after it was written")
            return problems
        prev_hash = entry.hash
        expected += 1
    return problems


class AuditLog(abc.ABC):
    """Append-only and hash-chained. Backends: files (``FileAuditLog``); a database
    backend keeps the same entries and the same chain."""

    @abc.abstractmethod
    def record(
        self,
        actor: str,
        action: AuditAction,
        *,
        case_id: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        """Append one entry. Raises ValueError for a detail that could hold free text."""

    @abc.abstractmethod
    def entries(
        self,
        *,
        case_id: str | None = None,
        actor: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[AuditEntry]:
        """Entries oldest first, filtered; ``since``/``until`` are inclusive UTC days."""

    @abc.abstractmethod
    def verify(self) -> list[str]:
        """Empty when intact; otherwise the problems, first naming the first broken entry."""


def matches(
    entry: AuditEntry,
    *,
    case_id: str | None,
    actor: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> bool:
    day = entry.at.astimezone(dt.UTC).date()
    return (
        (case_id is None or entry.case_id == case_id)
        and (actor is None or entry.actor == actor)
        and (since is None or day >= since)
        and (until is None or day <= until)
    )
