"""The versioned document store: one interface, a file backend (default) and
room for a PostgreSQL backend that passes the same ``tests/store`` suite."""

from __future__ import annotations

from pathlib import Path

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
)
from plans.store.envelope import Envelope

__all__ = [
    "CaseSummary",
    "ConflictError",
    "CorruptDocumentError",
    "DocumentRef",
    "Envelope",
    "IndexReport",
    "InvalidInputError",
    "NotFoundError",
    "ReadOnlyStoreError",
    "RevisionInfo",
    "Store",
    "StoreError",
    "open_store",
]


def open_store(data_dir: Path | str | None = None, database_url: str | None = None) -> Store:
    """The store the settings name: files under the data folder unless a database URL is set."""
    from plans.settings import get_settings

    settings = get_settings()
    url = settings.database_url if database_url is None else database_url
    if url:
        raise StoreError(
            "HJULET_DATABASE_URL is set, but this version stores only in files; "
            "unset it to use the data folder"
        )
    from plans.store.files import FileStore

    return FileStore(data_dir if data_dir is not None else settings.data_dir)
