"""``hjulet stats`` (the term report) and ``hjulet import-followup`` (a team's spreadsheet).

Exit codes as for every command: 0 ok, 2 invalid input, 4 file not found.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path

import typer

from plans.cli.app import EXIT_INVALID, EXIT_NOT_FOUND, fail, print_json, state
from plans.followup.importer import SheetError, import_rows, read_sheet
from plans.followup.periods import Grouping
from plans.followup.report import term_report
from plans.i18n import t
from plans.settings import get_settings


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
    start: dt.datetime = typer.Option(..., "--from", formats=_DATE, help="First day, YYYY-MM-DD."),
    end: dt.datetime = typer.Option(..., "--to", formats=_DATE, help="Last day, YYYY-MM-DD."),
    by: Grouping = typer.Option(Grouping.TERM, "--by", help="One column per term, year or month."),
    team: str | None = typer.Option(None, "--team", help="Only this team's cases."),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format"),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead."),
    no_suppress: bool = typer.Option(
        False, "--no-suppress", help="Show counts below 5. For the team's internal use only."
    ),
    lang: LangOption | None = typer.Option(None, "--lang", help="Language of labels."),
) -> None:
    """The term follow-up: children raised, consent, SIP, breakdowns and the family survey.

    Counts from 1 to 4 are shown as <5, and what would give them away as x,
    unless --no-suppress is given.
    """
    language = _lang(lang)
    if end < start:
        fail(t("followup.stats.bad_range", language, start=start.date(), end=end.date()))
    facts = state.store().case_facts()  # one query on a database
    report = term_report(
        facts,
        start.date(),
        end.date(),
        by,
        team,
        suppress=not no_suppress,
        surveys=state.store().anonymous_surveys().facts(),
    )
    if fmt is OutputFormat.XLSX and out is None:
        fail(t("followup.stats.xlsx_needs_out", language))
    if fmt is OutputFormat.JSON and out is None:
        print_json(report.to_json())
        return
    if fmt is OutputFormat.JSON:
        import json

        data = (json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n").encode()
    elif fmt is OutputFormat.CSV:
        data = report.to_csv(language)
    elif fmt is OutputFormat.XLSX:
        data = report.to_xlsx(language)
    else:
        data = report.to_text(language).encode()
    if out is None:
        sys.stdout.write(data.decode())
        return
    try:
        out.write_bytes(data)
    except FileNotFoundError:
        fail(t("followup.import.file_missing", language, path=out.parent), EXIT_NOT_FOUND)
    typer.echo(t("followup.stats.wrote", language, path=out))


def import_followup(
    file: Path = typer.Argument(..., help="A .csv or .xlsx file, one row per child raised."),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Import the good rows even if some rows have errors."
    ),
    team: str = typer.Option("", "--team", help="Team for rows without a team column."),
    lang: LangOption | None = typer.Option(None, "--lang", help="Language of messages."),
) -> None:
    """Import a team's follow-up spreadsheet as statistics-only records.

    Columns (Swedish or English names): raised_on, consent, sip, age or age_band,
    gender, referrer, team. Other columns are not read. Importing the same rows
    again adds nothing.
    """
    language = _lang(lang)
    try:
        sheet = read_sheet(file, language, default_team=team)
    except FileNotFoundError as exc:
        fail(str(exc), EXIT_NOT_FOUND)
    except SheetError as exc:
        fail(str(exc), EXIT_INVALID)
    if sheet.ignored_columns:
        columns = ", ".join(sheet.ignored_columns)
        typer.echo(t("followup.import.ignored_columns", language, columns=columns), err=True)
    for bad in sheet.bad:
        typer.echo(
            t("followup.import.bad_row", language, line=bad.line, reason=bad.reason), err=True
        )
    if sheet.bad and not skip_bad:
        fail(t("followup.import.nothing_imported", language, count=len(sheet.bad)))
    imported, present = import_rows(state.store(), sheet.rows, file.name, language)
    typer.echo(t("followup.import.done", language, imported=imported, present=present))
    if sheet.bad:
        typer.echo(t("followup.import.skipped_bad", language, count=len(sheet.bad)))


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("import-followup")(import_followup)
