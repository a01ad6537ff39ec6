"""`pip install` of the built wheel gives a `hjulet run` that starts, from any folder."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.service.conftest import ROOT, hjulet_run

pytestmark = pytest.mark.slow


def test_the_wheel_holds_the_entry_script_and_the_migrations(installed_hjulet: Path) -> None:
    (wheel,) = installed_hjulet.parents[2].glob("hjulet-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "app/entry/main.py" in names
    assert "plans/store/sql/0001_revisions_and_index.sql" in names


def test_hjulet_run_from_the_installed_wheel_answers_health(
    installed_hjulet: Path, tmp_path: Path
) -> None:
    python = installed_hjulet.parent / "python"
    where = subprocess.run(
        [str(python), "-c", "import app, plans; print(app.__file__); print(plans.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(ROOT) not in where and str(installed_hjulet.parents[1]) in where
    env = {"HJULET_DATA_DIR": str(tmp_path / "data")}
    with hjulet_run(installed_hjulet, tmp_path, env, tmp_path / "run.log") as port:
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
            assert r.read() == b"ok"


def test_the_installed_entry_script_renders_the_start_page(
    installed_hjulet: Path, tmp_path: Path
) -> None:
    """Health says the server is up; this says the packaged script itself runs."""
    script = (
        "import sys, app\n"
        "from pathlib import Path\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file(str(Path(app.__file__).parent / 'entry' / 'main.py'),"
        " default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        "print(at.title[0].value if at.title else '')\n"
    )
    result = subprocess.run(
        [str(installed_hjulet.parent / "python"), "-c", script],
        cwd=tmp_path,
        env={"HJULET_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()
