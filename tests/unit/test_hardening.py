"""Safe by default: how ``hjulet run`` starts the server, what .streamlit/config.toml
says, and the server log scrubber. The real server is checked in
tests/e2e/test_server_log.py (no personal data in its log or on screen, an XSRF cookie)."""

from __future__ import annotations

import logging
import sys
import tomllib
from pathlib import Path

import pytest

from app.server import HIDDEN, install_log_scrubber
from plans.cli import main, serve

ROOT = Path(__file__).resolve().parents[2]


def _started(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str) -> dict[str, str]:
    seen: list[list[str]] = []
    monkeypatch.setattr(serve.subprocess, "call", lambda cmd, env: seen.append(cmd) or 0)
    assert main(["--data-dir", str(tmp_path / "data"), "run", *args]) == 0
    (command,) = seen
    assert command[:4] == [sys.executable, "-m", "app.server", "run"]
    options = command[5:]
    return dict(zip(options[::2], options[1::2], strict=True))


def test_run_turns_xsrf_protection_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _started(monkeypatch, tmp_path)["--server.enableXsrfProtection"] == "true"


def test_run_hides_error_details(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _started(monkeypatch, tmp_path)["--client.showErrorDetails"] == "none"


def test_run_listens_on_this_machine_unless_told(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _started(monkeypatch, tmp_path)["--server.address"] == "localhost"
    assert capsys.readouterr().err == ""
    chosen = _started(monkeypatch, tmp_path, "--address", "0.0.0.0")
    assert chosen["--server.address"] == "0.0.0.0"
    assert "reachable from other machines" in capsys.readouterr().err


def test_run_watches_no_files_unless_dev(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    production = _started(monkeypatch, tmp_path)
    assert production["--server.fileWatcherType"] == "none"
    assert production["--server.runOnSave"] == "false"
    dev = _started(monkeypatch, tmp_path, "--dev")
    assert dev["--server.fileWatcherType"] == "auto" and dev["--server.runOnSave"] == "true"


def test_run_logs_through_logging_not_rich(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Rich prints tracebacks past the logging module, so past the scrubber.
    assert _started(monkeypatch, tmp_path)["--logger.enableRich"] == "false"


def test_the_config_file_is_safe_without_the_cli() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["address"] == "localhost"
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["runOnSave"] is False
    assert config["logger"]["enableRich"] is False
    assert config["browser"]["gatherUsageStats"] is False


def test_the_server_log_keeps_where_an_error_happened_but_not_its_message() -> None:
    previous = logging.getLogRecordFactory()
    install_log_scrubber()
    try:
        logger = logging.getLogger("streamlit.test")
        records: list[logging.LogRecord] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                records.append(record)

        handler = Keep()
        logger.addHandler(handler)
        try:
            raise ValueError("Kalle Karlsson 20150304-1234")
        except ValueError as exc:
            logger.error("Uncaught app execution", exc_info=exc)
            logger.warning(exc)
        finally:
            logger.removeHandler(handler)
    finally:
        logging.setLogRecordFactory(previous)
    text = "\n".join(logging.Formatter().format(r) for r in records)
    assert "Kalle" not in text and "20150304" not in text
    assert "ValueError: " + HIDDEN in text
    assert "test_hardening.py" in text and "Uncaught app execution" in text
