"""Consent (samtycke) to share information between organisations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, field_validator, model_validator

from plans import clock
from plans.documents.common import Model, Name, Short, Text
from plans.organisations import organisation_id


class ScopeEntry(Model):
    """An organisation consent covers: matched by id, shown by name."""

    id: Short = Field(min_length=1, description="The organisation's id (plans.organisations).")
    name: Short = Field(min_length=1)


def scope_entry(name: str) -> dict[str, str]:
    """The entry for an organisation named ``name`` (its id made from the name once)."""
    return {"id": organisation_id(name) or name.strip().casefold(), "name": name.strip()}


class ConsentBody(Model):
    given_by: list[Name] = Field(min_length=1, max_length=6, description="Who gave consent.")
    given_on: dt.date
    scope: list[ScopeEntry] = Field(
        default_factory=list, max_length=20, description="Organisations that may share."
    )
    child_view: Text = Field(default="", description="The child's own view, by age and maturity.")
    expires_on: dt.date | None = Field(
        default=None, description="The last day consent holds; sharing stops the day after."
    )
    withdrawn_on: dt.date | None = None
    withdrawn_note: Text = ""

    @field_validator("scope", mode="before")
    @classmethod
    def _names_become_entries(cls, value: Any) -> Any:
        """A plain name (typed, or from a caller) becomes an entry with its id."""
        if isinstance(value, list):
            return [scope_entry(v) if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _dates(self) -> ConsentBody:
        if self.withdrawn_on and self.withdrawn_on < self.given_on:
            raise ValueError("consent cannot be withdrawn before it was given")
        if self.expires_on and self.expires_on < self.given_on:
            raise ValueError("consent cannot end before it was given")
        return self

    def is_active(self, on: dt.date | None = None) -> bool:
        day = on or clock.today()
        return (
            self.given_on <= day
            and (self.withdrawn_on is None or day < self.withdrawn_on)
            and (self.expires_on is None or day <= self.expires_on)
        )

    def ended_on(self) -> dt.date | None:
        """The first day without consent (withdrawal or the day after expiry), if any."""
        ends = [
            d
            for d in (self.withdrawn_on, self.expires_on and self.expires_on + dt.timedelta(days=1))
            if d
        ]
        return min(ends) if ends else None

    def allows(self, organisation: str, on: dt.date | None = None) -> bool:
        """Whether consent covers the organisation (given by id, or by a name whose id it
        is) on that day."""
        wanted = {organisation.strip().casefold(), organisation_id(organisation)}
        return self.is_active(on) and any(entry.id in wanted for entry in self.scope)

    def scope_names(self) -> list[str]:
        return [entry.name for entry in self.scope]
