"""The plain-language check (klarspråkskontroll) of one piece of plan text.

A check gives a readability score with a band, and findings a UI can show next
to the text: professional words with a plain alternative, unknown abbreviations,
long sentences, and, for the child's own parts, a nudge to write as "I".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from plans.language.glossary import Glossary, GlossaryMatch, Lang, load_glossary
from plans.language.readability import (
    Band,
    Sentence,
    TextStats,
    find_words,
    flesch_band,
    lix_band,
    split_sentences,
    text_stats,
)
from plans.settings import get_settings

Target = Literal["family", "child"]
FindingKind = Literal["jargon", "abbreviation", "long_sentence", "not_first_person"]

# English has no LIX; these Flesch targets mirror the LIX targets in settings
# (family: "standard" text, child: "fairly easy").
FLESCH_TARGET_FAMILY = 60.0
FLESCH_TARGET_CHILD = 70.0

# A sentence is long with more words than this; children get shorter sentences.
LONG_SENTENCE_WORDS: dict[Target, int] = {"family": 20, "child": 15}

FIRST_PERSON_WORDS: dict[Lang, frozenset[str]] = {
    "sv": frozenset({"jag", "mig", "min", "mitt", "mina", "vi", "oss"}),
    "en": frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours"}),
}
FIRST_PERSON_HINT: dict[Lang, str] = {"sv": "Jag behöver ...", "en": "I need ..."}
LONG_SENTENCE_HINT: dict[Lang, str] = {
    "sv": "Dela upp meningen i kortare meningar.",
    "en": "Split this into shorter sentences.",
}
# All-caps words everybody knows; flagging them would only teach users to ignore us.
EVERYDAY_CAPITALS = frozenset({"OK", "TV", "PC", "DVD", "EU", "USA", "FN", "UK"})

_WORD_PART_RE = re.compile(r"[^\W_]+")
# What may stand between a sentence end and the next sentence's first word.
_SENTENCE_LEAD = " \t\"'“”„«»([-–•*"
_SENTENCE_ENDS = (".", "!", "?", "…", "\n")


def message_key(kind: FindingKind) -> str:
    """The id of a finding's UI message in the translation catalogs."""
    return f"language.finding.{kind}"


class Finding(BaseModel):
    """Something in the text that may be hard to understand, with what to do about it."""

    model_config = ConfigDict(frozen=True)

    term: str = Field(description="The text the finding is about: text[start:end].")
    start: int = Field(ge=0, description="Character offset where the finding starts.")
    end: int = Field(ge=0, description="Character offset just after the finding.")
    kind: FindingKind
    suggestion: str = Field(
        description="What the term means in plain words, a short hint, or empty for "
        "'may be hard to understand'."
    )
    message_key: str = Field(description="Id of the translated UI message for this kind.")
    replacement: str = Field(
        default="",
        description="Words that can take the term's place and keep the sentence grammatical "
        "(its form: noun or verb, definite, not part of a compound); empty when the "
        "person should rewrite the sentence instead.",
    )

    @property
    def replaceable(self) -> bool:
        """True when the replacement can simply take the term's place (a one-click fix)."""
        return self.kind in ("jargon", "abbreviation") and bool(self.replacement)


class LanguageReport(BaseModel):
    """The result of one plain-language check."""

    lang: Lang
    target: Target = Field(description="Who the text is for: the family or the child.")
    lix: float | None = Field(description="LIX, one decimal (Swedish; None without words).")
    flesch: float | None = Field(
        description="Flesch reading ease, one decimal (English; None without words)."
    )
    band: Band | None = Field(description="easy, medium or hard; None without words.")
    words: int = Field(ge=0)
    sentences: int = Field(ge=0)
    long_words: int = Field(ge=0, description="Words with more than six letters.")
    over_target: bool = Field(description="True when the score is worse than the target.")
    findings: list[Finding] = Field(default_factory=list)


def check_text(
    text: str,
    lang: Lang,
    target: Target = "family",
    *,
    glossary: Glossary | None = None,
    lix_target_family: float | None = None,
    lix_target_child: float | None = None,
    flesch_target_family: float = FLESCH_TARGET_FAMILY,
    flesch_target_child: float = FLESCH_TARGET_CHILD,
) -> LanguageReport:
    """Check ``text`` for the reader ``target``.

    LIX targets default to the settings (``HJULET_LIX_TARGET_FAMILY`` /
    ``_CHILD``); the glossary defaults to the shipped one plus the organisation's.
    """
    if glossary is None:
        glossary = load_glossary(lang)
    stats = text_stats(text)
    sentences = split_sentences(text)
    matches = glossary.find(text)
    findings = [
        *(_glossary_finding(m) for m in matches),
        *_unknown_abbreviations(text, matches),
        *_long_sentences(text, sentences, lang, LONG_SENTENCE_WORDS[target]),
    ]
    if target == "child":
        findings.extend(_first_person_nudge(text, lang))
    # Text order, with the whole-text nudge last so word findings read top to bottom.
    findings.sort(key=lambda f: (f.kind == "not_first_person", f.start, f.end))

    lix_score = stats.lix if lang == "sv" else None
    flesch_score = stats.flesch if lang == "en" else None
    return LanguageReport(
        lang=lang,
        target=target,
        lix=_one_decimal(lix_score),
        flesch=_one_decimal(flesch_score),
        band=_band(lang, stats),
        words=stats.words,
        sentences=stats.sentences,
        long_words=stats.long_words,
        over_target=_over_target(
            lang,
            target,
            lix_score,
            flesch_score,
            lix_targets=(lix_target_family, lix_target_child),
            flesch_targets=(flesch_target_family, flesch_target_child),
        ),
        findings=findings,
    )


