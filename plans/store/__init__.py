"""The versioned document store: one interface, a file backend (the default) and a
PostgreSQL backend (``HJULET_DATABASE_URL``), both passing the ``tests/store`` suite."""

from __future__ import annotations

from pathlib import Path

from plans.store.base import (
    CaseFilter,
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
)
from plans.store.envelope import Envelope

__all__ = [
    "CaseFilter",
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
    "StoreUnavailableError",
    "is_database_url",
    "open_location",
    "open_store",
]

_URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str) -> bool:
    return location.startswith(_URL_SCHEMES)


def open_location(location: str) -> Store:
    """A store named by one string: a PostgreSQL URL, or else a data folder."""
    if is_database_url(location):
        from plans.store.postgres import PostgresStore

        return PostgresStore(location)
    if not location.strip():
        raise InvalidInputError("name a data folder or a postgresql:// URL")
    from plans.store.files import FileStore

    return FileStore(Path(location))


def open_store(data_dir: Path | str | None = None, database_url: str | None = None) -> Store:
    """The store the settings name: files under the data folder unless a database URL is set."""
    from plans.settings import get_settings

    settings = get_settings()
    url = settings.database_url if database_url is None else database_url
    if url:
        if not is_database_url(url):
            raise StoreError("HJULET_DATABASE_URL must start with postgresql://")
        from plans.store.postgres import PostgresStore

        return PostgresStore(url, accounts_dir=Path(data_dir or settings.data_dir))
    from plans.store.files import FileStore

    return FileStore(data_dir if data_dir is not None else settings.data_dir)
