"""Every string exists in Swedish and English, and every key the code asks for exists."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from plans.i18n import CATALOG_DIR, LANGUAGES, catalog, format_date, t

ROOT = Path(__file__).resolve().parents[2]
_LITERAL_KEY = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z_][a-z0-9_.-]+)["']""")


def test_swedish_and_english_have_the_same_keys_per_topic() -> None:
    topics = {p.name.split(".")[0] for p in CATALOG_DIR.glob("*.toml")}
    for topic in sorted(topics):
        for lang in LANGUAGES:
            assert (CATALOG_DIR / f"{topic}.{lang}.toml").exists(), f"{topic}.{lang}.toml"
    sv, en = catalog("sv"), catalog("en")
    assert sorted(set(sv) - set(en)) == []
    assert sorted(set(en) - set(sv)) == []


def test_placeholders_match_between_languages() -> None:
    sv, en = catalog("sv"), catalog("en")
    fields = re.compile(r"\{(\w+)\}")
    for key, text in sv.items():
        assert set(fields.findall(text)) == set(fields.findall(en[key])), key


@pytest.mark.parametrize("package", ["app", "plans"])
def test_every_literal_key_in_the_code_exists(package: str) -> None:
    known = catalog("sv")
    missing = []
    for path in (ROOT / package).rglob("*.py"):
        for key in _LITERAL_KEY.findall(path.read_text(encoding="utf-8")):
            if "." in key and key not in known and not key.endswith("."):
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


def test_dates_in_the_users_locale() -> None:
    day = dt.date(2026, 11, 23)
    assert format_date(day, "sv") == "23 november 2026"
    assert format_date(day, "en") == "23 November 2026"
    assert t("history.restore_button", "en", revision=3) == "Bring back version 3"


def test_counted_sentences_agree_with_their_number_in_each_language() -> None:
    from plans.i18n import tn

    assert tn("language.words_hard", 1, "sv") == "1 ord kan vara svårt att förstå"
    assert tn("language.words_hard", 2861, "sv") == "2\xa0861 ord kan vara svåra att förstå"
    assert tn("language.words_hard", 1, "en").startswith("1 word ")
    assert tn("language.words_hard", 2861, "en").startswith("2,861 words ")
