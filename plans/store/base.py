"""The store interface. The app, the CLI and the tests talk only to this; the
file backend and the PostgreSQL backend both pass ``tests/store``."""

from __future__ import annotations

import abc
import datetime as dt
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from plans.documents import kind as get_kind
from plans.documents.common import is_valid_id, new_id
from plans.store.envelope import Envelope

if TYPE_CHECKING:  # only for annotations: the backends import what they return
    from plans.audit.base import AuditLog
    from plans.store.surveys import AnonymousSurveys


class StoreError(Exception):
    """Base of every error a store raises on purpose."""


class NotFoundError(StoreError):
    pass


class InvalidInputError(StoreError, ValueError):
    pass


class CorruptDocumentError(StoreError):
    pass


class StoreUnavailableError(StoreError):
    """The store cannot be written or reached just now (disk full, another writer holding
    the lock too long, the index or the database out of reach). Nothing was lost: the same
    request may succeed later. The app says so and keeps the person's unsaved work."""


class ReadOnlyStoreError(StoreError, PermissionError):
    """The store was opened on a folder it cannot write (a backup, a mounted copy):
    every read works, every write is refused (CLI exit 5)."""


@dataclass(frozen=True)
class IndexReport:
    """The outcome of a rebuild: how many cases are listed, and every case folder left
    out with the reason (no personal data in the reasons)."""

    indexed: int
    skipped: list[tuple[str, str]] = field(default_factory=list)


class ConflictError(StoreError):
    """Someone else saved first. Carries both versions so nothing typed is lost."""

    def __init__(self, theirs: Envelope | None, mine: dict[str, Any], based_on: int | None):
        self.theirs = theirs
        self.mine = mine
        self.based_on = based_on
        latest = theirs.revision if theirs else "none"
        super().__init__(
            f"conflict: the change was based on revision {based_on or 'none'}, "
            f"but the latest is {latest}"
        )


@dataclass(frozen=True)
class RevisionInfo:
    revision: int
    parent_revision: int | None
    saved_at: dt.datetime
    saved_by: str
    note: str


@dataclass(frozen=True)
class DocumentRef:
    doc_id: str
    kind: str
    latest: int


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list, served from the index without reading documents."""

    id: str
    type: str
    display_name: str
    status: str
    named_person: str
    team: str
    next_review: dt.date | None
    raised_on: dt.date | None
    updated_at: dt.datetime | None
    facts_json: str = field(default="{}", compare=False, repr=False)
    """The countable facts as stored; parsed only when asked for (lists stay fast)."""

    def review_due(self, today: dt.date) -> bool:
        """The one definition: an open case whose next review is today or earlier."""
        return self.status == "open" and self.next_review is not None and self.next_review <= today

    @property
    def statistics_only(self) -> bool:
        """An imported spreadsheet row: counted in follow-up, never listed as a case."""
        return bool(self.facts.get("imported"))

    @functools.cached_property
    def facts(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.facts_json or "{}")
        return parsed

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "display_name": self.display_name,
            "status": self.status,
            "named_person": self.named_person,
            "team": self.team,
            "next_review": self.next_review.isoformat() if self.next_review else None,
            "raised_on": self.raised_on.isoformat() if self.raised_on else None,
        }


def check_id(value: str, what: str = "id") -> str:
    if not isinstance(value, str) or not is_valid_id(value):
        raise InvalidInputError(
            f"{what} '{value}' is not valid: use 3–64 lowercase letters, digits and '-'"
        )
    return value


def doc_id_for(kind_name: str, doc_id: str | None) -> str:
    """Singleton kinds (case, plan, ...) use their kind's name as document id."""
    k = get_kind(kind_name)
    if k.singleton:
        if doc_id not in (None, kind_name):
            raise InvalidInputError(f"a {kind_name} document always has the id '{kind_name}'")
        return kind_name
    return check_id(doc_id or new_id(kind_name[:3]), "document id")


