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

from fontTools.ttLib import TTFont

from plans.pdf.style import FONT_FILES

MISSING_GLYPH = "□"
NEUTRAL_RUN_LIMIT = 200
"""fpdf2's bidi algorithm recurses once per character in a run without a
strong direction (2,000 emoji in a row exceed Python's recursion limit), so
longer runs get an invisible direction mark every this many characters."""
_STRONG = {"L": "\u200e", "R": "\u200f", "AL": "\u200f"}
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")


@lru_cache(maxsize=1)
def supported_codepoints() -> frozenset[int]:
    """Characters both bundled fonts can draw (read once per process)."""
    sets = []
    for path in FONT_FILES.values():
        font = TTFont(path, lazy=True)
        sets.append(set(font.getBestCmap()))
        font.close()
    return frozenset(set.intersection(*sets))


def clean_text(text: str) -> str:
    """Plain text the fonts can draw; line breaks kept, everything else visible or gone."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", "    ")
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
    combining marks. Latin, Greek and Cyrillic text is set without it, because
    shaping every line costs several times as much."""
    for char in text:
        code = ord(char)
        if code < 0x0300:
            continue
        if 0x0590 <= code < 0x1E00 or 0xFB1D <= code <= 0xFEFF or 0x0300 <= code < 0x0370:
            return True
        if unicodedata.bidirectional(char) in ("R", "AL", "AN", "RLE", "RLO", "RLI"):
            return True
        if unicodedata.combining(char):
            return True
    return False


def is_right_to_left(text: str) -> bool:
    """Whether the text's first letter with a direction reads right to left (Arabic,
    Hebrew), so its paragraph is aligned to the right, as its readers expect."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
