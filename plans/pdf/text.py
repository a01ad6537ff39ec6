"""Makes user-written text safe to put on a PDF page, and says when it needs shaping.

Text pasted from Word, a phone or a translation tool brings tabs, carriage
returns, control characters, invisible joiners and emoji the bundled font
does not have. None of that may crash an export or silently vanish, so
characters the font lacks become a visible box, and invisible formatting
characters the font lacks are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

from fontTools.ttLib import TTFont

from plans.pdf.style import FALLBACK_FONTS, FONT_FILES

MISSING_GLYPH = "□"
NEUTRAL_RUN_LIMIT = 200
"""fpdf2's bidi algorithm recurses once per character in a run without a
strong direction (2,000 emoji in a row exceed Python's recursion limit), so
longer runs get an invisible direction mark every this many characters."""
_STRONG = {"L": "\u200e", "R": "\u200f", "AL": "\u200f"}
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")


def _cmap(path: Path) -> frozenset[int]:
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@lru_cache(maxsize=1)
def main_codepoints() -> frozenset[int]:
    """Characters both styles of the main font draw."""
    regular, bold = (_cmap(FONT_FILES[s]) for s in ("", "B"))
    return regular & bold


@lru_cache(maxsize=1)
def _fallback_cmaps() -> tuple[tuple[str, frozenset[int]], ...]:
    # A family counts for a character only if every style it ships has it.
    return tuple(
        (family, frozenset.intersection(*(_cmap(p) for p in files.values())))
        for family, files in FALLBACK_FONTS.items()
    )


@lru_cache(maxsize=4096)
def fallback_family(code: int) -> str | None:
    """The fallback font family that draws this character, if the main font cannot."""
    if code in main_codepoints():
        return None
    return next((family for family, cmap in _fallback_cmaps() if code in cmap), None)


def supported_codepoints() -> frozenset[int]:
    """Every character some bundled font draws (read once per process)."""
    return _supported()


@lru_cache(maxsize=1)
def _supported() -> frozenset[int]:
    return main_codepoints().union(*(cmap for _, cmap in _fallback_cmaps()))


def fallback_families(text: str) -> list[str]:
    """The fallback families ``text`` needs, in the order they are declared."""
    main = main_codepoints()
    found = {fallback_family(ord(c)) for c in text if ord(c) not in main}
    return [family for family in FALLBACK_FONTS if family in found]


_COMMON = re.compile("[\n\x20-\x7e\xa0-\u024f\u2010-\u2027\u2030-\u205e]*")
"""Latin-1, Latin Extended-A/B and general punctuation: in the main font (checked by
a test), so text made only of them needs no look-up per character."""


def _is_common(text: str) -> bool:
    return _COMMON.fullmatch(text) is not None


def clean_text(text: str) -> str:
    """Plain text the fonts can draw; line breaks kept, everything else visible or gone."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", "    ")
    if _is_common(text):
        # Swedish, English and the like: every character is drawn as it is.
        return text if len(text) < NEUTRAL_RUN_LIMIT else _break_neutral_runs(text)
    supported = supported_codepoints()
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char == "\n" or code in supported:
            out.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or category == "Mn":
            # Control and format characters carry no ink: dropping them loses nothing
            # a reader could see (lone surrogates cannot even be encoded).
            if category in ("Cs", "Co", "Cn"):
                out.append(MISSING_GLYPH)
            continue
        out.append(MISSING_GLYPH)
    return _break_neutral_runs("".join(out))


def _break_neutral_runs(text: str) -> str:
    """Insert a left-to-right (or right-to-left) mark into very long runs of characters
    without a strong direction, matching the direction that came before, so what
    the reader sees does not change."""
    out: list[str] = []
    run = 0
    mark = _STRONG["L"]
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _STRONG or direction in ("EN", "AN"):
            run = 0
            mark = _STRONG.get(direction, mark)
        else:
            run += 1
            if run >= NEUTRAL_RUN_LIMIT:
                out.append(mark)
                run = 0
        out.append(char)
    return "".join(out)


def needs_shaping(text: str) -> bool:
    """Whether ``text`` needs the shaping engine: right-to-left or joined scripts, or
    combining marks. Latin, Greek, Cyrillic and Ge'ez (whose syllables are whole
    characters) are set without it, because shaping every line costs several times
    as much."""
    for char in text:
        code = ord(char)
        if code < 0x0300 or 0x1200 <= code < 0x13A0 or 0x2D80 <= code < 0x2DE0:
            continue
        if 0x0590 <= code < 0x1E00 or 0xFB1D <= code <= 0xFEFF or 0x0300 <= code < 0x0370:
            return True
        if unicodedata.bidirectional(char) in ("R", "AL", "AN", "RLE", "RLO", "RLI"):
            return True
        if unicodedata.combining(char):
            return True
    return False


Direction = Literal["ltr", "rtl"]


def base_direction(text: str) -> Direction:
    """A paragraph's direction by the Unicode bidirectional algorithm (rules P2, P3):
    its first strong letter outside any isolate, left to right when there is none.
    So "Plan för \u2068ليلى\u2069" reads left to right, and a paragraph written
    in Arabic right to left."""
    depth = 0
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("LRI", "RLI", "FSI"):
            depth += 1
        elif direction == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and direction in ("R", "AL"):
            return "rtl"
        elif depth == 0 and direction == "L":
            return "ltr"
    return "ltr"


def is_right_to_left(text: str) -> bool:
    """Whether the paragraph reads right to left, so it is aligned to the right, as
    its readers expect."""
    return base_direction(text) == "rtl"
