"""People who sign in, and which cases each of them is a member of.

No streamlit here: the sign-in page, the CLI's ``user`` and ``access`` commands and the
service layer's access checks all use this package through ``plans.services``."""

from __future__ import annotations

from plans.accounts.directory import Directory, MemberReason, Membership, directory_for
from plans.accounts.model import AccountRole, User, valid_username
from plans.accounts.passwords import hash_password, verify_password

__all__ = [
    "AccountRole",
    "Directory",
    "MemberReason",
    "Membership",
    "User",
    "directory_for",
    "hash_password",
    "valid_username",
    "verify_password",
]
