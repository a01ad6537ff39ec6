"""Tables that split across pages with their heading row repeated.

fpdf2 moves whole rows to the next page and refuses a row taller than a
page. A plan's text can be that long (an action may hold 4,000 characters),
so such a row is first cut into several rows at line ends: the text is
wrapped exactly as the cell will wrap it, and every piece is a run of whole
lines, so no word is ever cut in two by the split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import Align, MethodReturnValue, TableBordersLayout, VAlign, WrapMode
from fpdf.fonts import FontFace

from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.pdf.style import Rgb
from plans.pdf.text import clean_text

PADDING = (1.8, 2.2, 1.8, 2.2)
"""Top, right, bottom, left, in millimetres."""
MAX_ROW_LINES = 28
"""A row never grows taller than this many lines; well under a page, so a
long row never leaves most of a page empty."""
_SPLIT_FROM_CHARS = 300
"""Shorter cells cannot reach MAX_ROW_LINES, so they skip the measuring."""


@dataclass(frozen=True)
class Column:
    title: str
    share: float
    """Share of the page width."""
    bold: bool = False
    colour: Rgb = style.INK


def _wrap(doc: PlanDocument, text: str, width: float, size: float, bold: bool) -> list[str]:
    doc.set_font(style.FONT, "B" if bold else "", size)
    lines = doc.multi_cell(
        width,
        style.line_height(size),
        text,
        padding=PADDING,
        wrapmode=WrapMode.WORD,
        dry_run=True,
        output=MethodReturnValue.LINES,
    )
    return [str(line) for line in lines] or [""]


def _pieces(
    doc: PlanDocument, cells: Sequence[str], columns: Sequence[Column], size: float
) -> list[list[str]]:
    """One row, or several rows of at most MAX_ROW_LINES lines each."""
    if all(len(c) < _SPLIT_FROM_CHARS and c.count("\n") < MAX_ROW_LINES for c in cells):
        return [list(cells)]
    wrapped = [
        _wrap(doc, cell, doc.epw * col.share, size, col.bold)
        for cell, col in zip(cells, columns, strict=True)
    ]
    tallest = max(len(lines) for lines in wrapped)
    if tallest <= MAX_ROW_LINES:
        return [list(cells)]
    return [
        ["\n".join(lines[start : start + MAX_ROW_LINES]) for lines in wrapped]
        for start in range(0, tallest, MAX_ROW_LINES)
    ]


def draw_table(
    doc: PlanDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    size: float = style.BODY_PT - 0.5,
    heading: bool = True,
    fill: Rgb = style.ROW_FILL,
    heading_fill: Rgb = style.HEAD_FILL,
    heading_colour: Rgb = style.HEADING,
) -> None:
    """A calm table: no grid, every other row tinted, the heading row repeated on new pages."""
    cleaned = [[clean_text(cell) for cell in row] for row in rows]
    everything = [c.title for c in columns] + [cell for row in cleaned for cell in row]
    lh = style.line_height(size)
    doc.font(size)
    with doc.shaped(*everything):
        pieces = [_pieces(doc, row, columns, size) for row in cleaned]
        doc.font(size)
        with doc.table(
            col_widths=[c.share for c in columns],
            width=doc.epw,
            align=Align.L,
            text_align=Align.L,
            v_align=VAlign.T,
            borders_layout=TableBordersLayout.NONE,
            first_row_as_headings=heading,
            num_heading_rows=1 if heading else 0,
            repeat_headings=1,
            headings_style=FontFace(
                family=style.FONT,
                emphasis="B",
                size_pt=style.SMALL_PT,
                color=heading_colour,
                fill_color=heading_fill,
            ),
            line_height=lh,
            padding=PADDING,
            wrapmode=WrapMode.WORD,
        ) as table:
            if heading:
                table.row([c.title for c in columns])
            for index, row_pieces in enumerate(pieces):
                # Rows of one entry share a tint, so a split entry still reads as one.
                tinted = index % 2 == 0
                for piece in row_pieces:
                    row = table.row(
                        style=FontFace(fill_color=fill if tinted else style.WHITE),
                    )
                    for cell, col in zip(piece, columns, strict=True):
                        row.cell(
                            cell,
                            style=FontFace(
                                family=style.FONT,
                                emphasis="B" if col.bold else "",
                                size_pt=size,
                                color=col.colour,
                            ),
                        )
    doc.font(style.BODY_PT)
