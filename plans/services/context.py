"""Who is acting and on which day: every service call carries both explicitly, so a
rule never reads the clock or a global user behind the caller's back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from plans.store import Store


class Role(StrEnum):
    PROFESSIONAL = "professional"
    ADMIN = "admin"
    OPERATOR = "operator"
    """The local operator at the command line (audited as such)."""


@dataclass(frozen=True)
class Actor:
    """The person (or the local operator) a service acts for."""

    username: str
    display_name: str = ""
    organisation: str = ""
    """The organisation id the person works for ("" when unknown)."""
    role: Role = Role.PROFESSIONAL

    @property
    def label(self) -> str:
        """What a saved revision records as ``saved_by``."""
        return (self.display_name or self.username).strip()


LOCAL_OPERATOR = Actor(username="operator", display_name="", role=Role.OPERATOR)


@dataclass(frozen=True)
class Context:
    """One service call: the store, the acting person and today's date."""

    store: Store
    actor: Actor
    today: dt.date
