"""A store that cannot be reached or written just now says so as StoreUnavailableError,
which the app turns into "try again, your text is kept" (tests/app/test_storage_failure.py)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from plans.store import StoreUnavailableError
from plans.store.postgres import PostgresStore


def test_a_dropped_database_connection_is_unavailable_then_the_next_call_reconnects(
    postgres_url: str, tmp_path: Path
) -> None:
    store = PostgresStore(postgres_url, accounts_dir=tmp_path, min_size=1, max_size=1)
    try:
        assert store.list_cases() == []
        with store._conn() as conn:
            pid = conn.info.backend_pid
        # The server ends the pooled connection, as a restart or a failover would.
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreUnavailableError, match="cannot be reached just now"):
            store.list_cases()
        assert store.list_cases() == []  # the pool replaced the dropped connection
    finally:
        store.close()


def test_a_closed_pool_is_unavailable_not_a_crash(postgres_url: str, tmp_path: Path) -> None:
    store = PostgresStore(postgres_url, accounts_dir=tmp_path)
    store.close()
    with pytest.raises(StoreUnavailableError):
        store.list_cases()
