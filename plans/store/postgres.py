"""The region's store: the same envelopes in PostgreSQL, chosen by ``HJULET_DATABASE_URL``.

    revisions (case_id, doc_id, revision) PRIMARY KEY, envelope jsonb   never updated
    documents (case_id, doc_id) -> kind, latest                         the latest revision
    cases     case_id -> list columns + facts jsonb                     the case index
    store_generation                                                    the cache key

A save is one transaction: it locks its case's index row (so saves to one case take
turns and the row is always computed from every latest document), checks that the
parent is the latest, and inserts the new revision; the primary key refuses a second
writer of the same revision even if every check above were wrong. Several app servers
share one database; the file store stays the default for a single machine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool
from pydantic import BaseModel, ValidationError

from plans.audit import FileAuditLog
from plans.documents import KINDS
from plans.documents.migrations import MigrationError
from plans.store import schema
from plans.store.base import (
    MAX_PAGE,
    CaseFilter,
    CaseSummary,
    ConflictError,
    CorruptDocumentError,
    DocumentRef,
    InvalidInputError,
    NotFoundError,
    RevisionInfo,
    Store,
    StoreError,
    StoreUnavailableError,
    check_id,
    doc_id_for,
)
from plans.store.envelope import Envelope, make_envelope
from plans.store.summary import summarize
from plans.store.surveys import FileAnonymousSurveys

Conn = psycopg.Connection[TupleRow]

_CASE_COLUMNS = (
    "case_id, type, display_name, status, named_person, team, next_review, raised_on,"
    " updated_at, facts"
)

ORDERS = {
    "review": "next_review IS NULL, coalesce(next_review, raised_on), case_id",
    "name": "lower(display_name), case_id",
    "updated": "updated_at DESC NULLS LAST, case_id",
}
"""The orders the case list can be paged in; each matches an index or a cheap sort."""


def _summary(row: Sequence[Any]) -> CaseSummary:
    return CaseSummary(
        id=row[0],
        type=row[1],
        display_name=row[2] or "",
        status=row[3],
        named_person=row[4] or "",
        team=row[5] or "",
        next_review=row[6],
        raised_on=row[7],
        updated_at=row[8].astimezone(dt.UTC) if row[8] else None,
        facts_json=json.dumps(row[9] or {}, ensure_ascii=False),
    )


def _envelope(raw: Any, where: str) -> Envelope:
    try:
        return Envelope.model_validate(raw)
    except ValidationError as exc:
        raise CorruptDocumentError(
            f"{where}: not a valid document ({exc.error_count()} problem(s), "
            f"first: {exc.errors()[0]['msg']})"
        ) from None


def _parse(env: Envelope) -> Any:
    try:
        return env.parsed()
    except (ValidationError, MigrationError, ValueError) as exc:
        raise CorruptDocumentError(
            f"{env.case_id}/{env.id} revision {env.revision}: body does not parse: {exc}"
        ) from None


class PostgresStore(Store):
    def __init__(
        self,
        url: str,
        *,
        accounts_dir: Path | None = None,
        min_size: int = 1,
        max_size: int = 8,
    ) -> None:
        self.url = url
        self.root = _redacted(url)
        if accounts_dir is None:
            from plans.settings import get_settings

            accounts_dir = get_settings().data_dir
        # Stopgap until accounts and memberships (issue 10) get their tables in this
        # database: they stay in a SQLite file in the data folder, so app servers that
        # share one database must also share that folder (docs/operations.md).
        self.accounts_dir = Path(accounts_dir).resolve()
        self._audit: FileAuditLog | None = None
        try:
            self._pool: ConnectionPool[Conn] = ConnectionPool(
                url, min_size=min_size, max_size=max_size, open=False, name="hjulet"
            )
            self._pool.open(wait=True, timeout=15)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the database {self.root}: {exc}") from None
        except Exception as exc:  # psycopg_pool raises PoolTimeout when the server is down
            raise StoreError(f"cannot connect to the database {self.root}: {exc}") from None
        with self._pool.connection() as conn:
            schema.upgrade(conn)

    def close(self) -> None:
        self._pool.close()

    @contextlib.contextmanager
    def _conn(self) -> Iterator[Conn]:
        """A pooled connection. The server gone or the pool exhausted is said as
        "unavailable, try again" (the app keeps the person's work); a connection the
        server dropped is discarded by the pool, so the next call reconnects."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except psycopg.OperationalError as exc:  # PoolTimeout and PoolClosed are ones too
            raise StoreUnavailableError(
                f"the database {self.root} cannot be reached just now ({type(exc).__name__})"
            ) from None

    # --- reading ---------------------------------------------------------------

    def _load_in(self, conn: Conn, case_id: str, doc_id: str, revision: int | None) -> Envelope:
        if revision is None:
            row = conn.execute(
                "SELECT r.envelope FROM documents d JOIN revisions r ON r.case_id = d.case_id"
                " AND r.doc_id = d.doc_id AND r.revision = d.latest"
                " WHERE d.case_id = %s AND d.doc_id = %s",
                (case_id, doc_id),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"{case_id} has no document {doc_id}")
        else:
            row = conn.execute(
                "SELECT envelope FROM revisions WHERE case_id = %s AND doc_id = %s"
                " AND revision = %s",
                (case_id, doc_id, revision),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"{case_id}/{doc_id} has no revision {revision}")
        env = _envelope(row[0], f"{case_id}/{doc_id}")
        if (env.case_id, env.id) != (case_id, doc_id) or (
            revision is not None and env.revision != revision
        ):
            raise CorruptDocumentError(f"{case_id}/{doc_id}: its envelope names another document")
        return env

    def load(self, case_id: str, doc_id: str, revision: int | None = None) -> Envelope:
        check_id(case_id, "case id")
        check_id(doc_id, "document id")
        with self._conn() as conn:
            return self._load_in(conn, case_id, doc_id, revision)

    def history(self, case_id: str, doc_id: str) -> list[RevisionInfo]:
        check_id(case_id, "case id")
        check_id(doc_id, "document id")
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT revision, parent_revision, saved_at, envelope->>'saved_by',"
                " envelope->>'note' FROM revisions WHERE case_id = %s AND doc_id = %s"
                " ORDER BY revision",
                (case_id, doc_id),
            ).fetchall()
        if not rows:
            raise NotFoundError(f"{case_id} has no document {doc_id}")
        return [
            RevisionInfo(r[0], r[1], r[2].astimezone(dt.UTC), r[3] or "", r[4] or "") for r in rows
        ]

    def documents(self, case_id: str) -> list[DocumentRef]:
        check_id(case_id, "case id")
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT doc_id, kind, latest FROM documents WHERE case_id = %s ORDER BY doc_id",
                (case_id,),
            ).fetchall()
        if not rows:
            raise NotFoundError(f"no case {case_id}")
        return [DocumentRef(doc_id=r[0], kind=r[1], latest=r[2]) for r in rows]

    def list_cases(self) -> list[CaseSummary]:
        with self._conn() as conn:
            rows = conn.execute(
                f"SELECT {_CASE_COLUMNS} FROM cases WHERE type IS NOT NULL"
            ).fetchall()
        return [_summary(r) for r in rows]

    def count_cases(self, query: str = "", *, filters: CaseFilter | None = None) -> int:
        where, params = _search(query, filters or CaseFilter())
        with self._conn() as conn:
            row = conn.execute(
                sql.SQL("SELECT count(*) FROM cases WHERE type IS NOT NULL {}").format(
                    sql.SQL(where)
                ),
                params,
            ).fetchone()
        return int(row[0]) if row else 0

    def page_cases(
        self,
        *,
        offset: int = 0,
        limit: int = 50,
        query: str = "",
        order: str = "review",
        filters: CaseFilter | None = None,
    ) -> list[CaseSummary]:
        if order not in ORDERS:
            raise InvalidInputError(f"unknown order '{order}'; use one of: {', '.join(ORDERS)}")
        where, params = _search(query, filters or CaseFilter())
        with self._conn() as conn:
            rows = conn.execute(
                sql.SQL(
                    "SELECT {} FROM cases WHERE type IS NOT NULL {} ORDER BY {} LIMIT %s OFFSET %s"
                ).format(sql.SQL(_CASE_COLUMNS), sql.SQL(where), sql.SQL(ORDERS[order])),
                [*params, max(0, min(limit, MAX_PAGE)), max(0, offset)],
            ).fetchall()
        return [_summary(r) for r in rows]

    def case_facts(self) -> list[dict[str, Any]]:
        """Every case's countable facts in one query (the follow-up report's input)."""
        with self._conn() as conn:
            rows = conn.execute("SELECT facts FROM cases WHERE type IS NOT NULL").fetchall()
        return [dict(r[0] or {}) for r in rows]

    def has_cases(self) -> bool:
        with self._conn() as conn:
            row = conn.execute("SELECT EXISTS (SELECT 1 FROM revisions)").fetchone()
        return bool(row and row[0])

    def generation(self) -> int:
        with self._conn() as conn:
            row = conn.execute("SELECT value FROM store_generation").fetchone()
        return int(row[0]) if row else 0

    def iter_revisions(self) -> Iterator[Envelope]:
        # One REPEATABLE READ transaction: a consistent snapshot while saves go on.
        with self._conn() as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            try:
                with conn.transaction(), conn.cursor(name="hjulet_snapshot") as cur:
                    cur.itersize = 500
                    cur.execute(
                        "SELECT case_id, doc_id, envelope FROM revisions"
                        " ORDER BY case_id, doc_id <> 'case', doc_id, revision"
                    )
                    for case_id, doc_id, raw in cur:
                        yield _envelope(raw, f"{case_id}/{doc_id}")
            finally:
                conn.isolation_level = None

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
        try:
            env = make_envelope(
                kind=kind,
                doc_id=doc_id,
                case_id=case_id,
                revision=(parent_revision or 0) + 1,
                parent_revision=parent_revision,
                body=body,
                saved_by=saved_by,
                note=note,
            )
        except ValidationError as exc:
            raise InvalidInputError(str(exc)) from exc
        try:
            with self._conn() as conn, conn.transaction():
                self._lock_case(conn, env, creating=kind == "case" and parent_revision is None)
                row = conn.execute(
                    "SELECT kind, latest FROM documents WHERE case_id = %s AND doc_id = %s",
                    (case_id, doc_id),
                ).fetchone()
                latest = row[1] if row else None
                if latest != parent_revision:
                    theirs = self._load_in(conn, case_id, doc_id, latest) if latest else None
                    raise ConflictError(theirs, env.body, parent_revision)
                if row and row[0] != kind:
                    raise InvalidInputError(f"{case_id}/{doc_id} is a {row[0]}, not {kind}")
                self._insert(conn, env)
                self._index_case(conn, case_id)
        except psycopg.errors.UniqueViolation:
            # The key refused a second writer of this revision: someone saved first.
            raise ConflictError(
                self.latest_or_none(case_id, doc_id), env.body, parent_revision
            ) from None
        return env

    def _lock_case(self, conn: Conn, env: Envelope, *, creating: bool) -> None:
        if creating:
            created = conn.execute(
                "INSERT INTO cases (case_id) VALUES (%s) ON CONFLICT DO NOTHING RETURNING 1",
                (env.case_id,),
            ).fetchone()
            if created is None:
                theirs = self._latest_in(conn, env.case_id, "case")
                raise ConflictError(theirs, env.body, None)
            return
        found = conn.execute(
            "SELECT 1 FROM cases WHERE case_id = %s FOR UPDATE", (env.case_id,)
        ).fetchone()
        if found is None:
            if env.kind == "case":  # a change to a case that is not there: nothing to base on
                raise ConflictError(None, env.body, env.parent_revision)
            raise NotFoundError(f"no case {env.case_id}")

    def _latest_in(self, conn: Conn, case_id: str, doc_id: str) -> Envelope | None:
        try:
            return self._load_in(conn, case_id, doc_id, None)
        except NotFoundError:
            return None

    @staticmethod
    def _insert(conn: Conn, env: Envelope) -> None:
        conn.execute(
            "INSERT INTO revisions (case_id, doc_id, revision, kind, parent_revision,"
            " saved_at, envelope) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (
                env.case_id,
                env.id,
                env.revision,
                env.kind,
                env.parent_revision,
                env.saved_at,
                Jsonb(env.model_dump(mode="json")),
            ),
        )
        conn.execute(
            "INSERT INTO documents (case_id, doc_id, kind, latest) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (case_id, doc_id) DO UPDATE"
            " SET latest = greatest(documents.latest, excluded.latest)",
            (env.case_id, env.id, env.kind, env.revision),
        )

    def _index_case(self, conn: Conn, case_id: str) -> None:
        """Recompute the case's row from its latest documents (the caller holds its lock)."""
        rows = conn.execute(
            "SELECT d.doc_id, r.envelope FROM documents d JOIN revisions r"
            " ON r.case_id = d.case_id AND r.doc_id = d.doc_id AND r.revision = d.latest"
            " WHERE d.case_id = %s",
            (case_id,),
        ).fetchall()
        latest: dict[str, Any] = {}
        surveys: list[Any] = []
        updated: dt.datetime | None = None
        for doc_id, raw in rows:
            env = _envelope(raw, f"{case_id}/{doc_id}")
            updated = env.saved_at if updated is None else max(updated, env.saved_at)
            if KINDS[env.kind].singleton:
                latest[env.kind] = _parse(env)
            elif env.kind == "survey":
                surveys.append(_parse(env))
        if "case" not in latest:
            raise NotFoundError(f"case {case_id} has no case document")
        row = summarize(latest, surveys)
        conn.execute("INSERT INTO cases (case_id) VALUES (%s) ON CONFLICT DO NOTHING", (case_id,))
        conn.execute(
            "UPDATE cases SET type = %s, display_name = %s, status = %s, named_person = %s,"
            " team = %s, next_review = %s, raised_on = %s, updated_at = %s, facts = %s"
            " WHERE case_id = %s",
            (
                row["type"],
                row["display_name"],
                row["status"],
                row["named_person"],
                row["team"],
                row["next_review"],
                row["raised_on"],
                updated,
                Jsonb(row["facts"]),
                case_id,
            ),
        )
        # Last, so the one row every save touches is locked for the shortest time.
        conn.execute("UPDATE store_generation SET value = value + 1")

    def import_revision(self, envelope: Envelope) -> bool:
        if envelope.kind not in KINDS:
            raise InvalidInputError(f"unknown document kind '{envelope.kind}'")
        check_id(envelope.case_id, "case id")
        check_id(envelope.id, "document id")
        _parse(envelope)
        with self._conn() as conn, conn.transaction():
            if envelope.kind == "case":
                conn.execute(
                    "INSERT INTO cases (case_id) VALUES (%s) ON CONFLICT DO NOTHING",
                    (envelope.case_id,),
                )
            found = conn.execute(
                "SELECT 1 FROM cases WHERE case_id = %s FOR UPDATE", (envelope.case_id,)
            ).fetchone()
            if found is None:
                raise NotFoundError(f"no case {envelope.case_id}: import its case document first")
            try:
                existing = self._load_in(conn, envelope.case_id, envelope.id, envelope.revision)
            except NotFoundError:
                existing = None
            if existing is not None:
                if existing == envelope:
                    return False
                raise ConflictError(existing, envelope.body, envelope.parent_revision)
            self._insert(conn, envelope)
            has_case = conn.execute(
                "SELECT 1 FROM documents WHERE case_id = %s AND doc_id = 'case'",
                (envelope.case_id,),
            ).fetchone()
            if has_case:
                self._index_case(conn, envelope.case_id)
        return True

    def import_case(self, envelopes: list[Envelope]) -> int:
        """One transaction: all of the case or none of it."""
        case_id = check_id(envelopes[0].case_id, "case id")
        for env in envelopes:
            check_id(env.id, "document id")
            _parse(env)
        with self._conn() as conn, conn.transaction():
            created = conn.execute(
                "INSERT INTO cases (case_id) VALUES (%s) ON CONFLICT DO NOTHING RETURNING 1",
                (case_id,),
            ).fetchone()
            if created is None:
                raise ConflictError(self._latest_in(conn, case_id, "case"), envelopes[0].body, None)
            for env in envelopes:
                self._insert(conn, env)
            self._index_case(conn, case_id)
        return len(envelopes)

    # --- the audit log, anonymous surveys, deletion (retention) -----------------

    # The audit log and the anonymous surveys stay files in the data folder for now, like
    # the accounts (issue 10): shared by the servers of one machine, not yet in SQL.
    def audit_log(self) -> FileAuditLog:
        if self._audit is None:
            self.accounts_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._audit = FileAuditLog(self.accounts_dir / "audit")
        return self._audit

    def anonymous_surveys(self) -> FileAnonymousSurveys:
        self.accounts_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return FileAnonymousSurveys(self.accounts_dir / "surveys", on_change=self._bump)

    def _bump(self) -> None:
        with self._conn() as conn, conn.transaction():
            conn.execute("UPDATE store_generation SET value = value + 1")

    def delete_case(self, case_id: str) -> int:
        check_id(case_id, "case id")
        with self._conn() as conn, conn.transaction():
            if (
                conn.execute(
                    "SELECT 1 FROM cases WHERE case_id = %s FOR UPDATE", (case_id,)
                ).fetchone()
                is None
            ):
                raise NotFoundError(f"no case {case_id}")
            gone = conn.execute("DELETE FROM revisions WHERE case_id = %s", (case_id,)).rowcount
            conn.execute("DELETE FROM documents WHERE case_id = %s", (case_id,))
            conn.execute("DELETE FROM cases WHERE case_id = %s", (case_id,))
            conn.execute("UPDATE store_generation SET value = value + 1")
        return int(gone)

    def delete_document(self, case_id: str, doc_id: str) -> int:
        check_id(case_id, "case id")
        check_id(doc_id, "document id")
        if doc_id == "case":
            raise InvalidInputError("the case document goes only with the whole case")
        with self._conn() as conn, conn.transaction():
            conn.execute("SELECT 1 FROM cases WHERE case_id = %s FOR UPDATE", (case_id,))
            gone = conn.execute(
                "DELETE FROM revisions WHERE case_id = %s AND doc_id = %s", (case_id, doc_id)
            ).rowcount
            if not gone:
                raise NotFoundError(f"{case_id} has no document {doc_id}")
            conn.execute(
                "DELETE FROM documents WHERE case_id = %s AND doc_id = %s", (case_id, doc_id)
            )
            self._index_case(conn, case_id)
        return int(gone)

    # --- health ----------------------------------------------------------------

    def check(self) -> list[str]:
        problems: list[str] = []
        seen: dict[tuple[str, str], tuple[str, list[int]]] = {}
        with self._conn() as conn, conn.transaction():
            with conn.cursor(name="hjulet_check") as cur:
                cur.itersize = 500
                cur.execute(
                    "SELECT case_id, doc_id, revision, kind, envelope FROM revisions"
                    " ORDER BY case_id, doc_id, revision"
                )
                for case_id, doc_id, revision, kind, raw in cur:
                    key = (case_id, doc_id)
                    first_kind, revisions = seen.setdefault(key, (kind, []))
                    revisions.append(revision)
                    try:
                        env = _envelope(raw, f"{case_id}/{doc_id} revision {revision}")
                        if (env.case_id, env.id, env.revision, env.kind) != (
                            case_id,
                            doc_id,
                            revision,
                            kind,
                        ):
                            problems.append(
                                f"{case_id}/{doc_id} revision {revision}: its envelope names "
                                "another document or revision"
                            )
                        _parse(env)
                    except CorruptDocumentError as exc:
                        problems.append(str(exc))
                    if kind != first_kind:
                        problems.append(f"{case_id}/{doc_id} revision {revision}: kind changed")
            indexed = {
                (r[0], r[1]): (r[2], r[3])
                for r in conn.execute("SELECT case_id, doc_id, kind, latest FROM documents")
            }
            indexed_cases = {
                r[0] for r in conn.execute("SELECT case_id FROM cases WHERE type IS NOT NULL")
            }
        actual: dict[tuple[str, str], tuple[str, int]] = {}
        for (case_id, doc_id), (kind, revisions) in seen.items():
            if revisions != list(range(1, revisions[-1] + 1)):
                problems.append(f"{case_id}/{doc_id}: revisions are missing from {revisions}")
            actual[(case_id, doc_id)] = (kind, revisions[-1])
        for key in sorted(set(actual) | set(indexed)):
            if actual.get(key) != indexed.get(key):
                problems.append(
                    f"index disagrees for {key[0]}/{key[1]}: revisions say {actual.get(key)}, "
                    f"index says {indexed.get(key)}; run 'hjulet reindex'"
                )
        case_ids = {c for c, d in actual if d == "case"}
        for missing in sorted(case_ids ^ indexed_cases):
            problems.append(f"index and revisions disagree on case {missing}; run 'hjulet reindex'")
        return problems

    def reindex(self) -> int:
        with self._conn() as conn, conn.transaction():
            conn.execute("LOCK TABLE cases IN EXCLUSIVE MODE")
            conn.execute("DELETE FROM documents")
            conn.execute(
                "INSERT INTO documents (case_id, doc_id, kind, latest)"
                " SELECT DISTINCT ON (case_id, doc_id) case_id, doc_id, kind, revision"
                " FROM revisions ORDER BY case_id, doc_id, revision DESC"
            )
            conn.execute("DELETE FROM cases")
            case_ids = [
                r[0]
                for r in conn.execute(
                    "SELECT case_id FROM documents WHERE doc_id = 'case' ORDER BY case_id"
                )
            ]
            count = 0
            for case_id in case_ids:
                try:
                    with conn.transaction():
                        self._index_case(conn, case_id)
                    count += 1
                except (CorruptDocumentError, NotFoundError):
                    continue
        return count


