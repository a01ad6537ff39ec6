"""The layer rules in pyproject.toml ([tool.importlinter]) really fail the build: a copy of
the code with streamlit imported under plans/, or with an import cycle, breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.slow


def _copy(tmp_path: Path) -> Path:
    for package in ("app", "plans", "assessment"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.ttf"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_code_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout


def test_streamlit_under_plans_breaks_the_build(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    sharing = tree / "plans" / "sharing.py"
    sharing.write_text(sharing.read_text() + "\nimport streamlit  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "Nothing below the app imports Streamlit BROKEN" in result.stdout


def test_an_import_cycle_breaks_the_build(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    organisations = tree / "plans" / "organisations.py"
    organisations.write_text(organisations.read_text() + "\nimport plans.sharing  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "No import cycles between sibling modules BROKEN" in result.stdout
