"""Plain language while writing (klarspråk): a quiet indicator under a family-facing field.

Never a blocker: it names the reading level in words (lätt / medel / svår), lists what
may be hard to understand and offers a one-click replacement where a plain word can
simply take the place of the professional one. The check runs on the draft's text and
is cached per text, so a rerun with unchanged text costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app.components.text import escape
from app.context import lang, tr
from app.drafts import Draft, Path
from plans.language import (
    Finding,
    LanguageReport,
    Target,
    apply_suggestion,
    check_text,
    own_words,
    summary_count,
)
from plans.language import Lang as TextLang

# Characters that glue a finding to the rest of its word ("åtgärdsprogram|met",
# "BVC|-sköterskan", "SIP|:en"). Replacing only part of such a word would break it,
# so those findings get advice instead of a button.
_WORD_GLUE = "-:'’"
_SNIPPET_CHARS = 60
# LIX and Flesch say little about a few words: "Läkaren undersöker magen." scores as
# hard. Below this many words only the words themselves are judged, not the level.
MIN_WORDS_FOR_LEVEL = 8


def checker_lang(text_language: str | None) -> TextLang:
    """The language the plan is written in (the wheel template's), else the screen's."""
    if text_language in ("sv", "en"):
        return text_language  # type: ignore[return-value]
    return "en" if lang() == "en" else "sv"


@st.cache_data(max_entries=5000, show_spinner=False)
def _cached_check(text: str, text_lang: TextLang, target: Target) -> LanguageReport:
    report = check_text(text, text_lang, target)
    # The child's part of a plan area holds the child's words (plan.AREA_PARTS).
    return own_words(report) if target == "child" else report


def check(text: str, text_lang: TextLang, target: Target) -> LanguageReport | None:
    """The report for a text, or None when there is nothing to read yet."""
    if not text or not text.strip():
        return None
    return _cached_check(text, text_lang, target)


def whole_word(text: str, finding: Finding) -> bool:
    """True when the finding covers whole words, so swapping it keeps the sentence intact."""
    before = text[finding.start - 1] if finding.start > 0 else " "
    after = text[finding.end] if finding.end < len(text) else " "
    return not any(c.isalnum() or c in _WORD_GLUE for c in (before, after))


def one_click(text: str, finding: Finding) -> bool:
    return finding.replaceable and whole_word(text, finding)


def _replace(
    draft: Draft, path: Path, widget_key: str, finding: Finding, target: Target, text_lang: TextLang
) -> None:
    """Button callback: runs before the rerun, so the widget may still be given a new value."""
    text = str(draft.get(path) or "")
    if text[finding.start : finding.end] != finding.term:
        # The text changed since the check (typing and clicking in one go): find the
        # same word again rather than refusing.
        report = check(text, text_lang, target)
        again = [
            f
            for f in (report.findings if report else [])
            if f.term == finding.term and f.kind == finding.kind and one_click(text, f)
        ]
        if not again:
            return
        finding = min(again, key=lambda f: abs(f.start - finding.start))
    new_text = apply_suggestion(text, finding)
    draft.set(path, new_text)
    st.session_state[widget_key] = new_text


def _counted(key: str, count: int, **values: object) -> str:
    """Catalogues hold a ``_one`` and an ``_other`` form wherever a number is shown."""
    return tr(f"{key}_{'one' if count == 1 else 'other'}", count=count, **values)


def level_measured(report: LanguageReport) -> bool:
    return report.band is not None and report.words >= MIN_WORDS_FOR_LEVEL


def over_target(report: LanguageReport) -> bool:
    return level_measured(report) and report.over_target


def _band_text(report: LanguageReport) -> str:
    parts = []
    if level_measured(report):
        parts.append(tr("language.level", band=tr(f"language.band.{report.band}")))
    words = summary_count([report])
    if words:
        parts.append(_counted("language.words_hard", words))
    elif not parts:
        parts.append(tr("language.no_hard_words"))
    if over_target(report):
        parts.append(tr(f"language.over_target_{report.target}"))
    return " · ".join(parts)


def _snippet(term: str) -> str:
    short = " ".join(term.split())
    return short if len(short) <= _SNIPPET_CHARS else short[: _SNIPPET_CHARS - 1] + "…"


def _advice(text: str, finding: Finding) -> str:
    """One finding in plain words; user text and glossary text escaped."""
    term = escape(_snippet(finding.term))
    suggestion = escape(finding.suggestion)
    if finding.kind == "long_sentence":
        return tr("language.finding.long_sentence", term=term)
    if finding.kind == "not_first_person":
        return tr("language.finding.not_first_person", example=suggestion)
    if not finding.suggestion:
        return tr("language.finding.unknown_abbreviation", term=term)
    if one_click(text, finding):
        return tr(f"language.finding.{finding.kind}", term=term, suggestion=suggestion)
    return tr("language.finding.in_word", term=term, suggestion=suggestion)


def language_hint(
    draft: Draft, path: Path, *, target: Target = "family", text_lang: TextLang = "sv"
) -> LanguageReport | None:
    """Render the indicator for the text at ``path`` (call it right under the field)."""
    text = str(draft.get(path) or "")
    report = check(text, text_lang, target)
    if report is None:
        return None
    if target == "child" and not report.findings:
        return report  # the child's own words: nothing to say about them, not even "easy"
    calm = not report.findings and not over_target(report)
    st.caption(
        (":material/check: " if calm else ":material/chat_bubble: ") + escape(_band_text(report))
    )
    if report.findings:
        _findings(draft, path, text, report, target, text_lang)
    return report


def _findings(
    draft: Draft, path: Path, text: str, report: LanguageReport, target: Target, text_lang: TextLang
) -> None:
    widget_key = draft.widget_key(path)
    label = _counted("language.suggestions", len(report.findings))
    # A key keeps the list open while its count changes after a replacement.
    with st.expander(label, expanded=False, type="compact", key=f"lh_open::{widget_key}"):
        for index, finding in enumerate(report.findings):
            # Stacked, not side by side: the hint often sits in a narrow column.
            st.markdown(_advice(text, finding))
            if one_click(text, finding):
                st.button(
                    tr("language.replace", suggestion=escape(finding.replacement)),
                    key=f"lh::{widget_key}::{index}::{finding.start}",
                    help=tr(
                        "language.replace_help",
                        term=escape(finding.term),
                        suggestion=escape(finding.replacement),
                    ),
                    on_click=_replace,
                    args=(draft, path, widget_key, finding, target, text_lang),
                )


def summary(texts: Iterable[tuple[str, Target]], text_lang: TextLang) -> None:
    """The plan page's overview: how many words may be hard, how many texts are hard."""
    reports = [r for text, target in texts if (r := check(text, text_lang, target))]
    if not reports:
        return
    words = summary_count(reports)
    over = sum(1 for r in reports if over_target(r))
    if not words and not over:
        st.caption(":material/check: " + tr("language.summary_clear"))
        return
    parts = []
    if words:
        parts.append(_counted("language.summary_words", words))
    if over:
        parts.append(_counted("language.summary_over", over))
    st.info(" ".join(parts) + " " + tr("language.summary_how"), icon=":material/chat_bubble:")
