"""A signal in words, for the app and anything else that shows one to a person."""

from __future__ import annotations

import datetime as dt

from plans.caseload.signals import Signal, SignalKind
from plans.i18n import format_date, t, tn


def when(day: dt.date, today: dt.date, lang: str) -> str:
    """ "today", "in 3 days" or the date and how late it is."""
    late = (today - day).days
    if late == 0:
        return t("caseload.today", lang)
    if late < 0 and -late <= 14:
        return tn("caseload.in_days", -late, lang)
    text = format_date(day, lang, "medium")
    return f"{text} ({tn('caseload.overdue_days', late, lang)})" if late > 0 else text


def signal_text(signal: Signal, today: dt.date, lang: str, *, stalled_weeks: int) -> str:
    values = {
        "when": when(signal.due, today, lang),
        "person": signal.person or t("common.unknown_user", lang),
        "weeks": stalled_weeks + max(0, (today - signal.due).days) // 7,
        "role": t(f"caseload.role.{signal.to_role.value}", lang) if signal.to_role else "",
    }
    return t(f"caseload.signal.{signal.kind.value}", lang, **values)


def kind_label(kind: SignalKind, lang: str) -> str:
    return t(f"caseload.kind.{kind.value}", lang)
