"""Professional words and abbreviations, with plain alternatives (ordlista).

The shipped glossaries live in ``glossary/sv.toml`` and ``glossary/en.toml`` next
to this module (the format is described at the top of each file). Organisations
add their own words in extra folders holding a ``sv.toml`` and/or ``en.toml`` in
the same format; folders are read in order after the shipped file, and a later
entry for the same term replaces an earlier one.

Matching rules, chosen so that "BVC-sköterskan" and "insatser" are found but
"sippa" and "solen" are not:

* A term must start a word: it may follow a space, a hyphen or punctuation,
  never a letter or digit.
* Abbreviations must also end the word ("BVC", "BVC-sköterskan", "SIP:en").
* Ordinary words may go on with an inflection ending ("insatser",
  "vårdnadshavarna" via the stem "vårdnadshavar"); then the whole word is the hit.
  In Swedish they may also be the first part of a compound ("insatsplanen"); then
  only the term is the hit, so replacing it keeps the rest of the word.
* Forms with two or more capital letters ("BVC", "SoL") are case-sensitive, so
  "sol" in "solen" is never the law SoL; everything else ignores case.

When the plain words can simply take the term's place (a one-click replacement):
only where they fit the word's form. An entry lists those forms in ``swap``
("kartlägga" = "ta reda på mer om"); an abbreviation without ``swap`` fits only
where it stands alone as a whole word ("ring BVC", not "BVC-sköterskan"). Every
other hit is explained with ``plain``, and the person rewrites the sentence.

A glossary file that cannot be read is skipped with one warning per process
(:func:`glossary_problems` lists them), so a page never fails because of it;
``strict=True`` raises instead (the command line, tests).
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from plans.settings import get_settings

Lang = Literal["sv", "en"]

BUILTIN_DIR = Path(__file__).with_name("glossary")
_LOG = logging.getLogger("hjulet.glossary")

# Endings that make an inflected form of the same word, not a new word. Anything
# else after a Swedish term is read as a compound; English does not compound.
_ENDINGS: dict[Lang, frozenset[str]] = {
    "sv": frozenset(
        {
            "a", "ad", "ade", "ades", "ande", "ar", "arna", "arnas", "as", "at", "ats",
            "d", "de", "e", "en", "ens", "er", "erna", "ernas", "ers", "es", "et", "ets",
            "ing", "ingar", "ingarna", "ingen", "ingens", "n", "na", "nas", "ns",
            "or", "orna", "ornas", "r", "rna", "rnas", "s", "t", "te", "ts",
        }
    ),
    "en": frozenset(
        {
            "al", "als", "ation", "ations", "d", "e", "ed", "ement", "ements", "er", "ers",
            "es", "ing", "ion", "ions", "ly", "ment", "ments", "or", "ors", "red", "ring",
            "s", "ship",
        }
    ),
}  # fmt: skip
_COMPOUNDS: dict[Lang, bool] = {"sv": True, "en": False}

_NOT_AFTER_WORD = r"(?<![^\W_])"
_NOT_BEFORE_WORD = r"(?![^\W_])"


class GlossaryError(ValueError):
    """A glossary file that cannot be read; the message names the file and entry."""


class GlossaryEntry(BaseModel):
    """One professional term and what to write instead."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    term: str = Field(min_length=1, description="The word as professionals write it.")
    plain: str = Field(min_length=1, description="The everyday alternative to suggest.")
    abbreviation: bool = Field(default=False, description="True for abbreviations (förkortning).")
    variants: tuple[str, ...] = Field(
        default=(), description="Other spellings or word stems that mean the same term."
    )
    swap: dict[str, str] = Field(
        default_factory=dict,
        description="Word forms (any letter case) that plain words can replace as they "
        "stand, each with the words that fit that form: "
        "{ kartlägga = 'ta reda på mer om' }.",
    )

    one_click: bool = Field(
        default=True,
        description="False when the plain words never replace the term by themselves, "
        "only explain it ('SEN' = 'needs extra help with learning').",
    )

    @field_validator("swap")
    @classmethod
    def _swaps_not_blank(cls, value: dict[str, str]) -> dict[str, str]:
        if any(not k.strip() or not v.strip() for k, v in value.items()):
            raise ValueError("swap forms and their replacements must not be blank")
        return {k.strip().casefold(): v.strip() for k, v in value.items()}

    @field_validator("term", "plain")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)

    @property
    def key(self) -> str:
        """Entries with the same key replace each other."""
        return self.term.casefold()


