"""Readability scores: LIX for Swedish, Flesch reading ease for English.

Both scores only need counts of words, sentences, long words and syllables, so
this module turns text into words and sentences (with character offsets, so
callers can point at them) and computes the scores from the counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Band = Literal["easy", "medium", "hard"]

# Björnsson's LIX scale: under 25 children's books, 25-30 easy texts, 30-40
# ordinary fiction and newspapers, 40-50 factual prose, 50-60 specialist text,
# over 60 bureaucratic prose. We fold it into three bands a family can feel.
LIX_EASY_MAX = 30.0
LIX_MEDIUM_MAX = 40.0
# Flesch reading ease: 70+ is "fairly easy" (age 12-13 and up), 50-70 is
# "standard" to "fairly difficult", below 50 is hard for most readers.
FLESCH_EASY_MIN = 70.0
FLESCH_MEDIUM_MIN = 50.0

# LIX counts a word as long when it has more than six letters.
LONG_WORD_LETTERS = 6

_WORD_RE = re.compile(
    r"""
    (?:[^\W\d_]{1,4}\.){2,}                               # dotted abbreviation: t.ex. bl.a. e.g.
    | [^\W_]+(?:(?:[-'’]|(?<=\d)[.,:](?=\d))[^\W_]+)*    # word, compound, 3,5 or 14.30
    """,
    re.VERBOSE,
)
_TERMINATOR_RE = re.compile(r"[.!?…]+|\n")
_CLOSERS = "\"'”’»)]"
_AFTER_TERMINATOR = re.compile(f"[{re.escape(_CLOSERS)}]*(\\s*)(\\S?)")

# Abbreviations (without their last dot) whose dot never ends a sentence:
# "kl. 14", "t.ex. Anna", "Dr. Smith".
_NEVER_FINAL = frozenset(
    {
        "t.ex", "bl.a", "p.g.a", "f.d", "s.k", "d.v.s", "fr.o.m", "i.e", "e.g",
        "ca", "dr", "dvs", "jfr", "kap", "kl", "mr", "mrs", "ms", "nr", "prof",
        "resp", "st", "tel", "vs", "sid",
    }
)  # fmt: skip
# Abbreviations that often close a sentence ("... och så vidare."): their dot ends
# the sentence only when the next word starts with a capital letter.
_MAY_BE_FINAL = frozenset({"etc", "osv", "m.m", "m.fl", "o.s.v"})


@dataclass(frozen=True)
class Word:
    """One word with its character offsets into the original text."""

    text: str
    start: int
    end: int

    @property
    def letters(self) -> int:
        return sum(1 for ch in self.text if ch.isalpha())


@dataclass(frozen=True)
class Sentence:
    """A sentence span (from its first word to its end punctuation) and its words."""

    start: int
    end: int
    words: tuple[Word, ...]


@dataclass(frozen=True)
class TextStats:
    """The counts both scores are made of."""

    words: int
    sentences: int
    long_words: int
    syllables: int

    @property
    def lix(self) -> float | None:
        """LIX = words/sentences + 100 * long words/words; None for text without words."""
        if self.words == 0:
            return None
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def flesch(self) -> float | None:
        """Flesch reading ease; None for text without words."""
        if self.words == 0:
            return None
        return (
            206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)
        )


def find_words(text: str) -> list[Word]:
    """Words in reading order. Compounds with hyphens ("BVC-sköterskan"), numbers
    ("3,5", "14.30") and dotted abbreviations ("t.ex.") each count as one word."""
    return [Word(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences that hold at least one word.

    A sentence ends at . ! ? or … (unless the dot belongs to an abbreviation or a
    number) and at every line break, because in a plan each list item or heading
    line stands alone.
    """
    words = find_words(text)
    sentences: list[Sentence] = []
    current: list[Word] = []
    index = 0
    for match in _TERMINATOR_RE.finditer(text):
        while index < len(words) and words[index].start < match.start():
            current.append(words[index])
            index += 1
        if not _ends_sentence(text, match, current):
            continue
        if current:
            end = match.start() if match.group() == "\n" else match.end()
            sentences.append(Sentence(current[0].start, end, tuple(current)))
            current = []
    current.extend(words[index:])
    if current:
        sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return sentences


def _ends_sentence(text: str, match: re.Match[str], words_so_far: list[Word]) -> bool:
    if match.group() == "\n":
        return True
    # Closing quotes and brackets belong to the sentence they close. Matched in place
    # rather than slicing the rest of the text, which made the check quadratic.
    follow = _AFTER_TERMINATOR.match(text, match.end())
    assert follow is not None  # every part of the pattern may be empty
    glued, next_char = not follow.group(1), follow.group(2)
    if glued and next_char and not next_char.isupper():
        return False  # "www.example.se", "ja/nej?-frågor": not the end of anything
    previous = words_so_far[-1] if words_so_far else None
    if previous is None or match.group()[0] != "." or previous.end < match.start():
        return True
    if match.end() < previous.end:
        return False  # a dot inside a word: "14.30", the first dot of "t.ex."
    # The dot closes an abbreviation ("kl.", "t.ex.") or an ordinary word ("slut.").
    bare = previous.text.casefold().rstrip(".")
    if bare in _MAY_BE_FINAL:
        return not next_char or next_char.isupper()
    initial = len(previous.text) == 1 and previous.text.isupper()  # "A. Svensson"
    return not (bare in _NEVER_FINAL or initial)


def count_syllables(word: str) -> int:
    """Approximate English syllables: groups of vowels (a e i o u y), minus a silent
    final "e" (make, house) and a silent "-es"/"-ed" (makes, jumped), but never below
    one. Words without letters (numbers) count as one syllable. It is a heuristic and
    errs by one on some words (e.g. "agreed"); fine for a readability signal."""
    letters = "".join(ch for ch in word.casefold() if ch.isalpha())
    if not letters:
        return 1
    groups = len(re.findall(r"[aeiouyåäöéü]+", letters))
    if groups > 1:
        silent_e = letters.endswith("e") and not letters.endswith(("le", "ee"))
        silent_ending = letters.endswith(("es", "ed")) and not letters.endswith(
            ("ted", "ded", "ies", "ses", "zes", "ces", "ges", "xes", "ches", "shes")
        )
        if silent_e or silent_ending:
            groups -= 1
    return max(1, groups)


def text_stats(text: str) -> TextStats:
    """Count words, sentences, long words (more than six letters) and syllables."""
    words = find_words(text)
    return TextStats(
        words=len(words),
        sentences=len(split_sentences(text)),
        long_words=sum(1 for w in words if w.letters > LONG_WORD_LETTERS),
        syllables=sum(count_syllables(w.text) for w in words),
    )


def lix(text: str) -> float | None:
    """LIX (läsbarhetsindex) of a Swedish text; None when it has no words."""
    return text_stats(text).lix


def flesch_reading_ease(text: str) -> float | None:
    """Flesch reading ease of an English text; None when it has no words."""
    return text_stats(text).flesch


def lix_band(score: float) -> Band:
    """Three bands from Björnsson's scale: up to 30 easy, up to 40 medium, above hard."""
    if score <= LIX_EASY_MAX:
        return "easy"
    if score <= LIX_MEDIUM_MAX:
        return "medium"
    return "hard"


def flesch_band(score: float) -> Band:
    """Higher Flesch is easier: 70 and up easy, 50 and up medium, below hard."""
    if score >= FLESCH_EASY_MIN:
        return "easy"
    if score >= FLESCH_MEDIUM_MIN:
        return "medium"
    return "hard"
