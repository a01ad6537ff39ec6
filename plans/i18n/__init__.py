"""Every user-facing string, in Swedish and English, from TOML catalogues.

Catalogues live in ``plans/i18n/catalogs/<topic>.<lang>.toml`` (one topic per
feature, so features never edit each other's files). Nested tables become dotted
keys: ``[step] notice = "Uppmärksamma"`` is ``t("step.notice")``.
The PDF and the CLI need the same words as the app, which is why this lives
in ``plans`` rather than ``app``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import get_timezone
from babel.numbers import format_decimal

Lang = Literal["sv", "en"]
LANGUAGES: tuple[Lang, ...] = ("sv", "en")
CATALOG_DIR = Path(__file__).parent / "catalogs"
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(value, name, out)
        else:
            out[name] = str(value)


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    """All strings for a language; later files never silently replace earlier keys."""
    merged: dict[str, str] = {}
    for path in sorted(CATALOG_DIR.glob(f"*.{lang}.toml")):
        with path.open("rb") as fh:
            flat: dict[str, str] = {}
            _flatten(tomllib.load(fh), "", flat)
        clash = set(flat) & set(merged)
        if clash:
            raise ValueError(f"{path.name}: keys already defined elsewhere: {sorted(clash)}")
        merged.update(flat)
    return merged


def t(key: str, lang: str = "sv", /, **values: Any) -> str:
    """The string for ``key``; a missing key shows itself so tests and eyes catch it."""
    text = catalog(lang).get(key) or catalog("sv").get(key) or key
    return text.format(**values) if values else text


def has(key: str, lang: str = "sv") -> bool:
    return key in catalog(lang)


SHARED_FIELDS = ("words.plan_area", "words.voice")
"""Stored fields whose label is one of the shared words (catalogs/words.*.toml)."""


def field_key(table: str, name: str, lang: str = "sv") -> str | None:
    """The key that names a stored field: ``{table}.{name}`` (``field`` for forms,
    ``history.field`` for diffs), else the shared word, so the plan's three parts are
    and the voices are named in one place for every screen, the diff and the PDF."""
    for key in (f"{table}.{name}", *(f"{shared}.{name}" for shared in SHARED_FIELDS)):
        if has(key, lang):
            return key
    return None


def format_number(value: int | float, lang: str = "sv") -> str:
    """``2 861`` in Swedish, ``2,861`` in English."""
    return format_decimal(value, locale=_LOCALES.get(lang, "sv_SE"))


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, "sv_SE"))


def tn(key: str, count: int, lang: str = "sv", /, **values: Any) -> str:
    """A sentence about ``count`` things: the catalogue holds ``key_one`` and ``key_other``
    (and any other plural form the language has); babel's plural rules choose, and the
    number is written the way the language writes numbers."""
    form = _locale(lang).plural_form(count)
    chosen = f"{key}_{form}" if has(f"{key}_{form}", lang) else f"{key}_other"
    return t(chosen, lang, count=format_number(count, lang), **values)


def format_date(day: dt.date | None, lang: str = "sv", style: str = "long") -> str:
    """``23 november 2026`` / ``23 November 2026``; empty for no date."""
    if day is None:
        return ""
    return _babel_date(day, format=style, locale=_LOCALES.get(lang, "sv_SE"))


def format_datetime(moment: dt.datetime, lang: str = "sv") -> str:
    """In Swedish time, which is where every user is."""
    return _babel_datetime(
        moment,
        format="d MMM y HH:mm",
        tzinfo=get_timezone("Europe/Stockholm"),
        locale=_LOCALES.get(lang, "sv_SE"),
    )


def language_name(code: str, lang: str = "sv") -> str:
    """ "engelska", "Swedish": a language's name in ``lang`` (the code itself if unknown)."""
    return str(_locale(lang).languages.get(code, code))
