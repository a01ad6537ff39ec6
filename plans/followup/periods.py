"""Report periods: terms (VT January–June, HT July–December), years and months.

Labels are the ones the JSON carries: ``2020-VT``, ``2020-HT``, ``2020``, ``2020-03``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Grouping(StrEnum):
    TERM = "term"
    YEAR = "year"
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    """One column of the report. ``start``/``end`` (inclusive) are clipped to the
    asked range, so a report from 15 March shows a spring term that starts then."""

    label: str
    start: dt.date
    end: dt.date


def period_label(day: dt.date, by: Grouping) -> str:
    if by is Grouping.YEAR:
        return f"{day.year:04d}"
    if by is Grouping.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}-{'VT' if day.month <= 6 else 'HT'}"


def _bounds(day: dt.date, by: Grouping) -> tuple[dt.date, dt.date]:
    """The whole period that ``day`` falls in."""
    if by is Grouping.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if by is Grouping.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return dt.date(day.year, day.month, 1), dt.date(day.year, day.month, last)
    if day.month <= 6:
        return dt.date(day.year, 1, 1), dt.date(day.year, 6, 30)
    return dt.date(day.year, 7, 1), dt.date(day.year, 12, 31)


def whole_periods(start: dt.date, end: dt.date, by: Grouping) -> tuple[dt.date, dt.date]:
    """``start``..``end`` widened to the whole periods it touches: what a masked report
    covers. Two masked reports then either share a period exactly or not at all, so
    neither can be subtracted from the other (a range a day shorter than another gave
    that day's children away)."""
    if end < start:
        raise ValueError(f"the end date {end} is before the start date {start}")
    return _bounds(start, by)[0], _bounds(end, by)[1]


def periods_between(start: dt.date, end: dt.date, by: Grouping) -> list[Period]:
    """Every period that overlaps ``start``..``end`` (both inclusive), in order; empty
    periods are included so a chart never silently skips a term."""
    if end < start:
        raise ValueError(f"the end date {end} is before the start date {start}")
    periods: list[Period] = []
    day = start
    while day <= end:
        first, last = _bounds(day, by)
        periods.append(Period(period_label(day, by), max(first, start), min(last, end)))
        if last >= end:
            break
        day = last + dt.timedelta(days=1)
    return periods