@dataclass(frozen=True)
class GlossaryMatch:
    """A place in a text where a glossary term occurs."""

    entry: GlossaryEntry
    start: int
    end: int
    text: str
    replacement: str = ""
    """Words that can take this hit's place as they stand, or empty (explain instead)."""


# Characters that glue a hit to the rest of its word ("BVC|-sköterskan", "SIP|:en").
_WORD_GLUE = "-:'’"


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not any(c.isalnum() or c in _WORD_GLUE for c in (before, after))


# Words that decide the form of the noun after them. Swedish puts no definite noun
# after them ("vår BVC" cannot become "vår barnavårdscentralen") nor a second
# article ("en SIP" cannot become "en en gemensam plan"); English takes no second
# determiner ("the GP" cannot become "the your family doctor").
_DETERMINERS: dict[Lang, frozenset[str]] = {
    "sv": frozenset(
        [
            "en",
            "ett",
            "den",
            "det",
            "de",
            "dem",
            "denna",
            "detta",
            "dessa",
            "din",
            "ditt",
            "dina",
            "min",
            "mitt",
            "mina",
            "vår",
            "vårt",
            "våra",
            "er",
            "ert",
            "era",
            "hans",
            "hennes",
            "deras",
            "sin",
            "sitt",
            "sina",
            "varje",
            "flera",
            "många",
            "alla",
            "två",
            "tre",
            "någon",
            "något",
            "några",
        ]
    ),
    "en": frozenset(
        [
            "a",
            "an",
            "the",
            "your",
            "my",
            "our",
            "their",
            "his",
            "her",
            "its",
            "this",
            "that",
            "these",
            "those",
        ]
    ),
}
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")


def replacement_for(lang: Lang, entry: GlossaryEntry, text: str, start: int, end: int) -> str:
    """What can replace ``text[start:end]`` and keep the sentence grammatical, or ""
    (then the finding explains the term and the person rewrites the sentence)."""
    if not entry.one_click or not _whole_word(text, start, end):
        return ""  # part of a compound: replacing it would break the word
    if entry.swap:
        replacement = entry.swap.get(text[start:end].casefold(), "")
    else:
        replacement = entry.plain if entry.abbreviation else ""
    if not replacement:
        return ""
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before and before.group(1).casefold() in _DETERMINERS[lang]:
        first = replacement.split(maxsplit=1)[0].casefold()
        if lang == "sv" or first in _DETERMINERS[lang]:
            return ""
    return replacement


def _is_case_sensitive(form: str) -> bool:
    return sum(1 for ch in form if ch.isupper()) >= 2


def _form_pattern(form: str, abbreviation: bool) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in form.split())
    tail = _NOT_BEFORE_WORD if abbreviation else r"(?P<rest>[^\W\d_]*)"
    flags = 0 if _is_case_sensitive(form) else re.IGNORECASE
    return re.compile(_NOT_AFTER_WORD + f"(?P<form>{body})" + tail, flags)