def own_words(report: LanguageReport) -> LanguageReport:
    """The child's own words are theirs: never a level, never a hard word or a long
    sentence. Only the nudge stays, when the text is not written as the child says it
    (a professional's words about the child rather than the child's own)."""
    return report.model_copy(
        update={
            "band": None,
            "over_target": False,
            "findings": [f for f in report.findings if f.kind == "not_first_person"],
        }
    )


def apply_suggestion(text: str, finding: Finding) -> str:
    """Replace the finding's term with its suggestion, keeping a capital letter at the
    start of a sentence ("Vh har ..." -> "Dina föräldrar har ...").

    Raises ValueError for hints that have nothing to put in place, and when the text
    no longer holds the term at the finding's offsets (it changed after the check).
    """
    if not finding.replaceable:
        raise ValueError(f"A {finding.kind} finding is a hint; it has no replacement text.")
    if text[finding.start : finding.end] != finding.term:
        raise ValueError("The text has changed since it was checked; check it again.")
    replacement = finding.replacement
    if (
        finding.term[:1].isupper()
        and replacement[:1].islower()
        and _starts_sentence(text, finding.start)
    ):
        replacement = replacement[0].upper() + replacement[1:]
    return text[: finding.start] + replacement + text[finding.end :]


def summary_count(reports: Iterable[LanguageReport]) -> int:
    """How many words across the reports may be hard to understand (jargon and
    abbreviations; sentence-level hints are not words)."""
    return sum(
        1
        for report in reports
        for finding in report.findings
        if finding.kind in ("jargon", "abbreviation")
    )


def _glossary_finding(match: GlossaryMatch) -> Finding:
    kind: FindingKind = "abbreviation" if match.entry.abbreviation else "jargon"
    return Finding(
        term=match.text,
        start=match.start,
        end=match.end,
        kind=kind,
        suggestion=match.entry.plain,
        message_key=message_key(kind),
        replacement=match.replacement,
    )


def _unknown_abbreviations(text: str, known: list[GlossaryMatch]) -> list[Finding]:
    """All-caps words with two or more capitals that the glossary does not explain.
    Parts of hyphenated words count on their own ("ADHD-utredning").

    Linear in the text: ``known`` is in text order and never overlaps, so one
    pointer walks it alongside the words (comparing every word with every known
    match took 40 s for 200,000 characters of abbreviations)."""
    findings: list[Finding] = []
    index = 0
    for m in _WORD_PART_RE.finditer(text):
        part = m.group()
        capitals = sum(1 for ch in part if ch.isupper())
        if capitals < 2 or not part.isupper() or part in EVERYDAY_CAPITALS:
            continue
        while index < len(known) and known[index].end <= m.start():
            index += 1
        if index < len(known) and known[index].start < m.end():
            continue
        findings.append(
            Finding(
                term=part,
                start=m.start(),
                end=m.end(),
                kind="abbreviation",
                suggestion="",
                message_key=message_key("abbreviation"),
            )
        )
    return findings


def _long_sentences(
    text: str, sentences: list[Sentence], lang: Lang, max_words: int
) -> list[Finding]:
    return [
        Finding(
            term=text[s.start : s.end],
            start=s.start,
            end=s.end,
            kind="long_sentence",
            suggestion=LONG_SENTENCE_HINT[lang],
            message_key=message_key("long_sentence"),
        )
        for s in sentences
        if len(s.words) > max_words
    ]


def _first_person_nudge(text: str, lang: Lang) -> list[Finding]:
    """The child's parts should sound like the child: "Jag behöver ...", not "Eleven ..."."""
    words = find_words(text)
    if not words or any(_is_first_person(w.text, lang) for w in words):
        return []
    return [
        Finding(
            term=text,
            start=0,
            end=len(text),
            kind="not_first_person",
            suggestion=FIRST_PERSON_HINT[lang],
            message_key=message_key("not_first_person"),
        )
    ]


def _is_first_person(word: str, lang: Lang) -> bool:
    if len(word) > 1 and word.isupper():
        return False  # "US" is a country, not "us"
    head = re.split(r"['’]", word, maxsplit=1)[0]  # "I'm", "we've"
    return head.casefold() in FIRST_PERSON_WORDS[lang]


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(_SENTENCE_LEAD)
    return not before or before.endswith(_SENTENCE_ENDS)


def _band(lang: Lang, stats: TextStats) -> Band | None:
    if lang == "sv":
        return None if stats.lix is None else lix_band(stats.lix)
    return None if stats.flesch is None else flesch_band(stats.flesch)


def _over_target(
    lang: Lang,
    target: Target,
    lix_score: float | None,
    flesch_score: float | None,
    *,
    lix_targets: tuple[float | None, float | None],
    flesch_targets: tuple[float, float],
) -> bool:
    child = target == "child"
    if lang == "sv":
        if lix_score is None:
            return False
        limit = lix_targets[1] if child else lix_targets[0]
        if limit is None:
            settings = get_settings()
            limit = settings.lix_target_child if child else settings.lix_target_family
        return lix_score > limit
    if flesch_score is None:
        return False
    return flesch_score < (flesch_targets[1] if child else flesch_targets[0])


def _one_decimal(score: float | None) -> float | None:
    return None if score is None else round(score, 1)
