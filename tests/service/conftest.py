"""Hjulet as a service: a wheel built from this checkout, installed in a fresh venv
outside it, started with ``hjulet run``. Built once per test run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_SKIP = {".git", ".venv", "data", "build", "test-artifacts", "node_modules"}


@pytest.fixture(scope="session")
def installed_hjulet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``hjulet`` script of a fresh venv holding the wheel built from this checkout.

    The wheel goes in without its dependencies, which the venv reads from the dev venv's
    site-packages through a .pth line: a .pth line adds a folder but runs none of its .pth
    files, so the checkout's editable install is not visible and ``app``, ``plans`` and
    ``assessment`` can only come from the wheel. That keeps the test quick and offline."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=lambda folder, names: [
            n for n in names if n in _SKIP or n.endswith((".egg-info", "__pycache__"))
        ],
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(base), "."],
        cwd=source,
        check=True,
        timeout=300,
    )
    (wheel,) = base.glob("hjulet-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = next((venv / "lib").glob("python3*/site-packages"))
    dev_site = next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir())
    (purelib / "dev-dependencies.pth").write_text(dev_site + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    return venv / "bin" / "hjulet"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"hjulet run ended with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                return str(r.read().decode())
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from /_stcore/health on port {port}")


@contextmanager
def hjulet_run(hjulet: Path | str, cwd: Path, env: dict[str, str], log: Path) -> Iterator[int]:
    """``hjulet run`` on a free loopback port until the block ends; yields the port."""
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(hjulet), "run", "--port", str(port), "--address", "127.0.0.1"],
            cwd=cwd,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_healthy(port, proc)
            yield port
        finally:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
