"""An account: who a person is in Hjulet, their role and organisation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")


class AccountRole(StrEnum):
    PROFESSIONAL = "professional"
    """Works with the cases they are a member of."""
    ADMIN = "admin"
    """Manages accounts and memberships; reads no case content unless also a member."""


def valid_username(name: str) -> bool:
    """2–63 characters: lowercase letters, digits, '.', '_' and '-', starting with a letter or
    digit (so a name is safe in a file, a log line and a URL)."""
    return bool(_USERNAME.match(name))


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: AccountRole
    organisation: str = ""
    """The organisation the person works for, as its name or id ("" when not given); it is
    matched by id (``plans.organisations.organisation_id``), so either spelling works."""
    email: str = ""
    oidc_subject: str = ""
    """The identity provider's ``sub`` claim, for sign-in with OpenID Connect."""
    disabled: bool = False
    failed_attempts: int = 0
    locked_until: dt.datetime | None = None
    created_at: dt.datetime | None = None
    password_hash: str = field(default="", repr=False)

    @property
    def label(self) -> str:
        return self.display_name.strip() or self.username

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def to_json(self) -> dict[str, object]:
        """What ``hjulet user list`` shows: never the password hash."""
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "organisation": self.organisation,
            "email": self.email,
            "oidc_subject": self.oidc_subject,
            "disabled": self.disabled,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }
