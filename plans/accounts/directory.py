"""The account directory: users and case memberships in one small SQLite database.

    DATA/accounts.sqlite3   owner-only (0600), beside the file store's data

Memberships say who may open a case and why: the person who created it, someone the named
person granted access to, and the case's named person, lead professional and partner
contacts whose e-mail belongs to an account (kept in step with the case on every save).
A PostgreSQL deployment keeps the same two tables in its database (docs/operations.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from plans.accounts.model import AccountRole, User

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
    oidc_subject TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0, failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT, created_at TEXT
);
CREATE TABLE IF NOT EXISTS members (
    case_id TEXT NOT NULL, username TEXT NOT NULL, reason TEXT NOT NULL,
    granted_by TEXT NOT NULL DEFAULT '', granted_on TEXT NOT NULL,
    PRIMARY KEY (case_id, username, reason)
);
CREATE INDEX IF NOT EXISTS members_by_user ON members (username);
CREATE TABLE IF NOT EXISTS flags (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


class MemberReason(StrEnum):
    CREATED = "created"
    GRANTED = "granted"
    NAMED_PERSON = "named_person"
    LEAD_PROFESSIONAL = "lead_professional"
    PARTNER = "partner"


DERIVED = frozenset(
    {MemberReason.NAMED_PERSON, MemberReason.LEAD_PROFESSIONAL, MemberReason.PARTNER}
)
"""Reasons that follow the case document: recomputed on every save of the case."""


@dataclass(frozen=True)
class Membership:
    case_id: str
    username: str
    reason: MemberReason
    granted_by: str
    granted_on: dt.date


def _user(row: sqlite3.Row) -> User:
    return User(
        username=row["username"],
        display_name=row["display_name"],
        role=AccountRole(row["role"]),
        organisation=row["organisation"],
        email=row["email"],
        oidc_subject=row["oidc_subject"],
        password_hash=row["password_hash"],
        disabled=bool(row["disabled"]),
        failed_attempts=int(row["failed_attempts"]),
        locked_until=dt.datetime.fromisoformat(row["locked_until"])
        if row["locked_until"]
        else None,
        created_at=dt.datetime.fromisoformat(row["created_at"]) if row["created_at"] else None,
    )


class Directory:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # Created owner-only before SQLite opens it; its -wal/-shm files copy the mode.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        with self._db() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    # --- users ----------------------------------------------------------------------------

    def user(self, username: str) -> User | None:
        with self._db() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return _user(row) if row else None

    def user_by(self, *, email: str = "", oidc_subject: str = "") -> User | None:
        """The account with this identity provider subject, else this e-mail (any case)."""
        with self._db() as conn:
            if oidc_subject:
                row = conn.execute(
                    "SELECT * FROM users WHERE oidc_subject = ?", (oidc_subject,)
                ).fetchone()
                if row:
                    return _user(row)
            if email:
                row = conn.execute(
                    "SELECT * FROM users WHERE lower(email) = lower(?)", (email.strip(),)
                ).fetchone()
                if row:
                    return _user(row)
        return None

    def users(self) -> list[User]:
        with self._db() as conn:
            rows = conn.execute("SELECT * FROM users ORDER BY username").fetchall()
        return [_user(r) for r in rows]

    def has_users(self) -> bool:
        with self._db() as conn:
            return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def add_user(self, user: User) -> bool:
        """False when the username is taken."""
        try:
            with self._db() as conn:
                conn.execute(
                    "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        user.username,
                        user.display_name,
                        user.role.value,
                        user.organisation,
                        user.email,
                        user.oidc_subject,
                        user.password_hash,
                        int(user.disabled),
                        user.failed_attempts,
                        user.locked_until.isoformat() if user.locked_until else None,
                        (user.created_at or dt.datetime.now(dt.UTC)).isoformat(),
                    ),
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def update_user(self, username: str, **fields: Any) -> None:
        allowed = {
            "display_name",
            "role",
            "organisation",
            "email",
            "oidc_subject",
            "password_hash",
            "disabled",
            "failed_attempts",
            "locked_until",
        }
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown user fields: {sorted(unknown)}")
        values = {
            k: (
                v.isoformat()
                if isinstance(v, dt.datetime)
                else v.value
                if isinstance(v, StrEnum)
                else v
            )
            for k, v in fields.items()
        }
        columns = ", ".join(f"{k} = ?" for k in values)
        with self._db() as conn:
            conn.execute(
                f"UPDATE users SET {columns} WHERE username = ?", (*values.values(), username)
            )

    def record_failure(
        self, username: str, now: dt.datetime, limit: int, lock: dt.timedelta
    ) -> int:
        """Count one failed sign-in atomically; lock the account at ``limit``. Returns the count."""
        with self._db() as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute(
                "SELECT failed_attempts FROM users WHERE username = ?", (username,)
            ).fetchone()
            if row is None:
                return 0
            count = int(row["failed_attempts"]) + 1
            locked = (now + lock).isoformat() if count >= limit else None
            conn.execute(
                "UPDATE users SET failed_attempts = ?, locked_until = coalesce(?, locked_until) "
                "WHERE username = ?",
                (0 if locked else count, locked, username),
            )
            return limit if locked else count

    def flag(self, name: str) -> bool:
        with self._db() as conn:
            row = conn.execute("SELECT value FROM flags WHERE name = ?", (name,)).fetchone()
        return bool(row and row["value"])

    def set_flag(self, name: str, value: bool) -> None:
        with self._db() as conn:
            conn.execute("INSERT OR REPLACE INTO flags VALUES (?, ?)", (name, int(value)))

    # --- memberships ----------------------------------------------------------------------

    def members(self, case_id: str) -> list[Membership]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT * FROM members WHERE case_id = ? ORDER BY username, reason", (case_id,)
            ).fetchall()
        return [
            Membership(
                r["case_id"],
                r["username"],
                MemberReason(r["reason"]),
                r["granted_by"],
                dt.date.fromisoformat(r["granted_on"]),
            )
            for r in rows
        ]

    def is_member(self, case_id: str, username: str) -> bool:
        with self._db() as conn:
            row = conn.execute(
                "SELECT 1 FROM members WHERE case_id = ? AND username = ? LIMIT 1",
                (case_id, username),
            ).fetchone()
        return row is not None

    def reasons_of(self, username: str) -> dict[str, set[MemberReason]]:
        """Every case the person is a member of, with why: one query for a whole list."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT case_id, reason FROM members WHERE username = ?", (username,)
            ).fetchall()
        found: dict[str, set[MemberReason]] = {}
        for r in rows:
            found.setdefault(r["case_id"], set()).add(MemberReason(r["reason"]))
        return found

    def cases_of(self, username: str) -> frozenset[str]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT DISTINCT case_id FROM members WHERE username = ?", (username,)
            ).fetchall()
        return frozenset(r["case_id"] for r in rows)

    def add_member(
        self, case_id: str, username: str, reason: MemberReason, by: str, on: dt.date
    ) -> bool:
        """False when that membership exists already."""
        with self._db() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO members VALUES (?, ?, ?, ?, ?)",
                (case_id, username, reason.value, by, on.isoformat()),
            )
            return cursor.rowcount == 1

    def remove_member(self, case_id: str, username: str, reasons: Iterable[MemberReason]) -> int:
        with self._db() as conn:
            return sum(
                conn.execute(
                    "DELETE FROM members WHERE case_id = ? AND username = ? AND reason = ?",
                    (case_id, username, r.value),
                ).rowcount
                for r in reasons
            )

    def set_derived(
        self, case_id: str, derived: Iterable[tuple[str, MemberReason]], by: str, on: dt.date
    ) -> None:
        """Replace the memberships that follow the case document with ``derived``."""
        wanted = set(derived)
        with self._db() as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                f"DELETE FROM members WHERE case_id = ? AND reason IN "
                f"({', '.join('?' * len(DERIVED))})",
                (case_id, *sorted(r.value for r in DERIVED)),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO members VALUES (?, ?, ?, ?, ?)",
                [(case_id, u, r.value, by, on.isoformat()) for u, r in sorted(wanted)],
            )

    def forget_case(self, case_id: str) -> None:
        with self._db() as conn:
            conn.execute("DELETE FROM members WHERE case_id = ?", (case_id,))


@lru_cache(maxsize=8)
def _directory_at(path: str) -> Directory:
    return Directory(Path(path))


def directory_for(store: object) -> Directory:
    """The accounts that go with a store: beside a file store's data folder (a database
    store names its folder as ``accounts_dir`` until the accounts move into it)."""
    root = getattr(store, "accounts_dir", None) or getattr(store, "root", None)
    if not isinstance(root, Path):
        raise NotImplementedError("accounts are kept beside a file store only (for now)")
    return _directory_at(str(root / "accounts.sqlite3"))