class Glossary:
    """An ordered set of entries for one language, ready to search text."""

    def __init__(self, lang: Lang, entries: Iterable[GlossaryEntry] = ()) -> None:
        self.lang: Lang = lang
        by_key: dict[str, GlossaryEntry] = {}
        for entry in entries:
            by_key.pop(entry.key, None)  # the later entry wins, and takes the later place
            by_key[entry.key] = entry
        self._entries = by_key
        self._patterns = [
            (entry, _form_pattern(form, entry.abbreviation))
            for entry in by_key.values()
            for form in entry.forms
        ]

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self._entries.values())

    def get(self, term: str) -> GlossaryEntry | None:
        return self._entries.get(term.casefold())

    def find(self, text: str) -> list[GlossaryMatch]:
        """Non-overlapping matches in text order; where matches overlap, the one that
        starts first wins, then the longer one ("samverkansansvarig" over "samverkan")."""
        candidates: list[GlossaryMatch] = []
        for entry, pattern in self._patterns:
            for m in pattern.finditer(text):
                span = self._span(m, entry)
                if span is not None:
                    start, end = span
                    candidates.append(
                        GlossaryMatch(
                            entry,
                            start,
                            end,
                            text[start:end],
                            replacement_for(self.lang, entry, text, start, end),
                        )
                    )
        candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
        chosen: list[GlossaryMatch] = []
        for candidate in candidates:
            if not chosen or candidate.start >= chosen[-1].end:
                chosen.append(candidate)
        return chosen

    def _span(self, m: re.Match[str], entry: GlossaryEntry) -> tuple[int, int] | None:
        if entry.abbreviation:
            return m.start("form"), m.end("form")
        rest = m.group("rest")
        if rest.casefold() in _ENDINGS[self.lang] or not rest:
            return m.start(), m.end()
        if _COMPOUNDS[self.lang]:
            return m.start("form"), m.end("form")
        return None


def read_glossary_file(path: Path) -> list[GlossaryEntry]:
    """Entries of one TOML file (``[[term]]`` tables), in file order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read the glossary: {exc}") from exc
    raw_entries = data.get("term", [])
    if not isinstance(raw_entries, list):
        raise GlossaryError(f"{path}: 'term' must be a list of [[term]] tables")
    entries: list[GlossaryEntry] = []
    for number, raw in enumerate(raw_entries, start=1):
        try:
            entries.append(GlossaryEntry.model_validate(raw))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}"
                for err in exc.errors()
            )
            raise GlossaryError(f"{path}: term number {number}: {problems}") from exc
    return entries


def glossary_files(lang: Lang, extra_dirs: Iterable[Path]) -> list[Path]:
    """The shipped file, then ``<dir>/<lang>.toml`` of each extra folder that has one."""
    files = [BUILTIN_DIR / f"{lang}.toml"]
    for folder in extra_dirs:
        if not folder.is_dir():
            raise GlossaryError(f"{folder}: the glossary folder does not exist")
        candidate = folder / f"{lang}.toml"
        if candidate.is_file():
            files.append(candidate)
    return files


def load_glossary(
    lang: Lang, extra_dirs: Iterable[Path] | None = None, *, strict: bool = False
) -> Glossary:
    """The shipped glossary for ``lang`` extended by the organisation folders.

    ``extra_dirs`` defaults to ``HJULET_GLOSSARY_DIRS`` (settings). Results are
    cached per language and folder list; files are read once per process. A
    folder or file that cannot be read is skipped and reported once (a warning
    and :func:`glossary_problems`); with ``strict`` it raises GlossaryError.
    """
    if extra_dirs is None:
        extra_dirs = get_settings().glossary_dirs
    glossary, problems = _load_cached(lang, tuple(Path(d) for d in extra_dirs))
    if strict and problems:
        raise GlossaryError(problems[0])
    return glossary


def glossary_problems(lang: Lang, extra_dirs: Iterable[Path] | None = None) -> list[str]:
    """What could not be read of the glossary ``load_glossary`` gives, one line each."""
    if extra_dirs is None:
        extra_dirs = get_settings().glossary_dirs
    return list(_load_cached(lang, tuple(Path(d) for d in extra_dirs))[1])


@lru_cache(maxsize=16)
def _load_cached(lang: Lang, extra_dirs: tuple[Path, ...]) -> tuple[Glossary, tuple[str, ...]]:
    entries: list[GlossaryEntry] = []
    problems: list[str] = []
    files = [BUILTIN_DIR / f"{lang}.toml"]
    for folder in extra_dirs:
        try:
            files += glossary_files(lang, [folder])[1:]
        except GlossaryError as exc:
            problems.append(str(exc))
    for path in files:
        try:
            entries.extend(read_glossary_file(path))
        except GlossaryError as exc:
            problems.append(str(exc))
    for problem in problems:
        # Once per process (the result is cached): the organisation's glossary is
        # an administrator's matter, never a reason for a page to fail.
        _LOG.warning("glossary skipped: %s", problem)
    return Glossary(lang, entries), tuple(problems)
