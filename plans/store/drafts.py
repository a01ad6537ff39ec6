"""Unsaved work kept on the server, so a reload or a closed tab loses nothing.

A draft belongs to one person and one document of one case. It is not a revision: it is
replaced while the person works, removed when the document is saved or the person
discards it, and forgotten after ``HJULET_DRAFT_DAYS``. Like the accounts and the audit
log it lives beside the data folder (for both backends, for now):

    DATA/drafts/<case id>/<sha-256 of the username>/<document id>.json

owner-only (folders 0700, files 0600), written whole or not at all (``safeio``), never
through a symbolic link. The username is hashed so that a folder name never carries it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plans.store.base import CorruptDocumentError, check_id
from plans.store.safeio import (
    private_dir,
    read_regular_file,
    refuse_link,
    write_private_output,
)

MAX_DRAFT_BYTES = 5_000_000
"""A draft bigger than this is hostile or broken; it is neither written nor read."""
_FOLDER = "drafts"


@dataclass(frozen=True)
class StoredDraft:
    case_id: str
    doc_id: str
    kind: str
    username: str
    base_revision: int | None
    """The revision the person started from (None: a document not saved yet)."""
    body: dict[str, Any]
    pristine: dict[str, Any]
    """The body as it was when the person started: the base for a three-way merge."""
    kept_at: dt.datetime
    """When it was last kept, in UTC."""

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "case_id": self.case_id,
                "doc_id": self.doc_id,
                "kind": self.kind,
                "username": self.username,
                "base_revision": self.base_revision,
                "body": self.body,
                "pristine": self.pristine,
                "kept_at": self.kept_at.isoformat(),
            },
            ensure_ascii=False,
            sort_keys=True,
        ).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> StoredDraft:
        raw = json.loads(data)
        base = raw["base_revision"]
        kept_at = dt.datetime.fromisoformat(str(raw["kept_at"]))
        if not isinstance(raw["body"], dict) or not isinstance(raw["pristine"], dict):
            raise ValueError("a draft's body is an object")
        return cls(
            case_id=str(raw["case_id"]),
            doc_id=str(raw["doc_id"]),
            kind=str(raw["kind"]),
            username=str(raw["username"]),
            base_revision=int(base) if base is not None else None,
            body=raw["body"],
            pristine=raw["pristine"],
            kept_at=kept_at if kept_at.tzinfo else kept_at.replace(tzinfo=dt.UTC),
        )


def _person(username: str) -> str:
    return hashlib.sha256(username.encode("utf-8")).hexdigest()[:32]


class DraftStore:
    def __init__(self, folder: Path) -> None:
        # Made on the first draft, not on open: a read-only copy is read as it is.
        self.folder = folder

    def _case_dir(self, case_id: str) -> Path:
        check_id(case_id, "case id")
        return self.folder / case_id

    def _path(self, case_id: str, username: str, doc_id: str) -> Path:
        check_id(doc_id, "document id")
        return self._case_dir(case_id) / _person(username) / f"{doc_id}.json"

    def put(self, draft: StoredDraft) -> None:
        """Keep (or replace) the draft; every byte or nothing. Raises WriteFailedError."""
        data = draft.to_json()
        if len(data) > MAX_DRAFT_BYTES:
            raise CorruptDocumentError(f"a draft of {len(data)} bytes is too large to keep")
        path = self._path(draft.case_id, draft.username, draft.doc_id)
        for folder in (self.folder, path.parent.parent, path.parent):
            private_dir(folder)
        write_private_output(path, data)

    def get(self, case_id: str, username: str, doc_id: str) -> StoredDraft | None:
        return self._read(self._path(case_id, username, doc_id))

    def _read(self, path: Path) -> StoredDraft | None:
        try:
            if not refuse_link(path, want_dir=False):
                return None
            return StoredDraft.from_json(read_regular_file(path, MAX_DRAFT_BYTES))
        except (OSError, ValueError, KeyError, TypeError, CorruptDocumentError):
            return None  # broken or hostile: never restored

    def of_person(self, username: str, case_id: str | None = None) -> list[StoredDraft]:
        """The person's drafts (of one case, or of every case), oldest first."""
        if not self._is_dir(self.folder):
            return []
        case_ids = [case_id] if case_id else sorted(os.listdir(self.folder))
        found = []
        for case in case_ids:
            try:
                folder = self._case_dir(case) / _person(username)
            except ValueError:
                continue
            if not self._is_dir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                if name.endswith(".json"):
                    draft = self._read(folder / name)
                    if draft is not None and draft.username == username:
                        found.append(draft)
        return sorted(found, key=lambda d: d.kept_at)

    @staticmethod
    def _is_dir(path: Path) -> bool:
        try:
            return refuse_link(path, want_dir=True)
        except CorruptDocumentError:
            return False

    def remove(self, case_id: str, username: str, doc_id: str) -> bool:
        path = self._path(case_id, username, doc_id)
        try:
            refuse_link(path, want_dir=False)
            os.unlink(path)
        except (FileNotFoundError, CorruptDocumentError):
            return False
        for folder in (path.parent, path.parent.parent):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty
        return True

    def remove_case(self, case_id: str) -> None:
        """Every draft of a case (the case was deleted)."""
        folder = self._case_dir(case_id)
        if self._is_dir(folder):
            shutil.rmtree(folder, ignore_errors=True)

    def expire(self, before: dt.datetime) -> int:
        """Remove every draft kept before ``before``; returns how many."""
        if not self._is_dir(self.folder):
            return 0
        removed = 0
        for case in sorted(os.listdir(self.folder)):
            case_dir = self.folder / case
            if not self._is_dir(case_dir):
                continue
            for person in sorted(os.listdir(case_dir)):
                if not self._is_dir(case_dir / person):
                    continue
                for name in sorted(os.listdir(case_dir / person)):
                    draft = self._read(case_dir / person / name)
                    if draft is None or draft.kept_at < before:
                        (case_dir / person / name).unlink(missing_ok=True)
                        removed += draft is not None
                with contextlib.suppress(OSError):
                    (case_dir / person).rmdir()
            with contextlib.suppress(OSError):
                case_dir.rmdir()
        return removed


def drafts_for(store: object) -> DraftStore:
    """The drafts that go with a store: beside a file store's data folder, or in the
    folder a database store keeps its accounts and audit log in."""
    root = getattr(store, "accounts_dir", None) or getattr(store, "root", None)
    if not isinstance(root, Path):
        raise NotImplementedError("drafts are kept beside a data folder only (for now)")
    return DraftStore(root / _FOLDER)