class Store(abc.ABC):
    """Versioned documents grouped by case. A save never overwrites."""

    @abc.abstractmethod
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
        """Write revision ``parent_revision + 1`` (1 for a new document).

        Raises ConflictError when ``parent_revision`` is not the latest.
        """

    @abc.abstractmethod
    def load(self, case_id: str, doc_id: str, revision: int | None = None) -> Envelope:
        """A revision (the latest by default). Raises NotFoundError."""

    @abc.abstractmethod
    def history(self, case_id: str, doc_id: str) -> list[RevisionInfo]:
        """Every revision, oldest first."""

    @abc.abstractmethod
    def documents(self, case_id: str) -> list[DocumentRef]:
        """The documents of a case. Raises NotFoundError for an unknown case."""

    @abc.abstractmethod
    def list_cases(self) -> list[CaseSummary]: ...

    @abc.abstractmethod
    def generation(self) -> int:
        """A number that changes whenever the case list may have changed (for caches)."""

    @abc.abstractmethod
    def import_revision(self, envelope: Envelope) -> bool:
        """Store an exported revision as it is. False when the identical revision exists.

        Raises ConflictError when a different revision with that number exists.
        """

    @abc.abstractmethod
    def check(self) -> list[str]:
        """Problems found; empty when every revision parses and the index agrees."""

    @abc.abstractmethod
    def reindex(self) -> int:
        """Rebuild the index from the documents; returns the number of cases."""

    def audit_log(self) -> AuditLog:
        """The audit log kept with this store's data (append-only, hash-chained)."""
        raise NotImplementedError(f"{type(self).__name__} keeps no audit log")

    def delete_case(self, case_id: str) -> int:
        """Delete every revision of every document of a case, and its list row, for good
        (retention): afterwards ``load``, ``documents`` and ``list_cases`` know nothing of
        it, ``generation()`` has changed, no other case is touched, and nothing of its
        content is left readable (files unlinked, index rows overwritten). Returns how many
        revisions were deleted; NotFoundError when unknown. Only the retention service
        calls this; it records the deletion (never the content) in the audit log."""
        raise NotImplementedError(f"{type(self).__name__} cannot delete cases")

    def delete_document(self, case_id: str, doc_id: str) -> int:
        """Delete every revision of one document (moving anonymous surveys out of a case).
        Returns how many revisions were deleted; NotFoundError when unknown."""
        raise NotImplementedError(f"{type(self).__name__} cannot delete documents")

    def anonymous_surveys(self) -> AnonymousSurveys:
        """Family surveys kept apart from every case: team, month and coded answers only."""
        raise NotImplementedError(f"{type(self).__name__} keeps no anonymous surveys")

    def reindex_report(self) -> IndexReport:
        """Rebuild like ``reindex``, naming every case left out and why. A backend that
        cannot leave a case out keeps this default."""
        return IndexReport(self.reindex())

    def repair(self) -> list[str]:
        """Remove what interrupted writes left behind; one line per action taken or per
        thing left for a person to decide. A backend with nothing to clean keeps this."""
        return []

    def has_cases(self) -> bool:
        """True when any case is stored, even one the list does not show (yet)."""
        return bool(self.list_cases())

    def import_case(self, envelopes: list[Envelope]) -> int:
        """Store every revision of a case that is not in this store yet, all or nothing.

        ``envelopes`` are checked by the caller (one case id, gapless revisions). Raises
        ConflictError when the case exists. A backend that can do better than one
        revision at a time (a transaction, a folder renamed into place) overrides this."""
        case_id = envelopes[0].case_id
        if self.latest_or_none(case_id, "case") is not None:
            raise ConflictError(self.latest_or_none(case_id, "case"), envelopes[0].body, None)
        for env in envelopes:
            self.import_revision(env)
        return len(envelopes)

    # Conveniences built on the primitives, shared by every backend.

    def create_case(self, body: BaseModel, *, saved_by: str = "", note: str = "") -> Envelope:
        return self.save(
            new_id("c"), "case", body, parent_revision=None, saved_by=saved_by, note=note
        )

    def latest_or_none(self, case_id: str, doc_id: str) -> Envelope | None:
        try:
            return self.load(case_id, doc_id)
        except NotFoundError:
            return None

    def documents_of_kind(self, case_id: str, kind: str) -> list[DocumentRef]:
        return [d for d in self.documents(case_id) if d.kind == kind]

    def case_ids(self) -> list[str]:
        return [c.id for c in self.list_cases()]

    def close(self) -> None:
        """Give back what the store holds open (a connection pool); files hold nothing."""
        return None

    def count_cases(self, query: str = "", *, filters: CaseFilter | None = None) -> int:
        return len(matching(self.list_cases(), query, filters or CaseFilter()))

    def page_cases(
        self,
        *,
        offset: int = 0,
        limit: int = 50,
        query: str = "",
        order: str = "review",
        filters: CaseFilter | None = None,
    ) -> list[CaseSummary]:
        """One page of the case list, searched, filtered and ordered (at most 1000 rows).
        The database backend does this in SQL; this fallback sorts the index in memory,
        which is fine for one team."""
        if order not in CASE_ORDERS:
            raise InvalidInputError(
                f"unknown order '{order}'; use one of: {', '.join(CASE_ORDERS)}"
            )
        found = matching(self.list_cases(), query, filters or CaseFilter())
        rows = sorted(found, key=CASE_ORDERS[order])
        offset, limit = max(0, offset), max(0, min(limit, MAX_PAGE))
        return rows[offset : offset + limit]

    def case_facts(self) -> list[dict[str, Any]]:
        """Every case's countable facts (the follow-up report's input)."""
        return [c.facts for c in self.list_cases()]

    def iter_revisions(self) -> Iterator[Envelope]:
        """Every revision of every document, a case's case document first, then each
        document's revisions in order. Backends override this with a consistent snapshot."""
        for case_id in sorted(self.case_ids()):
            refs = sorted(self.documents(case_id), key=lambda r: (r.doc_id != "case", r.doc_id))
            for ref in refs:
                for info in self.history(case_id, ref.doc_id):
                    yield self.load(case_id, ref.doc_id, info.revision)


