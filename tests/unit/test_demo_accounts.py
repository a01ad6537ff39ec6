"""Demo accounts exist only for demo data served to this machine alone (issue 10)."""

from __future__ import annotations

from pathlib import Path

from plans.accounts import directory_for
from plans.cli import main
from plans.cli.serve import demo_accounts
from plans.demo import write_demo
from plans.services.accounts import sign_in
from plans.store.files import FileStore


def test_demo_data_on_localhost_gets_accounts_that_sign_in(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "demo", "--if-empty"]) == 0
    store = FileStore(tmp_path)
    note = demo_accounts(store, "localhost")
    assert note is not None and note.stat().st_mode & 0o077 == 0
    lines = note.read_text().splitlines()[1:]
    accounts = dict(line.split("  ") for line in lines)
    assert {"lena", "jonas", "admin"} <= set(accounts)
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    assert sign_in(store, "jonas", accounts["jonas"], now).username == "jonas"
    # A restart shows the same file and makes no new accounts.
    assert demo_accounts(store, "127.0.0.1") == note
    assert note.read_text().splitlines()[1:] == lines


def test_no_demo_accounts_on_another_address_or_for_real_data(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path / "demo"), "demo", "--if-empty"]) == 0
    assert demo_accounts(FileStore(tmp_path / "demo"), "0.0.0.0") is None
    assert directory_for(FileStore(tmp_path / "demo")).users() == []

    real = FileStore(tmp_path / "real")
    write_demo(real, 2)  # cases written some other way: not marked as demo data
    assert demo_accounts(real, "localhost") is None
    assert directory_for(real).users() == []
