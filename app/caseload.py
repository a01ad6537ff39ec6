"""The caseload for the person in this session, computed once per store change and day."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app.context import actor, cases, store
from plans import clock
from plans.caseload.mine import is_person, names_of
from plans.caseload.rows import CaseloadRow, Reminder, caseload_rows
from plans.settings import get_settings

WEEK_AHEAD = 7
"""The caseload shows what falls due within a week too: on a Monday, this week's work."""


def my_names() -> frozenset[str]:
    """The signed-in person's names (nobody signed in: no one's cases)."""
    return names_of(actor())


@st.cache_resource(show_spinner=False, max_entries=16)
def _rows_at(
    generation: int,
    data_dir: str,
    today: dt.date,
    names: frozenset[str],
    weeks: int,
    only_mine: bool,
    status: str,
) -> list[CaseloadRow]:
    del generation, data_dir  # cache keys: a new generation or store means new rows
    return caseload_rows(
        cases(),
        names,
        today,
        stalled_weeks=weeks,
        days_ahead=WEEK_AHEAD,
        only_mine=only_mine,
        status=status,
    )


def rows(*, only_mine: bool, status: str = "open") -> list[CaseloadRow]:
    settings = get_settings()
    return _rows_at(
        store().generation(),
        str(settings.data_dir),
        clock.today(),
        my_names(),
        settings.stalled_weeks,
        only_mine,
        status,
    )


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
