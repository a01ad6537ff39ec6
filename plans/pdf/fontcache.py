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


@lru_cache(maxsize=16)
def _prototype(path: Path, style: str) -> tuple[TTFFont, bytes]:
    font = TTFFont(FPDF(), path, f"prototype{style}", style)
    return font, path.read_bytes()


def add_cached_font(doc: FPDF, family: str, style: str, path: Path) -> None:
    """``doc.add_font(family, style, path)``, with the font's tables read only once."""
    fontkey = f"{family.lower()}{style}"
    if fontkey in doc.fonts:
        return
    try:
        prototype, data = _prototype(path, style)
        font = copy(prototype)  # shares cmap, widths, glyph ids, descriptor, HarfBuzz face
        font.i = len(doc.fonts) + 1
        font.fontkey = fontkey
        font.ttfont = TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.subset = SubsetMap(font)
    except (AttributeError, TypeError):  # pragma: no cover - a different fpdf2
        doc.add_font(family, style, str(path))
        return
    doc.fonts[fontkey] = font
