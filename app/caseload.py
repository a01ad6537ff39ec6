"""The caseload for the person in this session, worked out again only for what changed."""

from __future__ import annotations

import streamlit as st

from app.context import actor, cases
from plans import clock
from plans.caseload.mine import is_person, names_of
from plans.caseload.rows import CaseloadRow, Reminder, refreshed_rows
from plans.settings import get_settings
from plans.store import CaseSummary

WEEK_AHEAD = 7
"""The caseload shows what falls due within a week too: on a Monday, this week's work."""


def my_names() -> frozenset[str]:
    """The signed-in person's names (nobody signed in: no one's cases)."""
    return names_of(actor())


ROWS_KEY = "caseload::rows"


def rows(*, only_mine: bool, status: str = "open") -> list[CaseloadRow]:
    """The caseload rows of the cases this person may open, the most urgent first.

    Kept in this browser session, for exactly the list ``cases()`` gives (the same list
    object while the store, the day and the memberships are unchanged) and these names,
    day and settings; when the list changes, rows of unchanged cases are reused, so a
    save costs one case's signals, not every case's (``refreshed_rows``)."""
    visible = cases()
    names = my_names()
    today = clock.today()
    weeks = get_settings().stalled_weeks
    kept: dict[str, tuple[list[CaseSummary], tuple[object, ...], list[CaseloadRow]]]
    kept = st.session_state.setdefault(ROWS_KEY, {})
    settings = (names, today, weeks)
    before = kept.get(status)
    if before is not None and before[0] is visible and before[1] == settings:
        found = before[2]
    else:
        found = refreshed_rows(
            before[2] if before is not None and before[1] == settings else [],
            visible,
            names,
            today,
            stalled_weeks=weeks,
            days_ahead=WEEK_AHEAD,
            only_mine=False,
            status=status,
        )
        kept[status] = (visible, settings, found)
    return [row for row in found if row.mine] if only_mine else found


def my_reminders() -> list[Reminder]:
    """What is due for me, in every open case (the same list ``hjulet reminders`` gives)."""
    names = my_names()
    if not names:
        return []
    found = [
        Reminder(row.case.id, signal)
        for row in rows(only_mine=False)
        for signal in row.signals
        if is_person(signal.person, names)
    ]
    return sorted(found, key=lambda r: (r.signal.due, r.case_id))


def attention_count() -> int:
    """My open cases with something to do now (the sidebar's number)."""
    if not my_names():
        return 0
    return sum(1 for row in rows(only_mine=True) if row.signals)
