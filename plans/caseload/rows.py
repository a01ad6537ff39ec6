"""The caseload: the open cases a person works on, each with what needs doing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plans.caseload.facts import KEY
from plans.caseload.mine import is_mine, is_person
from plans.caseload.signals import Signal, SignalKind, case_signals

if TYPE_CHECKING:  # the rows read the index's summaries; the index computes these facts
    from plans.store import CaseSummary


@dataclass(frozen=True)
class CaseloadRow:
    case: CaseSummary
    signals: tuple[Signal, ...]
    mine: bool

    def count(self, kind: SignalKind) -> int:
        return sum(1 for s in self.signals if s.kind is kind)

    def most_overdue(self, today: dt.date) -> int | None:
        return max((s.days_overdue(today) for s in self.signals), default=None)


def caseload_of(case: CaseSummary) -> dict[str, Any]:
    value = case.facts.get(KEY)
    return value if isinstance(value, dict) else {}


def caseload_rows(
    cases: Iterable[CaseSummary],
    names: frozenset[str],
    today: dt.date,
    *,
    stalled_weeks: int,
    days_ahead: int = 0,
    only_mine: bool = True,
    status: str = "open",
) -> list[CaseloadRow]:
    """Open cases (statistics-only imports are nobody's caseload), the most urgent first:
    the longest overdue, then the soonest due, then those with nothing due by review date.
    Closed cases (``status="closed"``) are listed without anything to do."""
    rows = []
    for case in cases:
        if case.status != status or case.facts.get("imported"):
            continue
        facts = caseload_of(case)
        mine = is_mine(facts, names)
        if only_mine and not mine:
            continue
        signals = (
            case_signals(
                facts, case.raised_on, today, stalled_weeks=stalled_weeks, days_ahead=days_ahead
            )
            if status == "open"
            else []
        )
        rows.append(CaseloadRow(case, tuple(signals), mine))
    return sorted(rows, key=_urgency)


def refreshed_rows(
    previous: Sequence[CaseloadRow],
    cases: Iterable[CaseSummary],
    names: frozenset[str],
    today: dt.date,
    *,
    stalled_weeks: int,
    days_ahead: int = 0,
    only_mine: bool = True,
    status: str = "open",
) -> list[CaseloadRow]:
    """``caseload_rows``, reusing each row of ``previous`` whose summary is the very same
    object as one in ``cases`` (a case that did not change). ``previous`` must have been
    made with the same names, day and settings; then the result is exactly the same."""
    known = {id(row.case): row for row in previous}
    kept, changed = [], []
    for case in cases:
        row = known.get(id(case))
        if row is not None and row.case is case:
            kept.append(row)
        else:
            changed.append(case)
    fresh = caseload_rows(
        changed,
        names,
        today,
        stalled_weeks=stalled_weeks,
        days_ahead=days_ahead,
        only_mine=only_mine,
        status=status,
    )
    return sorted(kept + fresh, key=_urgency)


def _urgency(row: CaseloadRow) -> tuple[Any, ...]:
    first = row.signals[0].due if row.signals else dt.date.max
    review = row.case.next_review or dt.date.max
    return (not row.signals, first, review, row.case.display_name.casefold(), row.case.id)


@dataclass(frozen=True)
class Reminder:
    case_id: str
    signal: Signal

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "person": self.signal.person,
            "kind": self.signal.kind.value,
            "due": self.signal.due.isoformat(),
            "days_overdue": self.signal.days_overdue(today),
        }


def reminders(
    cases: Iterable[CaseSummary],
    today: dt.date,
    *,
    stalled_weeks: int,
    days_ahead: int = 0,
    names: frozenset[str] | None = None,
) -> list[Reminder]:
    """What is due or overdue, per responsible person (all people, or only ``names``)."""
    rows = caseload_rows(
        cases,
        frozenset(),
        today,
        stalled_weeks=stalled_weeks,
        days_ahead=days_ahead,
        only_mine=False,
    )
    found = [
        Reminder(row.case.id, signal)
        for row in rows
        for signal in row.signals
        if names is None or is_person(signal.person, names)
    ]
    return sorted(found, key=lambda r: (r.signal.person.casefold(), r.signal.due, r.case_id))
