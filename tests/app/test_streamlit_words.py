"""The table of Streamlit's own widget words (app/components/streamlit_words.py): every rule
has words in both languages, the English words are exactly Streamlit's (so a switch back
to English restores them) and the script carries them safely. The browser test
(tests/e2e/test_accessibility.py) checks the rewriting itself on every page."""

from __future__ import annotations

import json
import re

import pytest

from app.components.streamlit_words import RULES, Rule, english_patterns, script
from plans.i18n import has, t

SAMPLES = {
    "label": "Födelsedatum *",
    "count": "3",
    "key": "Ctrl",
    "value": "Björkskolan",
    "icon": "check",
    "part": "month",
    "number": "08",
    "month": "August",
    "day": "09",
    "year": "2026",
    "size": "200MB",
    "type": "PDF",
    "alt": "Stapeldiagram",
    "title": "Antal barn per period",
    "error": "Error",
    "low": "1990/01/01",
    "high": "2029/12/07",
}
_FIELD = re.compile(r"\{(\w+)\}")


SAME_IN_BOTH = {"date_placeholder_month", "date_placeholder_day", "date_part", "date_month_value"}
"""Only fields and letters both languages write alike ("mm", "{part}, {label}")."""


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.key}:{r.attr}")
def test_every_rule_has_words_in_both_languages(rule: Rule) -> None:
    key = f"streamlit.{rule.key}"
    assert has(key, "sv") and has(key, "en")
    assert (t(key, "sv") == t(key, "en")) == (rule.key in SAME_IN_BOTH)


@pytest.mark.parametrize(
    ("rule", "pattern"),
    list(zip(RULES, english_patterns(), strict=True)),
    ids=lambda x: str(x)[:40],
)
def test_the_english_words_are_streamlits_own(rule: Rule, pattern: str) -> None:
    """Filled in, the English catalogue text is matched by the rule's pattern, and every
    name a text uses is one the pattern captures."""
    groups = set(re.compile(pattern).groupindex)
    for lang in ("sv", "en"):
        used = set(_FIELD.findall(t(f"streamlit.{rule.key}", lang)))
        assert used <= groups, (rule, lang, used - groups)
    english = t(f"streamlit.{rule.key}", "en", **{name: SAMPLES[name] for name in groups})
    assert re.fullmatch(pattern, english), (pattern, english)


def test_the_script_carries_the_chosen_language_and_cannot_end_early() -> None:
    sv, en = script("sv"), script("en")
    config = json.loads(sv.split("const config = ", 1)[1].split(";\n", 1)[0])
    texts = {rule["text"] for rule in config["rules"]}
    assert t("streamlit.help_for", "sv") in texts and t("streamlit.help_for", "en") not in texts
    assert "Help for {label}" in en
    months = next(r for r in config["rules"] if r["pattern"].startswith("Selected Date"))["maps"]
    assert months["month"]["August"] == "augusti"
    assert "</" not in sv.split("const config = ", 1)[1].split(";\n", 1)[0]
