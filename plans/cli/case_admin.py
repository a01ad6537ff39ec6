"""``hjulet case set|close|reopen|born``: case administration from the command line.

Exit codes: 0 ok, 2 invalid input or a broken rule, 3 conflict, 4 no such case."""

from __future__ import annotations

import datetime as dt

import typer

from plans.cli.app import print_json, state
from plans.documents.case import CloseReason
from plans.services import CASE_FIELDS, close_case, record_birth, reopen_case, set_case_field
from plans.store import Envelope

case_app = typer.Typer(
    no_args_is_help=True, help="Correct, close and reopen a case; record that a child is born."
)


def _done(env: Envelope) -> None:
    print_json({"case_id": env.case_id, "revision": env.revision, "note": env.note})


@case_app.command("set")
def set_field(
    case_id: str = typer.Argument(...),
    field: str = typer.Argument(..., help="One of: " + ", ".join(CASE_FIELDS)),
    value: str = typer.Argument(
        ..., help="The new value; '' clears it; guardians and expecting_parents take JSON."
    ),
    note: str = typer.Option("", "--note", help="Why (kept in the history)."),
) -> None:
    """Correct one detail of a case (a new revision; the history keeps the old value)."""
    _done(set_case_field(state.context(), case_id, field, value, note=note))


@case_app.command("close")
def close(
    case_id: str = typer.Argument(...),
    reason: CloseReason = typer.Option(..., "--reason", help="Why the case is closed."),
    note: str = typer.Option("", "--note"),
) -> None:
    """Close a case today (it leaves the caseload; history and statistics keep it)."""
    _done(close_case(state.context(), case_id, reason, note=note))


@case_app.command("reopen")
def reopen(case_id: str = typer.Argument(...), note: str = typer.Option("", "--note")) -> None:
    """Open a closed case again."""
    _done(reopen_case(state.context(), case_id, note=note))


@case_app.command("born")
def born(
    case_id: str = typer.Argument(...),
    birth_date: dt.datetime = typer.Option(..., "--date", formats=["%Y-%m-%d"]),
    first_name: str = typer.Option("", "--first-name", help="Default: the name the parents use."),
    last_name: str = typer.Option("", "--last-name"),
    note: str = typer.Option("", "--note"),
) -> None:
    """The child is born: the unborn case becomes a child case, every document kept."""
    env = record_birth(
        state.context(),
        case_id,
        birth_date=birth_date.date(),
        first_name=first_name,
        last_name=last_name,
        note=note,
    )
    _done(env)


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
