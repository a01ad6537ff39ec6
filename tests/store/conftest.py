"""The backends every store test runs against, each named by the one string that opens
it (a data folder or a database URL), so a test can hand it to another process too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from plans.store import Store, open_location


def _files(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(tmp_path / "s")


def _postgresql(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url: str = request.getfixturevalue("postgres_url")
    return url


BACKENDS: dict[str, Callable[[pytest.FixtureRequest, Path], str]] = {
    "files": _files,
    "postgresql": _postgresql,
}


@pytest.fixture(params=sorted(BACKENDS))
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return BACKENDS[request.param](request, tmp_path)


@pytest.fixture
def backend(location: str) -> Iterator[Store]:
    store = open_location(location)
    yield store
    store.close()
