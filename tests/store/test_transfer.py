"""Moving a store between backends, backups and restores, through the commands an
operator runs: counts and a hash per revision verified, re-running safe, nothing lost."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from plans.cli import main
from plans.demo import write_demo
from plans.settings import get_settings
from plans.store import Store, StoreError, open_location
from plans.store.bundle import export_case
from plans.store.schema import migrations
from plans.store.transfer import revision_hash


def _exports(store: Store) -> dict[str, list[Any]]:
    """Every case as its export, without the moment of exporting."""
    return {cid: export_case(store, cid)["documents"] for cid in sorted(store.case_ids())}


def _run(location: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """``hjulet ARGS`` against the store at ``location`` (a folder or a database URL)."""
    if location.startswith("postgresql://"):
        monkeypatch.setenv("HJULET_DATABASE_URL", location)
        get_settings.cache_clear()
        return main(list(args))
    monkeypatch.delenv("HJULET_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    return main(["--data-dir", location, *args])


def _filled(location: str) -> dict[str, list[Any]]:
    store = open_location(location)
    try:
        write_demo(store, 5, seed=1)
        return _exports(store)
    finally:
        store.close()


def test_files_to_postgresql_and_back_gives_identical_exports(
    tmp_path: Path,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = str(tmp_path / "files")
    before = _filled(source)
    revisions = sum(len(docs) for docs in before.values())
    assert _run(source, "migrate-store", "--to", postgres_url, monkeypatch=monkeypatch) == 0
    first = capsys.readouterr().out
    assert f"copied: {len(before)} cases" in first and f"{revisions} revisions" in first
    assert f"written {revisions}, already there 0" in first
    assert f"verified: every revision's content hash matches ({revisions})" in first
    digest = first.split("digest ")[1].split()[0]

    # Again: nothing new is written, the same digest is printed.
    assert _run(source, "migrate-store", "--to", postgres_url, monkeypatch=monkeypatch) == 0
    again = capsys.readouterr().out
    assert f"written 0, already there {revisions}" in again and digest in again

    back = str(tmp_path / "back")
    assert (
        _run(
            source,
            "migrate-store",
            "--from",
            postgres_url,
            "--to",
            back,
            "--hashes",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    out = capsys.readouterr().out
    assert digest in out
    hash_lines = [line for line in out.splitlines() if line.startswith("c-")]
    assert len(hash_lines) == revisions  # one content hash per revision, printed

    database, returned = open_location(postgres_url), open_location(back)
    try:
        assert _exports(database) == before
        assert _exports(returned) == before
        assert database.check() == [] and returned.check() == []
        env = returned.load(*hash_lines[0].split()[0].rsplit("/", 2)[:2])
        assert any(revision_hash(env) in line for line in hash_lines)
    finally:
        database.close()
        returned.close()


def test_migrating_into_itself_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = str(tmp_path / "files")
    _filled(source)
    assert _run(source, "migrate-store", "--to", source, monkeypatch=monkeypatch) == 2


def test_a_differing_revision_in_the_target_stops_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target = str(tmp_path / "a"), str(tmp_path / "b")
    _filled(source)
    assert _run(source, "migrate-store", "--to", target, monkeypatch=monkeypatch) == 0
    a, b = open_location(source), open_location(target)
    cid = sorted(a.case_ids())[0]
    case_a = a.load(cid, "case")
    a.save(cid, "case", case_a.body, parent_revision=case_a.revision, note="here")
    b.save(cid, "case", case_a.body, parent_revision=case_a.revision, note="there")
    assert _run(source, "migrate-store", "--to", target, monkeypatch=monkeypatch) == 3


@pytest.fixture(params=["files", "postgresql"])
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    if request.param == "files":
        return str(tmp_path / "source"), str(tmp_path / "target")
    server = request.getfixturevalue("postgres_server")
    return server.fresh_schema(), server.fresh_schema()


def test_backup_and_restore_round_trip(
    two_stores: tuple[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, target = two_stores
    before = _filled(source)
    backup = tmp_path / "hjulet.backup.gz"
    assert _run(source, "backup", "--out", str(backup), monkeypatch=monkeypatch) == 0
    assert _run(source, "backup", "--out", str(backup), monkeypatch=monkeypatch) == 3  # exists
    assert _run(target, "restore", str(backup), monkeypatch=monkeypatch) == 0
    assert "verified" in capsys.readouterr().out
    restored = open_location(target)
    try:
        assert _exports(restored) == before
        assert restored.check() == []
    finally:
        restored.close()
    # A store that holds cases is refused without --force; with it, only what is missing.
    assert _run(target, "restore", str(backup), monkeypatch=monkeypatch) == 3
    capsys.readouterr()
    assert _run(target, "restore", str(backup), "--force", monkeypatch=monkeypatch) == 0
    assert "written 0" in capsys.readouterr().out


def test_a_files_backup_restores_into_postgresql(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = str(tmp_path / "files")
    before = _filled(source)
    backup = tmp_path / "b.gz"
    assert _run(source, "backup", "--out", str(backup), monkeypatch=monkeypatch) == 0
    assert _run(postgres_url, "restore", str(backup), monkeypatch=monkeypatch) == 0
    database = open_location(postgres_url)
    try:
        assert _exports(database) == before
    finally:
        database.close()


def _rewrite(backup: Path, out: Path, change: Any) -> None:
    lines = gzip.decompress(backup.read_bytes()).decode().splitlines()
    out.write_bytes(gzip.compress(("\n".join(change(lines)) + "\n").encode()))


def test_truncated_edited_or_foreign_backups_are_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(tmp_path / "files")
    _filled(source)
    backup = tmp_path / "b.gz"
    assert _run(source, "backup", "--out", str(backup), monkeypatch=monkeypatch) == 0

    def edit(lines: list[str]) -> list[str]:
        doc = json.loads(lines[1])
        doc["note"] = "changed afterwards"
        return [lines[0], json.dumps(doc), *lines[2:]]

    bad = {
        "truncated": lambda lines: lines[:-2],
        "edited": edit,
        "foreign": lambda lines: ['{"format": "something-else"}', *lines[1:]],
        "hostile": lambda lines: [lines[0], '{"kind": "../../etc"}', *lines[2:]],
    }
    for name, change in bad.items():
        broken = tmp_path / f"{name}.gz"
        _rewrite(backup, broken, change)
        target = str(tmp_path / f"target-{name}")
        assert _run(target, "restore", str(broken), monkeypatch=monkeypatch) == 2, name
        assert open_location(target).case_ids() == []
    (tmp_path / "garbage.gz").write_bytes(b"not gzip at all")
    assert (
        _run(source, "restore", "--check", str(tmp_path / "garbage.gz"), monkeypatch=monkeypatch)
        == 2
    )
    assert _run(source, "restore", str(tmp_path / "nothing.gz"), monkeypatch=monkeypatch) == 4
    capsys.readouterr()
    assert _run(source, "restore", "--check", str(backup), monkeypatch=monkeypatch) == 0
    assert "is whole" in capsys.readouterr().out


def test_db_upgrade_applies_migrations_once_and_says_the_version(
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(postgres_url, "db", "status", monkeypatch=monkeypatch) == 0
    assert "pending 0001_revisions_and_index" in capsys.readouterr().out
    assert _run(postgres_url, "db", "upgrade", monkeypatch=monkeypatch) == 0
    assert "applied 0001_revisions_and_index" in capsys.readouterr().out
    assert _run(postgres_url, "db", "upgrade", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "applied" not in out and f"database schema at version {len(migrations())}" in out
    assert _run(str(tmp_path / "files"), "db", "upgrade", monkeypatch=monkeypatch) == 2


def test_a_database_newer_than_this_code_is_refused(postgres_url: str) -> None:
    open_location(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
    with pytest.raises(StoreError, match="newer than this hjulet"):
        open_location(postgres_url)


def test_hjulet_list_pages_and_searches_in_the_store(
    tmp_path: Path,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = str(tmp_path / "files")
    _filled(source)
    assert _run(source, "migrate-store", "--to", postgres_url, monkeypatch=monkeypatch) == 0
    for location in (source, postgres_url):
        capsys.readouterr()
        assert _run(location, "list", "--format", "json", monkeypatch=monkeypatch) == 0
        every = json.loads(capsys.readouterr().out)
        assert (
            _run(
                location,
                "list",
                "--format",
                "json",
                "--limit",
                "2",
                "--offset",
                "1",
                monkeypatch=monkeypatch,
            )
            == 0
        )
        assert json.loads(capsys.readouterr().out) == every[1:3]
        assert (
            _run(location, "list", "--format", "json", "--search", "noah", monkeypatch=monkeypatch)
            == 0
        )
        assert [c["display_name"] for c in json.loads(capsys.readouterr().out)] == [
            c["display_name"] for c in every if "noah" in c["display_name"].lower()
        ]
        assert _run(location, "list", "--status", "maybe", monkeypatch=monkeypatch) == 2


def test_only_the_operator_may_copy_back_up_or_restore(tmp_path: Path) -> None:
    import datetime as dt

    from plans.services import Actor, Context, Role
    from plans.services.errors import AccessDeniedError
    from plans.services.stores import backup_store, migrate_store, restore_store

    store = open_location(str(tmp_path / "files"))
    for role in (Role.PROFESSIONAL, Role.ADMIN):
        ctx = Context(store, Actor(username="nina", role=role), dt.date(2026, 11, 23))
        with pytest.raises(AccessDeniedError):
            backup_store(ctx, tmp_path / "b.gz")
        with pytest.raises(AccessDeniedError):
            migrate_store(ctx, open_location(str(tmp_path / "other")))
        with pytest.raises(AccessDeniedError):
            restore_store(ctx, tmp_path / "b.gz")
    assert not (tmp_path / "b.gz").exists()
