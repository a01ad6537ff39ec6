"""The audit log (loggbok): who opened, saved, exported or printed what, and when.

Append-only and hash-chained: every entry holds the SHA-256 of the entry before it, and a
small head record names the last entry, so an edited, deleted, reordered or cut-off entry
is found by ``AuditLog.verify``. Entries carry ids, kinds, revisions, audiences and counts,
never personal data or free text. No streamlit here: the app, the CLI and the services
all write through this package.
"""

from __future__ import annotations

from plans.audit.base import GENESIS_HASH, AuditAction, AuditEntry, AuditLog, check_detail
from plans.audit.files import FileAuditLog

__all__ = [
    "GENESIS_HASH",
    "AuditAction",
    "AuditEntry",
    "AuditLog",
    "FileAuditLog",
    "check_detail",
]
