"""Shared fixtures: a fresh store per test, optionally filled with the demo cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from plans.demo import write_demo
from plans.settings import get_settings
from plans.store.files import FileStore

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test ever touches ./data or the developer's environment."""
    for name in ("HJULET_DATABASE_URL", "HJULET_TEMPLATE_DIRS", "HJULET_GLOSSARY_DIRS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HJULET_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "store")


@pytest.fixture
def demo_store(store: FileStore) -> FileStore:
    write_demo(store, 5, seed=1)
    return store
