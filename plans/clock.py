"""Today's date, the one clock every date rule reads.

``HJULET_TODAY`` (settings) or the CLI's ``--today`` sets it, so a rule such as
"overdue" or "consent ending" can be tested on a fixed day and demo data can show
what drifts. Without either it is the machine's date."""

from __future__ import annotations

import datetime as dt

from plans.settings import get_settings

_pinned: dt.date | None = None


def pin(day: dt.date | None) -> None:
    """The CLI's ``--today`` for this process (None: back to the settings)."""
    global _pinned
    _pinned = day


def today() -> dt.date:
    if _pinned is not None:
        return _pinned
    return get_settings().today or dt.date.today()
