"""The CLI as an integrator scripts it: output formats and exit codes
(0 ok, 1 unexpected, 2 invalid input, 3 conflict, 4 not found, 5 permission)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plans.cli import main


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    assert main(["--data-dir", str(root), "demo"]) == 0
    return root


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_demo_covers_the_five_situations(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(data, "list", "--format", "json") == 0
    cases = _json(capsys)
    assert isinstance(cases, list) and len(cases) == 5
    assert sorted(c["type"] for c in cases) == ["anonymous", "child", "child", "child", "unborn"]
    for case in cases:
        assert {"id", "type", "display_name", "status", "named_person", "next_review"} <= set(case)
    anonymous = next(c for c in cases if c["type"] == "anonymous")
    assert anonymous["display_name"] == "" and anonymous["next_review"] is None
    for case in cases:
        if case["type"] == "anonymous":
            continue
        for kind in ("consent", "assessment"):
            assert run(data, "show", case["id"], "--kind", kind) == 0
        assert run(data, "history", case["id"], "--kind", "plan", "--format", "json") == 0
        capsys.readouterr()
        run(data, "history", case["id"], "--kind", "plan", "--format", "json")
        history = _json(capsys)
        assert isinstance(history, list) and len(history) >= 2
        assert {"revision", "saved_at", "saved_by", "note"} <= set(history[0])


def _a_child(data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    run(data, "list", "--format", "json")
    cases = _json(capsys)
    assert isinstance(cases, list)
    return str(next(c["id"] for c in cases if c["type"] == "child"))


def test_show_diff_and_not_found(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cid = _a_child(data, capsys)
    assert run(data, "show", cid, "--kind", "plan", "--revision", "1") == 0
    env = _json(capsys)
    assert isinstance(env, dict) and env["revision"] == 1 and env["kind"] == "plan"
    assert run(data, "diff", cid, "--kind", "plan", "1", "2") == 0
    assert "actions[a-2]" in capsys.readouterr().out
    assert run(data, "show", "c-nosuchcase") == 4
    assert run(data, "show", cid, "--kind", "plan", "--revision", "99") == 4
    assert run(data, "show", "../../etc") == 2
    assert run(data, "show", cid, "--kind", "bogus") == 2
    assert "bogus" in capsys.readouterr().err


def test_import_envelope_on_latest_on_stale_and_invalid(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid = _a_child(data, capsys)
    run(data, "show", cid, "--kind", "plan")
    env = _json(capsys)
    assert isinstance(env, dict)
    latest = env["revision"]
    env["parent_revision"] = latest
    env["body"]["reasons"] = "Ny text från ett annat system"
    file = tmp_path / "env.json"
    file.write_text(json.dumps(env), encoding="utf-8")
    assert run(data, "import", str(file)) == 0
    assert run(data, "import", str(file)) == 3  # now stale: nothing written
    capsys.readouterr()
    run(data, "history", cid, "--kind", "plan", "--format", "json")
    assert len(_json(capsys)) == latest + 1  # type: ignore[arg-type]
    env["parent_revision"] = latest + 1
    env["body"]["actions"] = [{"id": "a-1", "what": ""}]
    file.write_text(json.dumps(env), encoding="utf-8")
    assert run(data, "import", str(file)) == 2
    capsys.readouterr()
    run(data, "history", cid, "--kind", "plan", "--format", "json")
    assert len(_json(capsys)) == latest + 1  # type: ignore[arg-type]


def test_export_import_bundle_into_another_store(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid = _a_child(data, capsys)
    out = tmp_path / "bundle.json"
    assert run(data, "export", cid, "--out", str(out)) == 0
    other = tmp_path / "other"
    assert run(other, "import", str(out)) == 0
    assert f"as case {cid}" in capsys.readouterr().out
    # The same case again is refused (nothing written) unless it becomes a new case.
    assert run(other, "import", str(out)) == 2
    assert "exists already" in capsys.readouterr().err
    assert run(other, "import", "--as-new-case", str(out)) == 0
    assert cid not in capsys.readouterr().out.splitlines()[-1]
    assert run(other, "check") == 0


def test_validate_names_json_paths(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid = _a_child(data, capsys)
    run(data, "show", cid, "--kind", "case")
    env = _json(capsys)
    assert isinstance(env, dict)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(env), encoding="utf-8")
    assert run(data, "validate", str(good)) == 0
    env["body"]["child"]["birth_date"] = "2020-02-30"
    env["revision"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(env), encoding="utf-8")
    capsys.readouterr()
    assert run(data, "validate", str(bad)) == 2
    err = capsys.readouterr().err
    assert "$.revision" in err
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert run(data, "validate", str(tmp_path / "broken.json")) == 2
    assert run(data, "validate", str(tmp_path / "missing.json")) == 4


def test_validate_reports_body_paths(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cid = _a_child(data, capsys)
    run(data, "show", cid, "--kind", "case")
    env = _json(capsys)
    assert isinstance(env, dict)
    env["body"]["child"]["birth_date"] = "2020-02-30"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(env), encoding="utf-8")
    capsys.readouterr()
    assert run(data, "validate", str(bad)) == 2
    assert "$.body.child.birth_date" in capsys.readouterr().err


def test_check_finds_a_corrupt_file_and_reindex(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "check") == 0
    cid = _a_child(data, capsys)
    (data / "cases" / cid / "plan" / "000001.json").write_text("{", encoding="utf-8")
    assert run(data, "check") == 1
    assert "000001.json" in capsys.readouterr().err
    assert run(data, "reindex") == 0


def test_permission_denied_is_exit_5(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests run as root in CI, where chmod cannot deny anything, so the
    # operating system's refusal is simulated at the file read itself.
    cid = _a_child(data, capsys)

    def refuse(path: Path, _max_bytes: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("plans.store.files.read_regular_file", refuse)
    assert run(data, "show", cid, "--kind", "plan") == 5
    assert "permission denied" in capsys.readouterr().err


def test_usage_errors_are_exit_2(data: Path) -> None:
    assert run(data, "list", "--format", "xml") == 2
    assert run(data, "nosuchcommand") == 2


def test_debug_shows_traceback(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(data), "--debug", "show", "c-nosuchcase"]) == 4
    assert "Traceback" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "show", "c-nosuchcase"]) == 4
    assert "Traceback" not in capsys.readouterr().err


def test_personal_data_found_in_an_anonymous_consultation_is_not_repeated_on_the_terminal(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A terminal's output may end up in a log kept where the case data is not: the rule is
    named, the personal data it found is not (the app shows it to the person who typed it)."""
    capsys.readouterr()
    run(data, "list", "--format", "json")
    cases = _json(capsys)
    assert isinstance(cases, list)
    cid = next(c["id"] for c in cases if c["type"] == "anonymous")
    run(data, "show", cid, "--kind", "case")
    env = _json(capsys)
    assert isinstance(env, dict)
    env["body"]["anonymous"]["concern"] = "Ring mamma på 070-123 45 67, personnummer 150304-1234."
    bad = tmp_path / "anonymous.json"
    bad.write_text(json.dumps(env), encoding="utf-8")
    assert run(data, "validate", str(bad)) == 2
    err = capsys.readouterr().err
    assert "$.body.anonymous.concern" in err
    assert "phone numbers (1 found, not repeated here)" in err
    assert "personal identity numbers (1 found" in err
    assert "070-123" not in err and "150304" not in err
