"""Word wrapping for text that needs no shaping (Latin, Greek, Cyrillic, emoji).

fpdf2's own line breaker measures a line again for every character it adds,
which made wrapping most of the time a plan PDF took. Without shaping a
string's width is simply the sum of its characters' widths, so words can be
measured once each. Text that needs shaping (Arabic, Hebrew, combining
marks) still goes through fpdf2's breaker, which knows about bidi and
ligatures. Both break between words, and inside a word only when the word
alone is wider than the line.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


BREAK_AFTER = frozenset("/.@-_?&=#:,;")
"""Where an address, e-mail or path may wrap when it is wider than its cell: after
its own punctuation, never with a hyphen added (it would change the address)."""


def _split_long_word(word: str, width: float, measure: Measure) -> list[str]:
    """Pieces of a word that is wider than a whole line, each as long as fits, cut
    after punctuation where the piece has some (``https://example.se/`` ``lang/sida``)."""
    pieces: list[str] = []
    current, used = "", 0.0
    for char in word:
        char_width = measure(char)
        if current and used + char_width > width:
            cut = max((i for i, c in enumerate(current) if c in BREAK_AFTER), default=-1)
            if 0 < cut < len(current) - 1 and cut + 1 >= len(current) // 3:
                pieces.append(current[: cut + 1])
                current = current[cut + 1 :]
            else:
                pieces.append(current)
                current = ""
            used = sum(measure(c) for c in current)
        current += char
        used += char_width
    if current:
        pieces.append(current)
    return pieces


def wrap_words(text: str, width: float, measure: Measure) -> list[str]:
    """Lines no wider than ``width``; ``\\n`` always starts a new line.

    ``measure`` gives a string's width at the current font; it is called once
    per distinct word and character, so callers should cache it.
    """
    lines: list[str] = []
    space = measure(" ")
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            word_width = measure(word) if word else 0.0
            gap = space if line else 0.0
            if line and used + gap + word_width > width:
                lines.append(" ".join(line).rstrip())
                line, used, gap = [], 0.0, 0.0
            if word_width > width:
                *whole, last = _split_long_word(word, width, measure)
                lines.extend(whole)
                word, word_width = last, measure(last)
            line.append(word)
            used += gap + word_width
        lines.append(" ".join(line).rstrip())
    return lines
