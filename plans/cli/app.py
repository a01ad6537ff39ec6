"""The typer application and what every command shares: the store, output, errors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import typer

from plans import clock
from plans.services import LOCAL_OPERATOR, Context
from plans.services.access import Permission, require
from plans.services.accounts import actor_for, current_user
from plans.store import Store, open_store

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_INVALID = 2
EXIT_CONFLICT = 3
EXIT_NOT_FOUND = 4
EXIT_PERMISSION = 5

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Hjulet: wellbeing-wheel assessments and child's plans, from the command line.",
    pretty_exceptions_enable=False,
)


@dataclass
class State:
    data_dir: Path | None = None
    debug: bool = False
    acting_as: str = ""
    """A username from --as or HJULET_USER; empty: the local operator."""
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.data_dir)
        return self._store

    def context(self) -> Context:
        """Who a command acts as, and on which day: every write goes through a service.

        With ``--as USER`` the command has exactly that person's access; without it, the
        local operator's (whoever can read the data folder can read every case anyway)."""
        if not self.acting_as:
            return Context(self.store(), LOCAL_OPERATOR, clock.today())
        user = current_user(self.store(), self.acting_as)
        if user is None:
            fail(f"no active user '{self.acting_as}'", EXIT_PERMISSION)
        return Context(self.store(), actor_for(user), clock.today())

    def readable(self, case_id: str, permission: Permission = Permission.READ) -> Store:
        """The store, once the acting person may read (or export) the case."""
        require(self.context(), case_id, permission)
        return self.store()


state = State()


@app.callback()
def _options(
    data_dir: Path | None = typer.Option(
        None, "--data-dir", help="Data folder (default: $HJULET_DATA_DIR or ./data)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
    today: dt.datetime | None = typer.Option(
        None,
        "--today",
        formats=["%Y-%m-%d"],
        help="Act as if today were DATE (default: $HJULET_TODAY or the clock).",
    ),
    acting_as: str = typer.Option(
        "", "--as", envvar="HJULET_USER", help="Act as this user, with their access."
    ),
) -> None:
    clock.pin(today.date() if today else None)
    state.data_dir = data_dir
    state.debug = debug
    state.acting_as = acting_as.strip()
    state._store = None


class CliError(Exception):
    """An error with its exit code; printed as one line on stderr."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    raise CliError(message, code)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def read_json_file(path: Path) -> Any:
    """JSON from a file or '-' (stdin), with one-line errors."""
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file", EXIT_NOT_FOUND)
    except UnicodeDecodeError:
        fail(f"{path}: not UTF-8 text")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    except RecursionError:
        fail(f"{path}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    if json_depth(data) > MAX_JSON_DEPTH:
        fail(f"{path}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return data


MAX_JSON_DEPTH = 64
"""No document is nested nearly this deep; deeper input is refused before validation."""


def json_depth(data: Any) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest
