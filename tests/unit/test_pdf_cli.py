"""``hjulet pdf CASE_ID --out F.pdf [--audience ...] [--lang ...] [--revision N]``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from plans.cli import main
from plans.cli.app import app
from plans.documents.case import AgeBand, Anonymous, CaseBody, CaseType
from plans.store.files import FileStore
from tests.unit.test_planview import make_case


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "data"
    return folder, make_case(FileStore(folder))


def run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), "pdf", *args])


def test_writes_the_family_pdf_and_says_who_it_is_for(
    data: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, case_id = data
    out = tmp_path / "tove.pdf"
    assert run(folder, case_id, "--out", str(out)) == 0
    said = capsys.readouterr().out
    assert "För familjen" in said and "Version 2" in said and str(out) in said
    reader = PdfReader(out)
    assert "sidor" in said and f"{len(reader.pages)} sidor" in said
    assert "Toves plan" in reader.pages[0].extract_text()


def test_team_partner_language_and_revision(
    data: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, case_id = data
    out = tmp_path / "team.pdf"
    assert run(folder, case_id, "--out", str(out), "--audience", "team", "--lang", "en") == 0
    said = capsys.readouterr().out
    assert "For the team" in said and "Do not give it to the family" in said
    assert run(folder, case_id, "-o", str(out), "--audience", "partner:Barnavårdscentralen") == 0
    assert "För Barnavårdscentralen" in capsys.readouterr().out
    assert run(folder, case_id, "--out", str(out), "--revision", "1") == 0
    assert "Version 1" in capsys.readouterr().out
    assert "Version 1" in PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--audience", "boss"], 2, "Okänd mottagare"),
        (["--audience", "partner:nobody"], 2, "är inte med i planen"),
        (["--lang", "de"], 2, "Okänt språk"),
        (["--revision", "9"], 4, "ingen version 9"),
        (["--compare-with", "9"], 4, "ingen version 9"),
    ],
)
def test_errors_have_exit_codes_and_plain_messages(
    data: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    folder, case_id = data
    out = tmp_path / "x.pdf"
    assert run(folder, case_id, "--out", str(out), *args) == code
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_missing_case_folder_and_anonymous_case(
    data: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, case_id = data
    assert run(folder, "c-doesnotexist", "--out", str(tmp_path / "x.pdf")) == 4
    assert run(folder, case_id, "--out", str(tmp_path / "no" / "such" / "x.pdf")) == 2
    anonymous = FileStore(folder).create_case(
        CaseBody(type=CaseType.ANONYMOUS, anonymous=Anonymous(age_band=AgeBand.AGE_0_5))
    )
    assert run(folder, anonymous.case_id, "--out", str(tmp_path / "x.pdf")) == 2
    assert "anonym konsultation" in capsys.readouterr().err


def test_the_command_is_registered_with_the_app(data: tuple[Path, str], tmp_path: Path) -> None:
    folder, case_id = data
    out = tmp_path / "runner.pdf"
    result = CliRunner().invoke(
        app, ["--data-dir", str(folder), "pdf", case_id, "--out", str(out), "-a", "family"]
    )
    assert result.exit_code == 0, result.output
    assert "För familjen" in result.output
    assert out.read_bytes().startswith(b"%PDF-")
