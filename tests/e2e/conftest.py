"""Browser tests: the real app on a free port, driven by Playwright in Debian's Chromium.

Without Chromium the tests are skipped with a loud reason; with
HJULET_REQUIRE_E2E=1 (set by .ci/run) a missing browser is a failure instead.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("HJULET_REQUIRE_E2E") == "1":
            pytest.fail(f"browser tests are required here but cannot run: {missing}")
        sys.stderr.write(f"\n*** SKIPPING BROWSER TESTS: {missing} ***\n")
        pytest.skip(f"BROWSER TESTS SKIPPED: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningApp:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]


def start_app(data_dir: Path, log: Path) -> RunningApp:
    port = _free_port()
    env = {**os.environ, "HJULET_DATA_DIR": str(data_dir)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "streamlit_app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                # Files may change while the tests run; a reload mid-test is not the app.
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return RunningApp(url, data_dir, process)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the app did not start; see {log}")


E2E_PASSWORD = "e2e password for the demo staff"


def add_demo_staff(data_dir: Path) -> None:
    """Accounts for the demo stories' staff (lena, sara, jonas, maria, ahmed), all with
    ``E2E_PASSWORD``: cases that name them by e-mail are theirs."""
    from plans.accounts import AccountRole
    from plans.demo import DEMO_STAFF, demo_email
    from plans.services import LOCAL_OPERATOR, Context
    from plans.services.accounts import add_user
    from plans.store.files import FileStore

    ctx = Context(FileStore(data_dir), LOCAL_OPERATOR, dt.date.today())
    for username, name, org in DEMO_STAFF:
        add_user(
            ctx,
            username,
            role=AccountRole.PROFESSIONAL,
            password=E2E_PASSWORD,
            display_name=name,
            organisation=org,
            email=demo_email(name),
        )


@pytest.fixture
def app_server(tmp_path: Path, browser: Any) -> Iterator[RunningApp]:
    """The real app on a free port with an empty data folder and the demo staff's accounts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    add_demo_staff(tmp_path / "data")
    app = start_app(tmp_path / "data", ARTIFACTS / f"streamlit-{tmp_path.name}.log")
    yield app
    app.process.terminate()
    try:
        app.process.wait(10)
    except subprocess.TimeoutExpired:
        app.process.kill()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def has_pdftoppm() -> bool:
    return shutil.which("pdftoppm") is not None
