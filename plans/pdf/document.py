"""The PDF page itself: fonts, metadata, running header and footer, and the few
text primitives every section uses (headings that start a bookmark, wrapped
paragraphs, labelled text, bullets).

Every piece of text goes through :meth:`PlanDocument.shaped`, which cleans it
and switches fpdf2's text shaping on only where the script needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.util import Padding

from plans.i18n import t
from plans.pdf import style
from plans.pdf.fontcache import add_cached_font
from plans.pdf.style import Rgb
from plans.pdf.text import (
    Direction,
    base_direction,
    clean_text,
    fallback_families,
    needs_shaping,
)
from plans.pdf.wrap import wrap_words
from plans.planview.model import PlanView


def _is_plain(text: str) -> bool:
    """Latin letters and punctuation only (below the combining marks): the main font
    draws them unshaped."""
    return not text or max(text) < "\u0300"


class PlanDocument(FPDF):
    """An A4 page set up for one plan view."""

    def __init__(self, view: PlanView, *, created_at: dt.datetime) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.view = view
        self.lang = view.lang
        self._widths: dict[tuple[str, str, float, str], dict[str, float]] = {}
        """Measured widths per font and size; text is wrapped word by word."""
        self._loaded_fallbacks: set[str] = set()
        self.label_fits: dict[str, tuple[str, float, float]] = {}
        """The wheel's area labels as fitted (text, width, size), by title."""
        for font_style, path in style.FONT_FILES.items():
            add_cached_font(self, style.FONT, font_style, path)
        self.set_margins(style.MARGIN_X, style.MARGIN_TOP, style.MARGIN_X)
        self.set_auto_page_break(True, margin=style.MARGIN_BOTTOM)
        self.alias_nb_pages(style.PAGES_ALIAS)
        header = view.header
        lead = view.lead_professional
        self.set_title(clean_text(f"{header.title} – {header.version_line}"))
        self.set_subject(clean_text(f"{t('pdf.subject', self.lang)} – {header.audience_line}"))
        self.set_author(clean_text(lead.name if lead else t("pdf.creator", self.lang)))
        self.set_creator(t("pdf.creator", self.lang))
        self.set_lang(self.lang)
        self.set_creation_date(created_at)
        # Open with the bookmarks visible, so a long team copy is easy to move around in.
        self.page_mode = "USE_OUTLINES"
        self.set_text_color(*style.INK)
        self.set_font(style.FONT, "", style.BODY_PT)

    # -- text primitives -------------------------------------------------------------

    @contextmanager
    def shaped(self, *texts: str, direction: Direction | None = None) -> Iterator[None]:
        """Shaping on for these texts if they need it, and the fallback fonts (Arabic,
        Ge'ez, emoji) they need; the previous settings come back after.

        ``direction`` is the paragraph's direction for the bidirectional algorithm
        when a text is one line of a longer paragraph; by default each text's own."""
        before, fallbacks = self.text_shaping, self._fallback_font_ids
        if all(_is_plain(text) for text in texts):
            # Most text is Latin: no shaping, no fallback font, nothing to look up.
            self.text_shaping = None
            try:
                yield
            finally:
                self.text_shaping = before
            return
        families = {f for text in texts for f in fallback_families(text)}
        if families:
            self._load_fallbacks(families)
            self.set_fallback_fonts(sorted(self._loaded_fallbacks), exact_match=False)
        if any(needs_shaping(text) for text in texts):
            self.set_text_shaping(True, direction=direction)
        else:
            self.text_shaping = None
        try:
            yield
        finally:
            self.text_shaping, self._fallback_font_ids = before, fallbacks
            if families:
                # fpdf2 2.8 selects the main font for a line that opens in a fallback
                # font inside that line's q…Q, then believes the page has it: the next
                # line would be written with no font at all ("No font in show").
                self.current_font_is_set_on_page = False

    def _load_fallbacks(self, families: set[str]) -> None:
        """Adds fallback fonts the first time a text needs them: most plans need
        none, and reading a font costs time in every document."""
        for family in sorted(families - self._loaded_fallbacks):
            for font_style, path in style.FALLBACK_FONTS[family].items():
                add_cached_font(self, family, font_style, path)
            self._loaded_fallbacks.add(family)

    def font(self, size: float, *, bold: bool = False, colour: Rgb = style.INK) -> None:
        self.set_font(style.FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres still fit on this one."""
        if self.will_page_break(height):
            self.add_page()

    def write_lines(
        self,
        text: str,
        *,
        size: float = style.BODY_PT,
        bold: bool = False,
        colour: Rgb = style.INK,
        indent: float = 0.0,
        width: float | None = None,
        align: Align = Align.L,
        fill: Rgb | None = None,
        padding: float = 0.0,
    ) -> None:
        """A wrapped paragraph of plain text (never markdown), split across pages as needed."""
        text = clean_text(text)
        direction = base_direction(text)
        if align == Align.L and direction == "rtl":
            align = Align.R
        self.font(size, bold=bold, colour=colour)
        if fill is not None:
            self.set_fill_color(*fill)
        cell_width = width if width is not None else self.epw - indent
        lh = style.line_height(size)
        self.set_x(self.l_margin + indent)
        with self.shaped(text, direction=direction):
            if fill is None:
                # Line by line: each cell() breaks the page by itself when it must, and
                # every line keeps the paragraph's direction.
                for line in self.wrap(text, cell_width):
                    self.set_x(self.l_margin + indent)
                    self.cell(
                        cell_width, lh, line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
                    )
                return
            self.multi_cell(
                cell_width,
                lh,
                text,
                align=align,
                fill=True,
                padding=Padding.new(padding),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )

    def wrap(self, text: str, width: float) -> list[str]:
        """The lines ``text`` takes in a cell of ``width`` at the current font (nothing drawn).

        Words are measured once each (:func:`plans.pdf.wrap.wrap_words`), shaped where
        the text needs it: a word's shaped width does not depend on the line it ends up
        on, and fpdf2's own breaker, which measures the line again for every character,
        made a plan with Arabic names take seconds.
        """
        return wrap_words(text, width - 2 * self.c_margin, self._measure)

    def _measure(self, part: str) -> float:
        """The width of ``part`` at the current font and shaping, measured once."""
        shaping = self.text_shaping["direction"] if self.text_shaping else "off"
        key = (self.font_family, self.font_style, self.font_size_pt, str(shaping))
        widths = self._widths.get(key)
        if widths is None:
            widths = self._widths[key] = {}
        found = widths.get(part)
        if found is None:
            found = widths[part] = self._width(part)
        return found

    def _width(self, part: str) -> float:
        if self.text_shaping is None and not self._fallback_font_ids and _is_plain(part):
            # What fpdf2 computes for unshaped text in one font (no letter spacing or
            # stretching is ever set here), without building its text fragments.
            # fpdf2 keys the widths by code point (its annotation says str).
            cw = cast(dict[int, int], self.current_font.cw)  # type: ignore[union-attr]
            units = sum(cw[ord(c)] for c in part)
            return float(units) * self.font_size_pt * 0.001 / self.k
        return self.get_string_width(part)

    def text_width(self, text: str, size: float, *, bold: bool = False) -> float:
        """The width of one line of ``text`` (shaped if it needs it), measured once."""
        self.set_font(style.FONT, "B" if bold else "", size)
        if _is_plain(text) and self.text_shaping is None:
            return self._measure(text)
        with self.shaped(text):
            return self._measure(text)

    def line_count(self, text: str, width: float, size: float, *, bold: bool = False) -> int:
        """How many lines ``text`` wraps to in ``width`` (nothing is drawn)."""
        text = clean_text(text)
        self.set_font(style.FONT, "B" if bold else "", size)
        with self.shaped(text):
            return max(1, len(self.wrap(text, width)))

    def heading(
        self, text: str, *, level: int = 0, size: float = style.HEADING_PT, keep: float = 24.0
    ) -> None:
        """A section heading that also becomes a bookmark. ``keep`` millimetres of what
        follows must fit under it, so a heading is never left alone at a page's foot."""
        lines = self.line_count(text, self.epw, size, bold=True)
        before, after = (6.0, 3.5) if level == 0 else (3.0, 1.0)
        self.ensure_space(before + lines * style.line_height(size) + after + keep)
        if self.get_y() > self.t_margin + 1:
            self.ln(before)
        self.start_section(clean_text(text), level=level, strict=False)
        self.write_lines(text, size=size, bold=True, colour=style.HEADING)
        if level == 0:
            y = self.get_y() + 1
            self.set_draw_color(*style.RULE)
            self.set_line_width(0.4)
            self.line(self.l_margin, y, self.l_margin + self.epw, y)
        self.ln(after)

    def labelled(self, label: str, text: str, *, indent: float = 0.0) -> None:
        """A small label over its text, kept together at a page break."""
        if not text.strip():
            return
        self.ensure_space(style.line_height(style.SMALL_PT) + 2 * style.line_height(style.BODY_PT))
        self.write_lines(label, size=style.SMALL_PT, bold=True, colour=style.ACCENT, indent=indent)
        self.write_lines(text, indent=indent)
        self.ln(2)

    def bullets(self, items: list[str], *, size: float = style.BODY_PT) -> None:
        lh = style.line_height(size)
        for item in items:
            self.ensure_space(lh)
            self.font(size, colour=style.ACCENT)
            self.set_x(self.l_margin + 1)
            self.cell(5, lh, "•")
            self.write_lines(item, size=size, indent=6)

    # -- running header and footer ---------------------------------------------------

    def fitted(self, text: str, width: float) -> str:
        """``text`` cut with an ellipsis so it fits on one line of ``width``."""
        text = clean_text(text).replace("\n", " ")
        with self.shaped(text):
            if self.get_string_width(text) <= width:
                return text
            while text and self.get_string_width(text + "…") > width:
                text = text[: max(0, len(text) - max(1, len(text) // 8))]
        return text + "…"

    def header(self) -> None:
        # Page 1 opens with the large title block, which says the same.
        if self.page_no() == 1:
            return
        header = self.view.header
        self.font(style.TINY_PT, bold=True, colour=style.MUTED)
        half = self.epw / 2 - 2
        title = self.fitted(header.title, half)
        version = self.fitted(header.version_line, half)
        self.set_xy(self.l_margin, style.HEADER_Y)
        with self.shaped(title):
            self.cell(half, 4, title, align=Align.L)
        self.font(style.TINY_PT, colour=style.MUTED)
        self.set_xy(self.l_margin + self.epw - half, style.HEADER_Y)
        with self.shaped(version):
            self.cell(half, 4, version, align=Align.R)
        self.set_draw_color(*style.RULE)
        self.set_line_width(0.3)
        y = style.HEADER_Y + 6
        self.line(self.l_margin, y, self.l_margin + self.epw, y)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.font(style.TINY_PT, colour=style.MUTED)
        y = self.h - style.FOOTER_FROM_BOTTOM
        page = t("pdf.footer.page", self.lang, page=self.page_no(), pages=style.PAGES_ALIAS)
        # The total is filled in when the file is written, so the text is placed by the
        # width it will have with a two-digit total rather than right-aligned on the alias.
        sample = t("pdf.footer.page", self.lang, page=self.page_no(), pages="99")
        page_width = self.get_string_width(sample) + 1
        audience = self.fitted(self.view.header.audience_line, self.epw - page_width - 6)
        self.set_xy(self.l_margin, y)
        with self.shaped(audience):
            self.cell(self.epw - page_width - 4, 4, audience, align=Align.L)
        self.set_xy(self.l_margin + self.epw - page_width, y)
        self.cell(page_width, 4, page, align=Align.L)
