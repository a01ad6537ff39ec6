"""``hjulet audit show|verify``, ``hjulet retention``, ``hjulet subject-export`` and
``hjulet surveys move-anonymous``: the audit log, deleting closed cases after the
retention period, what a family may request, and keeping anonymous surveys apart."""

from __future__ import annotations

import datetime as dt
import json
import os
from enum import StrEnum
from pathlib import Path

import typer

from plans.cli.app import EXIT_CONFLICT, EXIT_UNEXPECTED, fail, print_json, state
from plans.i18n import LANGUAGES
from plans.services.retention import delete_expired, expired_cases, subject_export
from plans.services.surveys import move_anonymous_surveys
from plans.settings import get_settings

audit_app = typer.Typer(no_args_is_help=True, help="The audit log: who did what, when.")
surveys_app = typer.Typer(no_args_is_help=True, help="Anonymous family surveys.")


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} '{value}' is not a date (YYYY-MM-DD)")


@audit_app.command("show")
def show(
    case_id: str | None = typer.Option(None, "--case", help="Only entries about this case."),
    user: str | None = typer.Option(None, "--user", help="Only entries by this username."),
    since: str | None = typer.Option(None, "--from", help="From this day (UTC), YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--to", help="To this day (UTC), inclusive."),
    fmt: Format = typer.Option(Format.TABLE, "--format"),
) -> None:
    """Entries oldest first: when, who, what, which case and the ids involved."""
    first, last = _day(since, "--from"), _day(until, "--to")
    if first and last and last < first:
        fail("--to is before --from")
    entries = (
        state.store().audit_log().entries(case_id=case_id, actor=user, since=first, until=last)
    )
    if fmt is Format.JSON:
        print_json([e.to_json() for e in entries])
        return
    rows = [
        [
            str(e.seq),
            e.content()["at"],
            e.actor,
            e.action,
            e.case_id or "–",
            " ".join(f"{k}={v}" for k, v in e.detail.items()),
        ]
        for e in entries
    ]
    header = ["seq", "at (UTC)", "user", "action", "case", "detail"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@audit_app.command("verify")
def verify() -> None:
    """Check the hash chain and the head record: exit 0 when intact, 1 naming the first
    broken entry otherwise."""
    log = state.store().audit_log()
    problems = log.verify()
    for line in problems:
        typer.echo(f"hjulet: {line}", err=True)
    if problems:
        raise typer.Exit(EXIT_UNEXPECTED)
    entries = log.entries()
    head = entries[-1].hash if entries else "-"
    typer.echo(f"intact: {len(entries)} entries, last hash {head}")


def retention(
    apply: bool = typer.Option(
        False, "--apply", help="Delete them (every revision); otherwise only list them."
    ),
    years: int | None = typer.Option(
        None, "--years", min=1, help="Override HJULET_RETENTION_YEARS (default 5)."
    ),
    fmt: Format = typer.Option(Format.TABLE, "--format"),
) -> None:
    """Closed cases kept longer than the retention period; --apply deletes them."""
    ctx = state.context()
    keep = years or get_settings().retention_years
    if not apply:
        expired = expired_cases(ctx, keep)
        if fmt is Format.JSON:
            print_json([e.to_json() for e in expired])
            return
        for e in expired:
            typer.echo(f"{e.case_id}  closed {e.closed_on or '–'}  kept until {e.kept_until}")
        typer.echo(
            f"{len(expired)} closed case(s) older than {keep} year(s)"
            + ("; run with --apply to delete them" if expired else "")
        )
        return
    deleted = delete_expired(ctx, keep)
    if fmt is Format.JSON:
        print_json([{**e.to_json(), "revisions_deleted": n} for e, n in deleted])
        return
    for e, n in deleted:
        typer.echo(f"deleted {e.case_id}: {n} revision(s)")
    typer.echo(f"deleted {len(deleted)} case(s); the audit log records each deletion")


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def subject_export_command(
    case_id: str = typer.Argument(..., help="The case id."),
    out: Path = typer.Option(..., "--out", help="Folder to write to (created if missing)."),
    lang: str | None = typer.Option(None, "--lang", help="sv or en, for the PDF."),
) -> None:
    """What a family may request: every revision as JSON, and the family PDF."""
    language = lang or get_settings().default_language
    if language not in LANGUAGES:
        fail(f"unknown language '{language}'; use sv or en")
    json_path = out / f"{case_id}.json"
    pdf_path = out / f"{case_id}-family.pdf"
    for path in (json_path, pdf_path):
        if path.exists():
            fail(f"{path} exists; choose an empty folder", EXIT_CONFLICT)
    export = subject_export(state.context(), case_id, language)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = json.dumps(export.bundle, ensure_ascii=False, indent=1) + "\n"
    _write_private(json_path, text.encode("utf-8"))
    typer.echo(f"wrote {len(export.bundle['documents'])} revisions to {json_path}")  # type: ignore[arg-type]
    if export.family_pdf is not None:
        _write_private(pdf_path, export.family_pdf)
        typer.echo(f"wrote the family's plan to {pdf_path}")
    else:
        typer.echo("the case has no plan: no PDF written")


@surveys_app.command("move-anonymous")
def move_anonymous() -> None:
    """Move anonymous surveys that older versions kept inside cases out of them (their
    counted answers stay in the follow-up; every revision leaves the case)."""
    moved, cases = move_anonymous_surveys(state.context())
    typer.echo(f"moved {moved} anonymous survey(s) out of {cases} case(s)")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
    app.add_typer(surveys_app, name="surveys")
    app.command("retention")(retention)
    app.command("subject-export")(subject_export_command)
