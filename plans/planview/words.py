"""Plain words for the plan view: who, by when, status, ratings, dates and names.

The wording itself lives in the ``planview`` catalogues; this module only
knows which string to pick and how Swedish and English form a possessive.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

from assessment.model import DECLINED, NOT_ASSESSED, Rating
from assessment.template import WheelTemplate
from assessment.wheel import LEGEND_ITEMS, WedgeState
from plans.documents.plan import Action, ActionStatus
from plans.i18n import format_date, t

_SWEDISH_TIME = ZoneInfo("Europe/Stockholm")
# Swedish adds no genitive -s after a name that already ends in an s sound.
_SV_NO_GENITIVE_S = ("s", "x", "z")


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day in Sweden, where every user is (stored times are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(_SWEDISH_TIME).date()


def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, lang, "long")


def day_month(day: dt.date, lang: str, reference: dt.date) -> str:
    """ "15 mars" when the year is obvious from ``reference``, else "15 mars 2027"."""
    if day.year == reference.year:
        return format_date(day, lang, "d MMMM")
    return long_date(day, lang)


FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: str) -> str:
    """A person's words set into one of our sentences, isolated by the Unicode
    bidirectional algorithm when they hold right-to-left letters: "ليلى حسن" inside
    "Plan för …" keeps the sentence's direction, and a comma after it stays after
    it. Text in left-to-right scripts needs nothing and is returned as it is."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def has_latin_letter(text: str) -> bool:
    return any(c.isalpha() and unicodedata.name(c, "").startswith("LATIN") for c in text)


def plan_title(name: str, lang: str) -> str:
    """ "Sofias plan"; "Plan för ليلى" when the name has no Latin letters, where a
    Swedish genitive -s (or an English ’s) cannot be attached."""
    if has_latin_letter(name):
        return t("planview.title", lang, possessive=possessive(name, lang))
    return t("planview.title_for", lang, name=isolate(name))


def possessive(name: str, lang: str) -> str:
    """ "Sofias", "Max", "Sofia’s" – for titles such as "Sofias plan"."""
    if lang == "sv":
        return name if name.lower().endswith(_SV_NO_GENITIVE_S) else f"{name}s"
    return f"{name}’s"


def who_text(action: Action, lang: str) -> str:
    parts = [p for p in (action.who.strip(), action.organisation.strip()) if p]
    if not parts:
        return t("planview.action.who_unknown", lang)
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        return isolate(parts[0])
    return ", ".join(isolate(p) for p in parts)


def when_text(day: dt.date | None, lang: str) -> str:
    if day is None:
        return t("planview.action.when_none", lang)
    return t("planview.action.when_by", lang, date=long_date(day, lang))


def status_text(status: ActionStatus, lang: str) -> str:
    return t(f"words.status.{status.value}", lang)


def wedge_state(raw: Rating) -> WedgeState:
    """The same classification :func:`assessment.wheel.wheel_wedges` makes."""
    if isinstance(raw, int):
        return "rated"
    if raw == NOT_ASSESSED:
        return "not_assessed"
    if raw == DECLINED:
        return "declined"
    return "missing"


def rating_text(raw: Rating, template: WheelTemplate, lang: str) -> str:
    state = wedge_state(raw)
    if state == "rated" and isinstance(raw, int):
        level = template.scale.level(raw)
        label = level.label if level else ""
        return t(
            "planview.rating.value",
            lang,
            value=raw,
            max=template.scale.max_value,
            label=label,
        ).rstrip(" –-")
    if state == "not_assessed":
        return template.scale.not_assessed_label
    if state == "declined":
        return t("words.answer.declined", lang)
    return t("words.answer.missing", lang)


def wheel_legend(template: WheelTemplate, lang: str) -> list[tuple[str, str]]:
    """What the wheel's legend says, in the app and in the PDF alike: (item, words) for
    the three voices ("B  Barnet") and the two ways of no rating."""
    words = {
        "not_assessed": template.scale.not_assessed_label,
        "declined": t("words.answer.declined", lang),
    }
    items: list[tuple[str, str]] = []
    for item in LEGEND_ITEMS:
        if item in words:
            items.append((item, words[item]))
        else:
            letter = t(f"words.voice_letter.{item}", lang)
            items.append((item, f"{letter}  {t(f'words.voice.{item}', lang)}"))
    return items