MAX_PAGE = 1000


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list shows besides the search words."""

    status: str = "all"
    """"open", "closed" or "all"."""
    due_by: dt.date | None = None
    """Only open cases whose next review is on or before this day."""
    include_imported: bool = True
    """Statistics-only records from an imported spreadsheet (facts.imported)."""

    def keeps(self, c: CaseSummary) -> bool:
        if self.status != "all" and c.status != self.status:
            return False
        if self.due_by is not None and not c.review_due(self.due_by):
            return False
        return self.include_imported or not c.facts.get("imported")


def matching(rows: list[CaseSummary], query: str, filters: CaseFilter) -> list[CaseSummary]:
    words = query.strip()[:200].casefold()
    return [
        c
        for c in rows
        if filters.keeps(c)
        and (
            not words
            or any(words in v.casefold() for v in (c.display_name, c.id, c.named_person, c.team))
        )
    ]


def _by_review(c: CaseSummary) -> tuple[bool, dt.date, str]:
    return (c.next_review is None, c.next_review or c.raised_on or dt.date.max, c.id)


def _by_update(c: CaseSummary) -> tuple[bool, float, str]:
    return (c.updated_at is None, -(c.updated_at.timestamp() if c.updated_at else 0.0), c.id)


CASE_ORDERS: dict[str, Any] = {
    "review": _by_review,
    "name": lambda c: (c.display_name.casefold(), c.id),
    "updated": _by_update,
}
"""The orders a case list can be paged in (the same names as the database backend's)."""
