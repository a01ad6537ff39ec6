"""The case (ärendet): who the child is, who noticed, who holds it.

Three types: a child, an unborn child (the expecting parents) and an
anonymous consultation, which holds no personal data at all.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from assessment.template import Identifier
from plans import clock
from plans.documents.common import Contact, DocumentId, Model, Name, Short, Text


class CaseType(StrEnum):
    CHILD = "child"
    UNBORN = "unborn"
    ANONYMOUS = "anonymous"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CloseReason(StrEnum):
    """Why a case was closed (avslutat)."""

    NEEDS_MET = "needs_met"
    FAMILY_DECLINED = "family_declined"
    MOVED = "moved"
    HANDED_OVER = "handed_over"
    """Handed over to other care (another organisation holds it now)."""


class Gender(StrEnum):
    """Optional; used only for follow-up statistics."""

    GIRL = "girl"
    BOY = "boy"
    OTHER = "other"
    UNKNOWN = "unknown"


class AgeBand(StrEnum):
    """The bands teams report in; ages 17 and over are counted in 13–16."""

    UNBORN = "unborn"
    AGE_0_5 = "0-5"
    AGE_6_12 = "6-12"
    AGE_13_16 = "13-16"

    @classmethod
    def for_age(cls, years: int) -> AgeBand:
        if years <= 5:
            return cls.AGE_0_5
        if years <= 12:
            return cls.AGE_6_12
        return cls.AGE_13_16


class Referrer(StrEnum):
    """The kind of organisation that raised the child (aktualiserade)."""

    PRESCHOOL = "preschool"
    SCHOOL = "school"
    BVC = "bvc"
    MVC = "mvc"
    SOCIAL_SERVICES = "social_services"
    PUPIL_HEALTH = "pupil_health"
    FAMILY_HEALTH = "family_health"
    PRIMARY_CARE = "primary_care"
    FAMILY = "family"
    OTHER = "other"


def age_on(birth: dt.date, day: dt.date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


class Child(Model):
    first_name: Name = Field(min_length=1)
    last_name: Name = ""
    birth_date: dt.date = Field(
        description="Checked against the day of each save (plans/services/rules.py), "
        "never on read, so a stored case stays readable however old the child gets."
    )


class Unborn(Model):
    expected_date: dt.date
    expecting_parents: list[Contact] = Field(default_factory=list, max_length=4)
    child_name: Name = Field(default="", description="A name the parents use, if any.")


class Anonymous(Model):
    """An anonymous consultation: no names, no dates of birth, nothing identifying."""

    age_band: AgeBand
    concern: Text = ""
    advice: Text = ""


class Guardian(Contact):
    relation: Short = ""


class Partner(Model):
    """An organisation that takes part in the plan, with a named contact."""

    id: Identifier
    organisation: Short = Field(min_length=1)
    contact: Contact


class Handover(Model):
    """The named person handed over (överlämning), e.g. from BVC to the school."""

    on: dt.date
    from_person: Contact | None = None
    to_person: Contact
    to_role: Identifier | None = Field(
        default=None, description="The named person's new role (plans/caseload/transitions)."
    )
    note: Text = ""


class Notice(Model):
    """How the child came to the team (uppmärksamma)."""

    noticed_by: Name = ""
    organisation: Short = ""
    referrer: Referrer = Referrer.OTHER
    noticed_on: dt.date | None = None
    what_was_seen: Text = ""


class ImportBatchRef(Model):
    """Imported records only: the batch (one file, imported once) a row came from.

    Undoing or replacing a batch saves each of its rows again with ``undone_on`` set;
    the row stays in the store (nothing is deleted) but no longer counts."""

    id: DocumentId
    file_name: Short = ""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    rows: int = Field(ge=1, le=10_000_000, description="Rows the batch holds in all.")
    row: int = Field(ge=1, le=10_000_000, description="This row's place in the batch (1-based).")
    imported_on: dt.date
    replaces: DocumentId | None = Field(
        default=None,
        description="The batch this one corrects (it stops counting once this is whole).",
    )
    undone_on: dt.date | None = None


class CaseBody(Model):
    type: CaseType
    child: Child | None = None
    unborn: Unborn | None = None
    anonymous: Anonymous | None = None
    guardians: list[Guardian] = Field(default_factory=list, max_length=6)
    notice: Notice = Field(default_factory=Notice)
    team: Short = ""
    named_person: Contact | None = None
    lead_professional: Contact | None = None
    partners: list[Partner] = Field(default_factory=list, max_length=20)
    gender: Gender | None = None
    coordinated_plan: bool = Field(default=False, description="A SIP has been set up.")
    coordinated_plan_on: dt.date | None = Field(
        default=None,
        description="The day the SIP was set up (the save sets today when the SIP is "
        "ticked without a day, and clears it when the SIP is unticked).",
    )
    status: CaseStatus = CaseStatus.OPEN
    raised_on: dt.date = Field(default_factory=clock.today)
    closed_on: dt.date | None = None
    closed_reason: CloseReason | None = None
    handovers: list[Handover] = Field(default_factory=list, max_length=30)
    template_id: Identifier = "girfec-sv"
    imported: bool = Field(default=False, description="A statistics-only record from an import.")
    import_key: Short = ""
    import_batch: ImportBatchRef | None = None
    reported_age_band: AgeBand | None = Field(
        default=None, description="Imported records only: the age band from the spreadsheet."
    )
    reported_consent: bool | None = Field(
        default=None, description="Imported records only: whether consent was given."
    )

    @model_validator(mode="after")
    def _type_matches_details(self) -> CaseBody:
        expected = {
            CaseType.CHILD: "child",
            CaseType.UNBORN: "unborn",
            CaseType.ANONYMOUS: "anonymous",
        }[self.type]
        for name in ("child", "unborn", "anonymous"):
            present = getattr(self, name) is not None
            if name == expected and not present and not self.imported:
                raise ValueError(f"a case of type {self.type.value} needs its '{name}' details")
            if name != expected and present:
                raise ValueError(f"a case of type {self.type.value} cannot hold '{name}' details")
        if self.type is CaseType.ANONYMOUS and (self.guardians or self.partners):
            raise ValueError("an anonymous consultation holds no guardians or partners")
        if self.closed_on and self.closed_on < self.raised_on:
            raise ValueError("the case cannot be closed before it was raised")
        ids = [p.id for p in self.partners]
        if len(ids) != len(set(ids)):
            raise ValueError("two partners have the same id")
        return self

    def display_name(self) -> str:
        """What lists show; never personal data for anonymous consultations."""
        if self.child:
            return f"{self.child.first_name} {self.child.last_name}".strip()
        if self.unborn:
            parents = " & ".join(p.name for p in self.unborn.expecting_parents)
            return self.unborn.child_name or parents
        return ""

    def first_name(self) -> str:
        if self.child:
            return self.child.first_name
        if self.unborn:
            return self.unborn.child_name
        return ""

    def age_band(self, on: dt.date) -> AgeBand:
        if self.child:
            return AgeBand.for_age(max(0, age_on(self.child.birth_date, on)))
        if self.anonymous:
            return self.anonymous.age_band
        if self.reported_age_band:
            return self.reported_age_band
        return AgeBand.UNBORN

    def is_infant(self, on: dt.date) -> bool:
        """Unborn or under two: non-verbal signs are the child's voice."""
        if self.type is CaseType.UNBORN:
            return True
        return bool(self.child and age_on(self.child.birth_date, on) < 2)
