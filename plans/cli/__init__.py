"""``hjulet`` – the command line. Exit codes: 0 ok, 1 unexpected error,
2 invalid input, 3 conflict, 4 not found, 5 permission denied."""

from __future__ import annotations

import sys
import traceback

import typer
from pydantic import ValidationError
from typer.exceptions import TyperException

from plans.cli import cases, serve  # noqa: F401  (registers commands)
from plans.cli.app import (
    EXIT_CONFLICT,
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_PERMISSION,
    EXIT_UNEXPECTED,
    CliError,
    app,
    state,
)
from plans.services import AccessDeniedError, RuleError
from plans.store import ConflictError, InvalidInputError, NotFoundError, StoreError

for _optional in (
    "accounts",
    "language",
    "pdf",
    "stats",
    "audit",
    "case_admin",
    "reminders",
    "handover",
    "database",
):
    # Feature modules register themselves with register(app) when present.
    try:
        _module = __import__(f"plans.cli.{_optional}", fromlist=["register"])
    except ModuleNotFoundError as exc:
        if exc.name != f"plans.cli.{_optional}":
            raise
        continue
    _module.register(app)


def _exit_code(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, CliError):
        return exc.code, str(exc)
    if isinstance(exc, RuleError):
        return EXIT_INVALID, "\nhjulet: ".join(exc.lines())
    if isinstance(exc, AccessDeniedError):
        return EXIT_PERMISSION, str(exc)
    if isinstance(exc, ConflictError):
        return EXIT_CONFLICT, str(exc)
    if isinstance(exc, NotFoundError):
        return EXIT_NOT_FOUND, str(exc)
    if isinstance(exc, InvalidInputError | ValidationError | ValueError):
        return EXIT_INVALID, str(exc).splitlines()[0]
    if isinstance(exc, PermissionError):
        return EXIT_PERMISSION, f"permission denied: {exc.filename or exc}"
    if isinstance(exc, StoreError):
        return EXIT_UNEXPECTED, str(exc)
    return EXIT_UNEXPECTED, f"unexpected error: {type(exc).__name__}: {exc}"


def main(argv: list[str] | None = None) -> int:
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="hjulet", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("hjulet: aborted", file=sys.stderr)
        return EXIT_UNEXPECTED
    except TyperException as exc:  # usage errors: unknown option, bad value, missing argument
        print(f"hjulet: {exc.format_message()}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:
        code, message = _exit_code(exc)
        if state.debug:
            traceback.print_exc()
        print(f"hjulet: {message}", file=sys.stderr)
        return code
    return result if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())


__all__ = ["app", "main"]