def _connect(url: str) -> Conn:
    try:
        return psycopg.connect(url, connect_timeout=15)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to the database {_redacted(url)}: {exc}") from None


def upgrade_database(url: str) -> tuple[list[schema.Migration], int]:
    """``hjulet db upgrade``: the migrations applied now, and the version reached."""
    with _connect(url) as conn:
        applied = schema.upgrade(conn)
        return applied, max(schema.applied_versions(conn), default=0)


def schema_status(url: str) -> tuple[int, list[schema.Migration]]:
    """The database's schema version and the shipped migrations it lacks; writes nothing
    but the bookkeeping table."""
    with _connect(url) as conn:
        return max(schema.applied_versions(conn), default=0), schema.pending(conn)


def _search(query: str, filters: CaseFilter) -> tuple[str, list[Any]]:
    """The conditions (after ``type IS NOT NULL``) for the search words and the filters:
    a case-insensitive match on name, id, named person or team, with LIKE's own wildcards
    in the words matched literally. Only values travel, as parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    words = query.strip()[:200]
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            "(display_name ILIKE %s OR case_id ILIKE %s OR named_person ILIKE %s OR team ILIKE %s)"
        )
        params += [pattern] * 4
    if filters.status != "all":
        conditions.append("status = %s")
        params.append(filters.status)
    if filters.due_by is not None:
        conditions.append("status = 'open' AND next_review <= %s")
        params.append(filters.due_by)
    if not filters.include_imported:
        conditions.append("NOT coalesce((facts->>'imported')::boolean, false)")
    return "".join(f" AND {c}" for c in conditions), params


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(an unreadable database URL)"
    host = info.get("host", "")
    port = info.get("port", "")
    return f"postgresql://{info.get('user', '')}@{host}:{port}/{info.get('dbname', '')}"
