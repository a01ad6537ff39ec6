"""Who is the named person, by the child's age, and when that changes (Kronobarnsmodellen):
the midwife at MVC for an unborn child, the BVC nurse until preschool, the head of the
preschool, the school's principal from preschool class, upper secondary school or the
municipality's youth responsibility from 16, adult services from 18. At each change the
case is handed over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

TERM_START = (8, 15)
"""Preschool, preschool class and upper secondary start in the autumn term of the year the
child turns 3, 6 and 16; the middle of August stands for that day."""

NOTICE_DAYS = 90
"""A transition counts as coming this many days before it happens."""


class Role(StrEnum):
    MVC = "mvc"
    BVC = "bvc"
    PRESCHOOL = "preschool"
    SCHOOL = "school"
    UPPER_SECONDARY = "upper_secondary"
    ADULT = "adult"


@dataclass(frozen=True)
class Transition:
    on: dt.date
    from_role: Role
    to_role: Role


def _term_start(year: int) -> dt.date:
    return dt.date(year, *TERM_START)


def _birthday(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # born on 29 February
        return birth.replace(year=birth.year + years, day=28)


def transitions(birth: dt.date) -> list[Transition]:
    """Every transition after birth, in order."""
    return [
        Transition(_term_start(birth.year + 3), Role.BVC, Role.PRESCHOOL),
        Transition(_term_start(birth.year + 6), Role.PRESCHOOL, Role.SCHOOL),
        Transition(_term_start(birth.year + 16), Role.SCHOOL, Role.UPPER_SECONDARY),
        Transition(_birthday(birth, 18), Role.UPPER_SECONDARY, Role.ADULT),
    ]


def role_on(birth: dt.date | None, expected: dt.date | None, day: dt.date) -> Role:
    """The named person's role on ``day`` for a child born (or expected) then."""
    if birth is None or birth > day:
        return Role.MVC
    role = Role.BVC
    for step in transitions(birth):
        if step.on <= day:
            role = step.to_role
    return role


def next_transition(
    birth: dt.date | None, expected: dt.date | None, today: dt.date
) -> Transition | None:
    """The next change of named person: for an unborn child the birth (still due once the
    expected day has passed, until the case says the child is born), else the next one
    on or after today."""
    if birth is None:
        return Transition(expected, Role.MVC, Role.BVC) if expected else None
    return next((t for t in transitions(birth) if t.on >= today), None)
