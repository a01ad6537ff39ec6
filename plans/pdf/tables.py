"""Tables laid out line by line, so they split across pages cleanly.

Every cell is wrapped once (at word boundaries, the way fpdf2's multi_cell
wraps), then drawn one line at a time. A row that does not fit at the foot
of a page moves to the next page; a row taller than a whole page continues
there after its last whole line. Either way the heading row is repeated at
the top of the new page, and no word is ever cut by a page break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import Align

from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.pdf.style import Rgb
from plans.pdf.text import base_direction, clean_text, is_right_to_left

PAD_X = 2.2
PAD_Y = 1.8


@dataclass(frozen=True)
class Column:
    title: str
    share: float
    """Share of the page width."""
    bold: bool = False
    colour: Rgb = style.INK


Cell = str | tuple[str, str]
"""A cell's text, or its text and a quieter note under it (drawn smaller, in grey)."""


@dataclass(frozen=True)
class _Line:
    text: str
    note: bool = False
    right_to_left: bool = False
    """Set from the whole cell, so all lines of a cell align the same way."""


@dataclass(frozen=True)
class _Row:
    cells: list[list[_Line]]
    """Wrapped lines per cell."""
    fill: Rgb

    @property
    def lines(self) -> int:
        return max([1, *(len(c) for c in self.cells)])


def _words(text: str) -> list[str]:
    """Words as the line breaker sees them: a no-break space joins, unlike str.split()."""
    return [w for w in re.split(r"[ \n\t]+", text) if w]


COLUMN_CAP = 0.5
"""No column takes more than this share of the width for its longest word."""
_LINK_PUNCTUATION = re.compile(r"[/@.:_?&=#]")


def _is_link_like(word: str) -> bool:
    """Addresses, e-mail and paths: tokens that may wrap at their punctuation."""
    return len(word) > 12 and bool(_LINK_PUNCTUATION.search(word))


def _distribute(widths: list[float], needed: list[float]) -> list[float]:
    """Widen the columns that need it, taking room from those that have some to spare."""
    short = sum(max(0.0, n - w) for n, w in zip(needed, widths, strict=True))
    if short == 0:
        return widths
    spare = [max(0.0, w - n) for n, w in zip(needed, widths, strict=True)]
    return [
        max(w, n) - (short * sp / sum(spare) if sp else 0.0)
        for n, w, sp in zip(needed, widths, spare, strict=True)
    ]


def column_widths(
    doc: PlanDocument, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], size: float
) -> list[float]:
    """Widths from the columns' shares, widened where a word would not fit.

    Without this, a long organisation name in a narrow column would be cut
    in the middle ("Barnavårdscentral-en") and "Planerat" would break in the
    status column. Each column asks for its widest word, capped at half the
    table; an address or e-mail is asked for when there is room, otherwise it
    wraps at its own punctuation inside its cell. Only a word wider than any
    fair column is cut.
    """
    total = doc.epw
    widths = [total * c.share for c in columns]
    cap = total * COLUMN_CAP
    words_needed, links_needed = [], []
    for index, col in enumerate(columns):
        widest_word = widest_link = 0.0
        for row in rows:
            cell = row[index]
            text, note = (cell, "") if isinstance(cell, str) else cell
            parts = [(w, size, col.bold) for w in _words(text)]
            parts += [(w, style.SMALL_PT, False) for w in _words(note)]
            for word, word_size, bold in parts:
                width = doc.text_width(word, word_size, bold=bold)
                if _is_link_like(word):
                    widest_link = max(widest_link, width)
                else:
                    widest_word = max(widest_word, width)
        pad = 2 * PAD_X + 0.6
        words_needed.append(min(cap, widest_word + pad))
        links_needed.append(min(cap, max(widest_word, widest_link) + pad))
    for needed in (links_needed, words_needed):
        if sum(needed) <= total:
            return _distribute(widths, needed)
    return _water_fill(words_needed, [c.share for c in columns], total)


def _water_fill(needed: list[float], shares: list[float], total: float) -> list[float]:
    """When not every column can have its widest word: the columns that need no
    more than their fair part get what they need ("Planerat" stays whole), the
    others share what is left by their shares and wrap their long words inside."""
    result = [0.0] * len(needed)
    todo = set(range(len(needed)))
    remaining = total
    while todo:
        share_sum = sum(shares[i] for i in todo) or 1.0
        fair = {i: remaining * shares[i] / share_sum for i in todo}
        small = [i for i in todo if needed[i] <= fair[i]]
        if not small:
            for i in todo:
                result[i] = fair[i]
            break
        for i in small:
            result[i] = needed[i]
            remaining -= needed[i]
            todo.remove(i)
    if not todo and remaining > 0:
        # Everyone fitted after all: the room left goes by the shares.
        result = [w + remaining * s / sum(shares) for w, s in zip(result, shares, strict=True)]
    return result


def _clean(cell: Cell) -> Cell:
    return clean_text(cell) if isinstance(cell, str) else (clean_text(cell[0]), clean_text(cell[1]))


def _wrap_cell(doc: PlanDocument, cell: Cell, width: float, size: float, bold: bool) -> list[_Line]:
    text, note = (cell, "") if isinstance(cell, str) else cell
    rtl, note_rtl = is_right_to_left(text), is_right_to_left(note)
    lines = [_Line(line, right_to_left=rtl) for line in _wrap(doc, text, width, size, bold)]
    notes = _wrap(doc, note, width, style.SMALL_PT, False)
    return lines + [_Line(line, note=True, right_to_left=note_rtl) for line in notes]


