"""Fonts read once per process instead of once per PDF.

fpdf2 reads a TrueType font in full for every document (its character map,
widths and glyph ids: about a fifth of a typical plan's time). Those are the same
for every document, so they are read once into a prototype, and each document
gets a copy that shares them and has its own glyph subset and its own fontTools
object, which fpdf2 cuts down in place when it writes the file.

This leans on fpdf2's ``TTFFont`` attributes (the ones its own ``__deepcopy__``
names); if a future fpdf2 changes them, the copy fails and the document falls
back to fpdf2's ordinary ``add_font``, which is only slower.
"""

from __future__ import annotations

import io
from copy import copy
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

_DROPPED_ON_OUTPUT = (
    *("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC"),
    *("EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR"),
)
"""The tables fpdf2 drops from every font it embeds (``fpdf.output``, ``_add_fonts``).
Dropped once here, no document reads them; shaping reads the font file itself."""


@lru_cache(maxsize=16)
def _prototype(path: Path, style: str) -> tuple[TTFFont, bytes, tuple[str, ...]]:
    """fpdf2's parsed font, the font file as each document's subset starts from, and
    its glyph order. Working out the glyph order (from the character map) and reading
    the tables fpdf2 drops anyway were half of the subsetting on output (24 of 47 ms
    for DejaVu Sans), done again for every document."""
    font = TTFFont(FPDF(), path, f"prototype{style}", style)
    full = TTFont(path, recalcTimestamp=False)
    for tag in _DROPPED_ON_OUTPUT:
        if tag in full:
            del full[tag]
    kept = io.BytesIO()
    full.save(kept)
    return font, kept.getvalue(), tuple(full.getGlyphOrder())


def add_cached_font(doc: FPDF, family: str, style: str, path: Path) -> None:
    """``doc.add_font(family, style, path)``, with the font's tables read only once."""
    fontkey = f"{family.lower()}{style}"
    if fontkey in doc.fonts:
        return
    try:
        prototype, data, glyph_order = _prototype(path, style)
        font = copy(prototype)  # shares cmap, widths, glyph ids, descriptor, HarfBuzz face
        font.i = len(doc.fonts) + 1
        font.fontkey = fontkey
        font.ttfont = TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
        font.ttfont.setGlyphOrder(list(glyph_order))
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.subset = SubsetMap(font)
    except (AttributeError, TypeError):  # pragma: no cover - a different fpdf2
        doc.add_font(family, style, str(path))
        return
    doc.fonts[fontkey] = font
