"""Operator commands for the store as a whole: the database schema, moving between
backends, backups and restores."""

from __future__ import annotations

from pathlib import Path

import typer

from plans.cli.app import EXIT_CONFLICT, EXIT_NOT_FOUND, fail, print_json, state
from plans.services.stores import backup_store, migrate_store, restore_store
from plans.store import Store, is_database_url, open_location
from plans.store.transfer import CopyReport, Inventory, read_backup

db = typer.Typer(no_args_is_help=True, help="The PostgreSQL database: schema migrations.")


def _database_url() -> str:
    from plans.settings import get_settings

    url = get_settings().database_url
    if not url:
        fail("HJULET_DATABASE_URL is not set: the file store has no schema to upgrade")
    if not is_database_url(url):
        fail("HJULET_DATABASE_URL must start with postgresql://")
    return url


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply the SQL migrations the database lacks (opening the store applies them too)."""
    from plans.store.postgres import upgrade_database

    applied, version = upgrade_database(_database_url())
    for migration in applied:
        typer.echo(f"applied {migration.version:04d}_{migration.name}")
    typer.echo(f"database schema at version {version}")


@db.command("status")
def db_status() -> None:
    """The schema version of the database and the migrations it lacks (changes nothing)."""
    from plans.store.postgres import schema_status

    version, missing = schema_status(_database_url())
    typer.echo(f"database schema at version {version}")
    for migration in missing:
        typer.echo(f"pending {migration.version:04d}_{migration.name}")


def _same_place(source: Store, target: str) -> bool:
    root = getattr(source, "root", None)
    if is_database_url(target):
        return getattr(source, "url", None) == target
    return root is not None and Path(target).resolve() == Path(str(root)).resolve()


def _print_inventory(title: str, found: Inventory, hashes: bool) -> None:
    if hashes:
        for line in found.lines():
            typer.echo(line)
    typer.echo(
        f"{title}: {found.cases} cases, {found.documents} documents, "
        f"{found.revisions} revisions, digest sha256:{found.digest()}"
    )


def _finish(report: CopyReport, hashes: bool, what: str) -> None:
    _print_inventory(what, report.source, hashes)
    typer.echo(f"written {report.written}, already there {report.present}")
    if not report.verified:
        for line in report.missing[:20]:
            typer.echo(f"hjulet: not verified: {line}", err=True)
        fail(f"{len(report.missing)} revision(s) did not verify", 1)
    typer.echo(f"verified: every revision's content hash matches ({report.source.revisions})")


def migrate_store_command(
    to: str = typer.Option(..., "--to", help="A postgresql:// URL or a data folder."),
    source_at: str = typer.Option(
        "", "--from", help="Copy from here instead of the configured store (URL or folder)."
    ),
    hashes: bool = typer.Option(False, "--hashes", help="Print every revision's hash."),
    fmt_json: bool = typer.Option(False, "--json", help="The summary as JSON."),
) -> None:
    """Copy every document and revision to another store, then verify each one."""
    if source_at:
        state._store = open_location(source_at)
    source = state.store()
    if _same_place(source, to):
        fail("the target is the store itself; name another folder or database")
    target = open_location(to)
    try:
        report = migrate_store(state.context(), target)
    finally:
        target.close()
    if fmt_json:
        print_json({**report.source.summary(), "written": report.written, "verified": True})
        if not report.verified:
            fail(f"{len(report.missing)} revision(s) did not verify", 1)
        return
    _finish(report, hashes, "copied")


def backup(
    out: Path = typer.Option(..., "--out", help="The backup file to write (gzip JSON lines)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file."),
) -> None:
    """Write a consistent snapshot of every revision to one file."""
    if out.exists() and not force:
        fail(f"{out} exists; choose another name or use --force", EXIT_CONFLICT)
    if not out.parent.is_dir():
        fail(f"{out.parent}: no such folder", EXIT_NOT_FOUND)
    taken = backup_store(state.context(), out)
    _print_inventory(f"backed up to {out}", taken, False)


def restore(
    backup_file: Path = typer.Argument(..., metavar="FILE", help="A file from 'hjulet backup'."),
    force: bool = typer.Option(
        False, "--force", help="Restore into a store that already holds cases (adds only)."
    ),
    check_only: bool = typer.Option(False, "--check", help="Only check the backup file."),
) -> None:
    """Restore a backup; refuses a store that already holds cases unless --force."""
    if not backup_file.is_file():
        fail(f"{backup_file}: no such file", EXIT_NOT_FOUND)
    if check_only:
        _print_inventory(f"{backup_file} is whole", read_backup(backup_file), False)
        return
    report = restore_store(state.context(), backup_file, force=force)
    _finish(report, False, "restored")


def register(app: typer.Typer) -> None:
    app.add_typer(db, name="db")
    app.command("migrate-store")(migrate_store_command)
    app.command("backup")(backup)
    app.command("restore")(restore)
