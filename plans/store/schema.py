"""Versioned SQL migrations for the PostgreSQL store: ``plans/store/sql/NNNN_name.sql``.

Applied in order, each in its own transaction, under an advisory lock so that two app
servers starting at once never apply the same migration twice. A database that is newer
than this code is refused rather than written to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg

from plans.store.base import StoreError

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 0x686A756C6574  # "hjulet": one key for every store in one database

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with this version, oldest first."""
    found = []
    for entry in resources.files("plans.store").joinpath("sql").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return found


def applied_versions(conn: psycopg.Connection) -> list[int]:
    with conn.transaction():
        conn.execute(_BOOKKEEPING)
        rows = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [int(r[0]) for r in rows]


def upgrade(conn: psycopg.Connection) -> list[Migration]:
    """Apply what is missing; returns the migrations applied now (empty when up to date)."""
    shipped = migrations()
    done: list[Migration] = []
    with conn.transaction():
        # Held until this transaction ends: a second server waits, then finds nothing to do.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(_BOOKKEEPING)
        applied = {
            int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations").fetchall()
        }
        newest = max(applied, default=0)
        if newest > len(shipped):
            raise StoreError(
                f"the database is at schema version {newest}, newer than this hjulet "
                f"({len(shipped)}); upgrade hjulet before using this database"
            )
        for migration in shipped:
            if migration.version in applied:
                continue
            with conn.transaction():
                conn.execute(migration.sql.encode("utf-8"))
                conn.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                    (migration.version, migration.name),
                )
            done.append(migration)
    return done


def pending(conn: psycopg.Connection) -> list[Migration]:
    applied = set(applied_versions(conn))
    return [m for m in migrations() if m.version not in applied]
