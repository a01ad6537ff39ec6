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
"""

from __future__ import annotations

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
                    candidates.append(GlossaryMatch(entry, *span, text[span[0] : span[1]]))
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


def load_glossary(lang: Lang, extra_dirs: Iterable[Path] | None = None) -> Glossary:
    """The shipped glossary for ``lang`` extended by the organisation folders.

    ``extra_dirs`` defaults to ``HJULET_GLOSSARY_DIRS`` (settings). Results are
    cached per language and folder list; files are read once per process.
    """
    if extra_dirs is None:
        extra_dirs = get_settings().glossary_dirs
    return _load_cached(lang, tuple(Path(d) for d in extra_dirs))


@lru_cache(maxsize=16)
def _load_cached(lang: Lang, extra_dirs: tuple[Path, ...]) -> Glossary:
    entries: list[GlossaryEntry] = []
    for path in glossary_files(lang, extra_dirs):
        entries.extend(read_glossary_file(path))
    return Glossary(lang, entries)
