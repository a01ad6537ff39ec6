"""Whole-store operations for the operator: move to another backend, back up, restore.

Revisions are copied exactly as they were saved (same numbers, times and authors): a
copy or a restore is the same history, not new saves, so the save rules do not run
again, but every envelope and body is parsed before it is written.
"""

from __future__ import annotations

from pathlib import Path

from plans.services.context import Context, Role
from plans.services.errors import AccessDeniedError
from plans.store import ConflictError, Store
from plans.store.transfer import (
    CopyReport,
    Inventory,
    copy_store,
    is_empty,
    restore_backup,
    write_backup,
)


class StoreNotEmptyError(ConflictError):
    """A restore into a store that already holds cases, without ``force``."""

    def __init__(self, cases: int) -> None:
        Exception.__init__(
            self,
            f"the target store already holds {cases} case(s); "
            "use --force to add the backup's revisions to it",
        )
        self.theirs, self.mine, self.based_on = None, {}, None


def _require_operator(ctx: Context) -> None:
    """Whole-store operations read and write every case: the operator's, no one else's."""
    if ctx.actor.role is not Role.OPERATOR:
        raise AccessDeniedError("only the operator may copy, back up or restore the store")


def migrate_store(ctx: Context, target: Store) -> CopyReport:
    """Copy every revision of ``ctx.store`` into ``target`` and verify each one."""
    _require_operator(ctx)
    return copy_store(ctx.store, target)


def backup_store(ctx: Context, out: Path) -> Inventory:
    _require_operator(ctx)
    return write_backup(ctx.store, out)


def restore_store(ctx: Context, backup: Path, *, force: bool = False) -> CopyReport:
    """Restore a backup. A non-empty store is refused unless ``force``; then only the
    revisions it lacks are added, and one that differs stops the restore (a conflict)."""
    _require_operator(ctx)
    if not force and not is_empty(ctx.store):
        raise StoreNotEmptyError(ctx.store.count_cases())
    return restore_backup(backup, ctx.store)
