"""Shared fixtures: a fresh store per test, optionally filled with the demo cases."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from plans import clock
from plans.demo import write_demo
from plans.settings import get_settings
from plans.store.files import FileStore
from tests import pgserver

TODAY = dt.date(2026, 11, 23)

# Property tests run the same examples on every `make test` and in CI, so a result never
# depends on the luck of the draw; `HYPOTHESIS_PROFILE=explore make test` searches afresh
# (and prints the blob that reproduces anything it finds). No deadlines: the machine is shared.
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test ever touches ./data or the developer's environment."""
    for name in (
        "HJULET_DATABASE_URL",
        "HJULET_TEMPLATE_DIRS",
        "HJULET_GLOSSARY_DIRS",
        "HJULET_TODAY",
        "HJULET_STALLED_WEEKS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HJULET_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    clock.pin(None)
    yield
    clock.pin(None)
    get_settings.cache_clear()


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "store")


@pytest.fixture
def demo_store(store: FileStore) -> FileStore:
    write_demo(store, 5, seed=1)
    return store


_POSTGRES_SKIPPED: list[str] = []


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pgserver.Server]:
    """One throwaway PostgreSQL for the whole run; each test takes its own schema.

    Without PostgreSQL the tests that need it are skipped and the run says so loudly at
    the end; with HJULET_REQUIRE_POSTGRES=1 (set by .ci/run) that is a failure instead."""
    reason = pgserver.missing_reason()
    if reason is None:
        try:
            with pgserver.throwaway_server() as server:
                yield server
            return
        except RuntimeError as exc:
            reason = str(exc)
    if os.environ.get("HJULET_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL tests are required here but cannot run: {reason}")
    _POSTGRES_SKIPPED.append(reason)
    pytest.skip(f"POSTGRESQL TESTS SKIPPED: {reason}")


@pytest.fixture
def postgres_url(postgres_server: pgserver.Server) -> str:
    return postgres_server.fresh_schema()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _POSTGRES_SKIPPED:
        terminalreporter.write_sep(
            "!", f"POSTGRESQL BACKEND NOT TESTED: {_POSTGRES_SKIPPED[0]}", red=True, bold=True
        )
