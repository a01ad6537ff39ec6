"""``hjulet user …`` and ``hjulet access …``: accounts and who may open which case."""

from __future__ import annotations

import sys
from enum import StrEnum

import typer

from plans.accounts import AccountRole
from plans.cli.app import EXIT_NOT_FOUND, fail, print_json, state
from plans.services import access, accounts

user_app = typer.Typer(no_args_is_help=True, help="Accounts: add, change, disable, list.")
access_app = typer.Typer(no_args_is_help=True, help="Who may open a case.")


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


def _password_from_stdin() -> str:
    """The first line of standard input (a password never goes on the command line, where
    other users of the machine can see it in the process list)."""
    if sys.stdin.isatty():
        typer.echo("password (one line, then Enter): ", err=True, nl=False)
    line = sys.stdin.readline()
    if not line:
        fail("no password on standard input")
    return line.rstrip("\r\n")


@user_app.command("add")
def user_add(
    name: str,
    role: AccountRole = typer.Option(..., "--role"),
    organisation: str = typer.Option(
        "", "--organisation", help="The organisation's id or name (matched by id)."
    ),
    display_name: str = typer.Option("", "--display-name"),
    email: str = typer.Option("", "--email", help="Links the account to case contacts."),
    oidc_subject: str = typer.Option("", "--oidc-subject", help="The identity provider's sub."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
) -> None:
    """Add an account (without --password-stdin: sign-in through the identity provider only)."""
    password = _password_from_stdin() if password_stdin else None
    user = accounts.add_user(
        state.context(),
        name,
        role=role,
        password=password,
        display_name=display_name,
        organisation=organisation,
        email=email,
        oidc_subject=oidc_subject,
    )
    typer.echo(f"added {user.username} ({user.role.value})")


@user_app.command("passwd")
def user_passwd(
    name: str,
    password_stdin: bool = typer.Option(
        True, "--password-stdin", help="Read the new password from standard input."
    ),
) -> None:
    """Set a new password (it also unlocks the account)."""
    del password_stdin
    accounts.set_password(state.context(), name, _password_from_stdin())
    typer.echo(f"password changed for {name}")


@user_app.command("disable")
def user_disable(name: str) -> None:
    """Disable an account: its sessions end at their next click; memberships stay on record."""
    accounts.set_disabled(state.context(), name, True)
    typer.echo(f"disabled {name}")


@user_app.command("enable")
def user_enable(name: str) -> None:
    accounts.set_disabled(state.context(), name, False)
    typer.echo(f"enabled {name}")


@user_app.command("unlock")
def user_unlock(name: str) -> None:
    """Lift a lockout after failed sign-ins."""
    accounts.unlock(state.context(), name)
    typer.echo(f"unlocked {name}")


@user_app.command("list")
def user_list(fmt: Format = typer.Option(Format.TABLE, "--format")) -> None:
    users = accounts.list_users(state.context())
    if fmt is Format.JSON:
        print_json([u.to_json() for u in users])
        return
    for u in users:
        flags = " disabled" if u.disabled else ""
        typer.echo(f"{u.username}\t{u.role.value}\t{u.organisation or '-'}\t{u.label}{flags}")


@access_app.command("grant")
def access_grant(case_id: str, user: str) -> None:
    """Let USER open the case (while consent covers their organisation)."""
    if access.grant(state.context(), case_id, user):
        typer.echo(f"{user} may now open {case_id}")
    else:
        typer.echo(f"{user} already had access to {case_id}")


@access_app.command("revoke")
def access_revoke(case_id: str, user: str) -> None:
    """Take back access that was granted (access from the case's own contacts stays)."""
    if not access.revoke(state.context(), case_id, user):
        fail(f"{user} had no granted access to {case_id}", EXIT_NOT_FOUND)
    typer.echo(f"{user} may no longer open {case_id}")


@access_app.command("list")
def access_list(case_id: str, fmt: Format = typer.Option(Format.TABLE, "--format")) -> None:
    """Every member of the case and why."""
    rows = [
        {
            "username": m.username,
            "reason": m.reason.value,
            "granted_by": m.granted_by,
            "since": m.granted_on.isoformat(),
        }
        for m in access.members(state.context(), case_id)
    ]
    if fmt is Format.JSON:
        print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['username']}\t{r['reason']}\t{r['since']}")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(access_app, name="access")
