"""``hjulet stats`` (the term report) and ``hjulet import-followup`` (a team's spreadsheet).

Exit codes as for every command: 0 ok, 2 invalid input, 4 file not found.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from plans.cli.app import EXIT_INVALID, EXIT_NOT_FOUND, fail, print_json, state
from plans.followup.exports import report_csv, report_text, report_xlsx
from plans.followup.importer import Sheet, SheetError, read_sheet
from plans.followup.periods import Grouping
from plans.followup.report import Report, term_report
from plans.followup.report_set import SetName, UnknownTeamError, check_team, report_set
from plans.i18n import t
from plans.services.context import Context
from plans.services.followup_import import (
    import_batch,
    list_batches,
    replace_batch,
    result_line,
    undo_batch,
)
from plans.settings import get_settings
from plans.store import NotFoundError


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


class LangOption(StrEnum):
    SV = "sv"
    EN = "en"


_DATE = ["%Y-%m-%d"]


def _lang(option: LangOption | None) -> str:
    return option.value if option else get_settings().default_language


def stats(
    start: dt.datetime | None = typer.Option(
        None, "--from", formats=_DATE, help="First day, YYYY-MM-DD."
    ),
    end: dt.datetime | None = typer.Option(
        None, "--to", formats=_DATE, help="Last day, YYYY-MM-DD."
    ),
    by: Grouping = typer.Option(Grouping.TERM, "--by", help="One column per term, year or month."),
    team: str | None = typer.Option(None, "--team", help="Only this team's cases."),
    report_set_name: SetName | None = typer.Option(
        None,
        "--set",
        help="Columns published together, masked together: vt-ht-year (needs --year; with "
        "--team beside all teams) or teams (every team side by side).",
    ),
    year: int | None = typer.Option(None, "--year", min=2000, max=2100, help="With --set."),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format"),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead."),
    no_suppress: bool = typer.Option(
        False, "--no-suppress", help="Show counts below 5. For the team's internal use only."
    ),
    lang: LangOption | None = typer.Option(None, "--lang", help="Language of labels."),
) -> None:
    """The term follow-up: children raised, consent, SIP, breakdowns and the family survey.

    Counts from 1 to 4 are shown as <5, and what would give them away as x,
    unless --no-suppress is given. A --set masks its columns together, so nothing
    hidden can be worked out from another column of the set.
    """
    language = _lang(lang)
    if fmt is OutputFormat.XLSX and out is None:
        fail(t("followup.stats.xlsx_needs_out", language))
    facts = state.store().case_facts()  # one query on a database
    surveys = state.store().anonymous_surveys().facts()
    try:
        check_team(facts, team)
    except UnknownTeamError as exc:
        known = ", ".join(exc.known) or "–"
        fail(t("followup.unknown_team", language, team=team, known=known))
    if report_set_name is not None:
        report = _set_report(
            facts, report_set_name, year, start, end, team, no_suppress, language, surveys
        )
    else:
        if start is None or end is None:
            fail(t("followup.stats.needs_range", language))
        if year is not None:
            fail(t("followup.stats.year_needs_set", language))
        if end < start:
            fail(t("followup.stats.bad_range", language, start=start.date(), end=end.date()))
        report = term_report(
            facts, start.date(), end.date(), by, team, suppress=not no_suppress, surveys=surveys
        )
    _write(report, fmt, out, language)


def _set_report(
    facts: list[dict[str, Any]],
    name: SetName,
    year: int | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
    team: str | None,
    no_suppress: bool,
    language: str,
    surveys: list[dict[str, Any]],
) -> Report:
    if name is SetName.VT_HT_YEAR and (year is None or start or end):
        fail(t("followup.stats.set_needs_year", language))
    if name is SetName.TEAMS:
        if team:
            fail(t("followup.stats.teams_set_no_team", language))
        if (year is None) == (start is None or end is None) or bool(start) != bool(end):
            fail(t("followup.stats.teams_set_range", language))
        if start and end and end < start:
            fail(t("followup.stats.bad_range", language, start=start.date(), end=end.date()))
    return report_set(
        facts,
        name,
        year=year,
        start=start.date() if start else None,
        end=end.date() if end else None,
        team=team,
        suppress=not no_suppress,
        surveys=surveys,
    )


def _write(report: Report, fmt: OutputFormat, out: Path | None, language: str) -> None:
    if fmt is OutputFormat.JSON and out is None:
        print_json(report.to_json())
        return
    if fmt is OutputFormat.JSON:
        import json

        data = (json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n").encode()
    elif fmt is OutputFormat.CSV:
        data = report_csv(report, language)
    elif fmt is OutputFormat.XLSX:
        data = report_xlsx(report, language)
    else:
        data = report_text(report, language).encode()
    if out is None:
        sys.stdout.write(data.decode())
        return
    try:
        out.write_bytes(data)
    except FileNotFoundError:
        fail(t("followup.import.file_missing", language, path=out.parent), EXIT_NOT_FOUND)
    typer.echo(t("followup.stats.wrote", language, path=out))


def import_followup(
    file: Path | None = typer.Argument(
        None, help="A .csv or .xlsx file, one row per child raised."
    ),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Import the good rows even if some rows have errors."
    ),
    team: str = typer.Option("", "--team", help="Team for rows without a team column."),
    replace: str | None = typer.Option(
        None,
        "--replace",
        metavar="BATCH_ID",
        help="Swap FILE in for this batch (a corrected file).",
    ),
    undo: str | None = typer.Option(
        None, "--undo", metavar="BATCH_ID", help="Undo a batch: its rows stop counting."
    ),
    list_: bool = typer.Option(False, "--list", help="List the batches imported so far."),
    json_: bool = typer.Option(False, "--json", help="With --list: print JSON."),
    lang: LangOption | None = typer.Option(None, "--lang", help="Language of messages."),
) -> None:
    """Import a team's follow-up spreadsheet as statistics-only records, one batch per file.

    Columns (Swedish or English names): raised_on, consent, sip, age or age_band,
    gender, referrer, team. Other columns are not read. The same file again adds
    nothing; a different file adds all its rows. --list, --undo BATCH_ID and
    --replace BATCH_ID FILE manage the batches.
    """
    language = _lang(lang)
    modes = [file is not None and replace is None, replace is not None, undo is not None, list_]
    if sum(modes) != 1:
        fail(t("followup.import.one_mode", language))
    ctx = state.context()
    if list_:
        _list_batches(ctx, json_, language)
        return
    if undo is not None:
        try:
            saved = undo_batch(ctx, undo, lang=language)
        except NotFoundError:
            fail(t("followup.import.no_batch", language, batch=undo), EXIT_NOT_FOUND)
        typer.echo(t("followup.import.undone", language, batch=undo, count=saved))
        return
    if file is None:
        fail(t("followup.import.replace_needs_file", language))
    sheet = _read_for_import(file, team, skip_bad, language)
    try:
        if replace is not None:
            result = replace_batch(
                ctx, replace, sheet.rows, file_name=file.name, sha256=sheet.sha256, lang=language
            )
        else:
            result = import_batch(
                ctx, sheet.rows, file_name=file.name, sha256=sheet.sha256, lang=language
            )
    except NotFoundError:
        fail(t("followup.import.no_batch", language, batch=replace), EXIT_NOT_FOUND)
    except ValueError as exc:
        fail(str(exc))
    typer.echo(result_line(result, file.name, language))
    if sheet.bad:
        typer.echo(t("followup.import.skipped_bad", language, count=len(sheet.bad)))


def _read_for_import(file: Path, team: str, skip_bad: bool, language: str) -> Sheet:
    try:
        sheet = read_sheet(file, language, default_team=team)
    except FileNotFoundError as exc:
        fail(str(exc), EXIT_NOT_FOUND)
    except SheetError as exc:
        fail(str(exc), EXIT_INVALID)
    if sheet.ignored_columns:
        columns = ", ".join(sheet.ignored_columns)
        typer.echo(t("followup.import.ignored_columns", language, columns=columns), err=True)
    for line in sheet.bad_lines(language):
        typer.echo(line, err=True)
    if sheet.bad and not skip_bad:
        fail(t("followup.import.nothing_imported", language, count=len(sheet.bad)))
    if not sheet.rows:
        fail(t("followup.import.no_rows", language))
    return sheet


def _list_batches(ctx: Context, as_json: bool, language: str) -> None:
    found = list_batches(ctx)
    if as_json:
        print_json(
            [
                {
                    "id": b.id,
                    "file_name": b.file_name,
                    "sha256": b.sha256,
                    "rows": b.rows,
                    "rows_present": b.present,
                    "imported_on": b.imported_on.isoformat(),
                    "status": b.status.value,
                    "replaces": b.replaces,
                    "replaced_by": b.replaced_by,
                }
                for b in found
            ]
        )
        return
    if not found:
        typer.echo(t("followup.import.no_batches", language))
        return
    for b in found:
        status = t(f"followup.import.status.{b.status.value}", language, other=b.replaced_by or "")
        rows = str(b.rows) if b.present == b.rows else f"{b.present}/{b.rows}"
        typer.echo(
            f"{b.id}  {b.imported_on.isoformat()}  {b.sha256[:12]}  {rows:>7}  {status}  "
            + safe_line(b.file_name)
        )


def safe_line(text: str) -> str:
    """A file name as one printable line: control characters become '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("import-followup")(import_followup)
