"""``check-language`` through a throwaway typer app, so it is tested on its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plans.cli.language import register

EXAMPLE = "Vh har samtyckt till SIP enligt SoL.\n"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """A group, so the command is called by its name as in ``hjulet``."""

    register(app)
    return app


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


def test_json_output_for_swedish(app: typer.Typer, example_file: Path) -> None:
    result = CliRunner().invoke(app, ["check-language", str(example_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "lix", "band", "words", "sentences", "long_words", "over_target", "findings",
    ]  # fmt: skip
    assert data["lix"] == 21.3
    assert data["over_target"] is False
    assert {tuple(f) for f in data["findings"]} == {
        ("term", "start", "end", "kind", "suggestion", "replacement")
    }
    assert [(f["term"], f["start"], f["end"]) for f in data["findings"]] == [
        ("Vh", 0, 2),
        ("samtyckt", 7, 15),
        ("SIP", 21, 24),
        ("SoL", 32, 35),
    ]


def test_json_output_for_english_from_stdin(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app,
        ["check-language", "--lang", "en", "--target", "child", "--format", "json", "-"],
        input="The pupil needs help from CAMHS.",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "flesch", "band", "words", "sentences", "long_words", "over_target", "findings",
    ]  # fmt: skip
    assert [f["kind"] for f in data["findings"]] == ["abbreviation", "not_first_person"]


def test_text_output_in_swedish_by_default(app: typer.Typer, example_file: Path) -> None:
    result = CliRunner().invoke(app, ["check-language", str(example_file)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "LIX 21,3 – lätt."
    assert "Texten klarar målet för familjen." in lines
    assert "  0–2 förkortning: «Vh» → dina föräldrar" in lines
    assert len([line for line in lines if line.startswith("  ")]) == 4


def test_text_output_in_english(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["check-language", "--lang", "en", "-"], input="We did an assessment."
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("Flesch reading ease ")
    assert "jargon: «assessment» → finding out what you need" in result.stdout


def test_over_target_still_exits_zero(app: typer.Typer) -> None:
    hard = "Vårdnadshavarna har samtyckt till informationsöverföring mellan verksamheterna."
    result = CliRunner().invoke(app, ["check-language", "--format", "json", "-"], input=hard)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["over_target"] is True


def test_missing_file_exits_2_with_one_line(app: typer.Typer, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(app, ["check-language", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"hjulet: {missing}: no such file"]


@pytest.mark.parametrize(
    ("option", "value"), [("--lang", "de"), ("--target", "teacher"), ("--format", "xml")]
)
def test_bad_option_value_exits_2_with_one_line(
    app: typer.Typer, example_file: Path, option: str, value: str
) -> None:
    result = CliRunner().invoke(app, ["check-language", option, value, str(example_file)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert option in line and value in line
