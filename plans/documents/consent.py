"""Consent (samtycke) to share information between organisations."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from plans.documents.common import Model, Name, Short, Text


class ConsentBody(Model):
    given_by: list[Name] = Field(min_length=1, max_length=6, description="Who gave consent.")
    given_on: dt.date
    scope: list[Short] = Field(
        default_factory=list, max_length=20, description="Organisations that may share."
    )
    child_view: Text = Field(default="", description="The child's own view, by age and maturity.")
    expires_on: dt.date | None = Field(
        default=None, description="The last day consent holds; sharing stops the day after."
    )
    withdrawn_on: dt.date | None = None
    withdrawn_note: Text = ""

    @model_validator(mode="after")
    def _dates(self) -> ConsentBody:
        if self.withdrawn_on and self.withdrawn_on < self.given_on:
            raise ValueError("consent cannot be withdrawn before it was given")
        if self.expires_on and self.expires_on < self.given_on:
            raise ValueError("consent cannot end before it was given")
        return self

    def is_active(self, on: dt.date | None = None) -> bool:
        day = on or dt.date.today()
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
        wanted = organisation.strip().casefold()
        return self.is_active(on) and any(o.casefold() == wanted for o in self.scope)
