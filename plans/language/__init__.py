"""Plain-language checks for the child's plan (klarspråk): readability scores,
a glossary of professional words with plain alternatives, and findings a UI can
offer to fix. Never imports streamlit."""

from plans.language.checker import (
    FLESCH_TARGET_CHILD,
    FLESCH_TARGET_FAMILY,
    LONG_SENTENCE_WORDS,
    Finding,
    FindingKind,
    LanguageReport,
    Target,
    apply_suggestion,
    check_text,
    own_words,
    summary_count,
)
from plans.language.glossary import (
    Glossary,
    GlossaryEntry,
    GlossaryError,
    GlossaryMatch,
    Lang,
    glossary_problems,
    load_glossary,
)
from plans.language.readability import (
    Band,
    TextStats,
    flesch_band,
    flesch_reading_ease,
    lix,
    lix_band,
    text_stats,
)

__all__ = [
    "FLESCH_TARGET_CHILD",
    "FLESCH_TARGET_FAMILY",
    "LONG_SENTENCE_WORDS",
    "Band",
    "Finding",
    "FindingKind",
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "GlossaryMatch",
    "Lang",
    "LanguageReport",
    "Target",
    "TextStats",
    "apply_suggestion",
    "check_text",
    "flesch_band",
    "flesch_reading_ease",
    "glossary_problems",
    "lix",
    "lix_band",
    "load_glossary",
    "own_words",
    "summary_count",
    "text_stats",
]
