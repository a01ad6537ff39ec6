"""``hjulet reminders``: what is due or overdue, per responsible person, for a scheduled
job (the municipality's own e-mail sender reads ``--format json``)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import typer

from plans import clock
from plans.caseload.rows import reminders as due_reminders
from plans.cli.app import print_json, state
from plans.settings import get_settings


class ReminderFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def reminders(
    today: dt.datetime | None = typer.Option(
        None, "--today", formats=["%Y-%m-%d"], help="The day to count from (default: today)."
    ),
    days: int = typer.Option(
        0, "--days", min=0, max=366, help="Also what falls due within N days."
    ),
    fmt: ReminderFormat = typer.Option(ReminderFormat.TEXT, "--format"),
) -> None:
    """Reviews due, overdue and stalled actions, consent ending, plans missing, transitions.

    JSON: a list of {case_id, person, kind, due, days_overdue}; days_overdue is negative
    for what is still ahead."""
    if today is not None:
        clock.pin(today.date())
    day = clock.today()
    found = due_reminders(
        state.store().list_cases(),
        day,
        stalled_weeks=get_settings().stalled_weeks,
        days_ahead=days,
    )
    rows = [r.to_json(day) for r in found]
    if fmt is ReminderFormat.JSON:
        print_json(rows)
        return
    person = None
    for row in rows:
        if row["person"] != person:
            person = row["person"]
            typer.echo(f"{person or '(no one named)'}:")
        typer.echo(
            f"  {row['due']}  {row['kind']:<15} {row['case_id']}  ({row['days_overdue']:+d})"
        )


def register(app: typer.Typer) -> None:
    app.command("reminders")(reminders)
