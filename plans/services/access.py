"""Who may do what with a case: the one place the app, the CLI and imports ask.

Until sign-in and case memberships exist (issue 10), every person who can run Hjulet
acts on every case; the services already call ``require`` on every read and write so
that membership checks land in one place."""

from __future__ import annotations

from enum import StrEnum

from plans.services.context import Context


class Permission(StrEnum):
    READ = "read"
    WRITE = "write"
    EXPORT = "export"


def require(ctx: Context, case_id: str | None, permission: Permission) -> None:
    """Raises AccessDeniedError when ``ctx.actor`` may not do ``permission`` on the case."""
    del ctx, case_id, permission