def _wrap(doc: PlanDocument, text: str, width: float, size: float, bold: bool) -> list[str]:
    if not text:
        return []
    doc.set_font(style.FONT, "B" if bold else "", size)
    with doc.shaped(text, direction=base_direction(text)):
        # The cell keeps c_margin on both sides; widen by it so the text gets width - 2 * PAD_X.
        return doc.wrap(text, width - 2 * PAD_X + 2 * doc.c_margin)


class _Layout:
    """Draws wrapped rows onto pages, repeating the heading row after every break."""

    def __init__(
        self,
        doc: PlanDocument,
        columns: Sequence[Column],
        widths: list[float],
        size: float,
        heading: _Row | None,
        heading_colour: Rgb,
    ) -> None:
        self.doc = doc
        self.columns = columns
        self.widths = widths
        self.size = size
        self.lh = style.line_height(size)
        self.heading = heading
        self.heading_colour = heading_colour

    def height(self, row: _Row, lines: int | None = None) -> float:
        return (row.lines if lines is None else lines) * self.lh + 2 * PAD_Y

    def room(self) -> float:
        return self.doc.page_break_trigger - self.doc.get_y()

    def page_height(self) -> float:
        """Room on a fresh page below the repeated heading."""
        usable = self.doc.page_break_trigger - self.doc.t_margin
        return usable - (self.height(self.heading) if self.heading else 0.0)

    def new_page(self) -> None:
        self.doc.add_page()
        self.draw_heading()

    def draw_heading(self) -> None:
        if self.heading is not None:
            self.draw(
                self.heading, 0, self.heading.lines, bold_all=True, colour=self.heading_colour
            )

    def draw(
        self,
        row: _Row,
        first: int,
        last: int,
        *,
        bold_all: bool = False,
        colour: Rgb | None = None,
    ) -> None:
        """Lines ``first`` to ``last`` (exclusive) of every cell, on a tinted band."""
        doc = self.doc
        top = doc.get_y()
        height = (last - first) * self.lh + 2 * PAD_Y
        doc.set_fill_color(*row.fill)
        doc.rect(doc.l_margin, top, sum(self.widths), height, style="F")
        x = doc.l_margin
        for lines, col, width in zip(row.cells, self.columns, self.widths, strict=True):
            for n, line in enumerate(lines[first:last]):
                if line.note:
                    doc.font(style.SMALL_PT, colour=style.MUTED)
                else:
                    doc.font(
                        style.SMALL_PT if bold_all else self.size,
                        bold=bold_all or col.bold,
                        colour=colour or col.colour,
                    )
                doc.set_xy(x + PAD_X - doc.c_margin, top + PAD_Y + n * self.lh)
                align = Align.R if line.right_to_left else Align.L
                with doc.shaped(line.text, direction="rtl" if line.right_to_left else "ltr"):
                    doc.cell(width - 2 * PAD_X + 2 * doc.c_margin, self.lh, line.text, align=align)
            x += width
        doc.set_xy(doc.l_margin, top + height)

    def add(self, row: _Row) -> None:
        if self.height(row) <= self.room():
            self.draw(row, 0, row.lines)
            return
        if self.height(row) <= self.page_height():
            self.new_page()
            self.draw(row, 0, row.lines)
            return
        # Taller than a page: fill this page with whole lines, continue on the next.
        first = 0
        while first < row.lines:
            fit = int((self.room() - 2 * PAD_Y) // self.lh)
            if fit < 2:
                self.new_page()
                continue
            last = min(row.lines, first + fit)
            self.draw(row, first, last)
            first = last
            if first < row.lines:
                self.new_page()


def draw_table(
    doc: PlanDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    size: float = style.BODY_PT - 0.5,
    heading: bool = True,
    fill: Rgb = style.ROW_FILL,
    heading_fill: Rgb = style.HEAD_FILL,
    heading_colour: Rgb = style.HEADING,
    striped: bool = True,
    title: str | None = None,
) -> None:
    """A calm table: no grid, every other row tinted (or all, when not ``striped``),
    the heading row repeated on new pages. ``title`` is the section heading drawn
    above it, kept on the page with the heading row and the first row."""
    cleaned = [[_clean(cell) for cell in row] for row in rows]
    titles = [clean_text(c.title) for c in columns]
    widths = column_widths(doc, columns, cleaned, size)
    head = (
        _Row(
            [
                _wrap_cell(doc, title, width, style.SMALL_PT, True)
                for title, width in zip(titles, widths, strict=True)
            ],
            heading_fill,
        )
        if heading
        else None
    )
    wrapped = [
        _Row(
            [
                _wrap_cell(doc, cell, width, size, col.bold)
                for cell, col, width in zip(row, columns, widths, strict=True)
            ],
            fill if index % 2 == 0 or not striped else style.WHITE,
        )
        for index, row in enumerate(cleaned)
    ]
    layout = _Layout(doc, columns, widths, size, head, heading_colour)
    # Neither the section's title nor the heading row stands alone at the foot of a page.
    first = wrapped[0] if wrapped else None
    # A row moves to the next page whole unless it is taller than a page.
    first_height = 0.0
    if first is not None:
        first_height = layout.height(first)
        if first_height > layout.page_height():
            first_height = layout.height(first, min(first.lines, 3))
    needed = (layout.height(head) if head else 0.0) + first_height
    if title is not None:
        doc.heading(title, keep=needed + 1)
    elif needed > layout.room():
        doc.add_page()
    layout.draw_heading()
    for row in wrapped:
        layout.add(row)
    doc.font(style.BODY_PT)
