"""The wellbeing wheel as vector drawing, with the geometry and the look of the app's
chart (:mod:`assessment.wheel` decides both), and a legend that reads without colour.

Each voice has its own look besides its lightness: the child's wedge is solid,
the family's is striped with arcs, the professionals' is dotted, and a
letter outside the rim names each one. A wedge nobody rated is light grey
with a dashed outline to the rim; one the child chose not to answer is white
with a dotted outline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fpdf.enums import Align, XPos, YPos

from assessment.wheel import (
    INNER,
    RING_COLOUR,
    SLICE_LIGHTEN,
    TITLE_DARKEN,
    UNRATED_LOOKS,
    VOICES,
    Wedge,
    band_outline,
    darken,
    label_anchor,
    legend_sample,
    lighten,
    pattern_bands,
    point,
    slice_angles,
    wedge_fill,
    wedge_outline,
    wheel_wedges,
)
from plans.i18n import t
from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.pdf.style import hex_rgb
from plans.pdf.text import clean_text
from plans.planview.model import WheelView
from plans.planview.words import wheel_legend

RADIUS = 38.0
"""The smallest wheel; it grows up to MAX_RADIUS where the page has room."""
MAX_RADIUS = 46.0
LABEL_GAP = 8.0
LABEL_WIDTH = 30.0
LABEL_MAX_WIDTH = 42.0
LABEL_PT = 9.5
LABEL_MIN_PT = 7.0
LABEL_MAX_LINES = 3
LETTER_PT = 6.5
LETTER_GAP = 2.6
LEGEND_ROW = 9.0
SWATCH_RADIUS = 8.6


def _circle(cx: float, cy: float, radius: float, steps: int = 120) -> list[tuple[float, float]]:
    return [point(cx, cy, radius, 360.0 * i / steps) for i in range(steps + 1)]


def _arc(
    cx: float, cy: float, radius: float, start: float, end: float
) -> list[tuple[float, float]]:
    steps = max(2, math.ceil((end - start) / 3.0))
    return [point(cx, cy, radius, start + (end - start) * i / steps) for i in range(steps + 1)]


def _draw_wedge(
    doc: PlanDocument, wedge: Wedge, cx: float, cy: float, radius: float, coarser: float = 1.0
) -> None:
    outline = wedge_outline(wedge, cx, cy, radius)
    doc.set_fill_color(*hex_rgb(wedge_fill(wedge)))
    if wedge.state == "rated":
        doc.set_draw_color(*style.WHITE)
        doc.set_line_width(0.5)
        doc.polygon(outline, style="DF")
        doc.set_fill_color(*hex_rgb(wedge.colour))
        for band in pattern_bands(wedge, coarser):
            doc.polygon(band_outline(band, cx, cy, radius, max_step_degrees=3.0), style="F")
        return
    look = UNRATED_LOOKS[wedge.state]
    doc.set_draw_color(*hex_rgb(look.line))
    doc.set_line_width(0.3)
    dash, gap = look.dash
    doc.set_dash_pattern(dash=dash * radius * coarser, gap=gap * radius * coarser)
    doc.polygon(outline, style="DF")
    doc.set_dash_pattern()


@dataclass(frozen=True)
class LabelBox:
    """Where an area's title goes, measured before anything is drawn."""

    text: str
    left: float
    top: float
    width: float
    height: float
    size: float
    align: Align


def _fit_label(doc: PlanDocument, title: str) -> tuple[str, float, float]:
    """(text, width, size): wide enough for its longest word, so no word is cut.
    Measured once per document: the wheel's size is tried several times."""
    found = doc.label_fits.get(title)
    if found is None:
        found = doc.label_fits[title] = _measure_label(doc, title)
    return found


def _measure_label(doc: PlanDocument, title: str) -> tuple[str, float, float]:
    text = clean_text(title).replace("\n", " ")
    size = LABEL_PT
    while True:
        doc.font(size, bold=True)
        with doc.shaped(text):
            longest = max((doc.get_string_width(w) for w in text.split()), default=0.0)
        # multi_cell keeps a cell margin on each side of the text.
        needed = longest + 2 * doc.c_margin + 0.5
        width = max(LABEL_WIDTH, min(LABEL_MAX_WIDTH, needed))
        if needed <= width or size <= LABEL_MIN_PT:
            break
        size -= 0.5
    if doc.line_count(text, width, size, bold=True) > LABEL_MAX_LINES:
        # A template title too long for the space is shortened rather than overlapping.
        words = text.split()
        while words and (
            doc.line_count(" ".join(words) + "…", width, size, bold=True) > LABEL_MAX_LINES
        ):
            words.pop()
        text = " ".join(words) + "…"
    return text, width, size


def label_box(
    doc: PlanDocument,
    title: str,
    index: int,
    count: int,
    cx: float,
    cy: float,
    radius: float = RADIUS,
) -> LabelBox:
    """Aligned away from the wheel (left of it: right-aligned), kept inside the margins."""
    text, width, size = _fit_label(doc, title)
    x, y, angle = label_anchor(index, count, cx, cy, radius + LABEL_GAP)
    height = doc.line_count(text, width, size, bold=True) * style.line_height(size)
    sin, cos = math.sin(math.radians(angle)), math.cos(math.radians(angle))
    if sin > 0.3:
        left, align = x, Align.L
    elif sin < -0.3:
        left, align = x - width, Align.R
    else:
        left, align = x - width / 2, Align.C
    top = y - height if cos > 0.3 else y if cos < -0.3 else y - height / 2
    left = min(max(left, doc.l_margin), doc.l_margin + doc.epw - width)
    return LabelBox(text, left, top, width, height, size, align)


def wheel_extent(
    doc: PlanDocument, wheel: WheelView, radius: float = RADIUS
) -> tuple[float, float]:
    """How far the drawing reaches above and below its centre, labels included."""
    areas = wheel.template.areas
    boxes = [label_box(doc, a.title, i, len(areas), 0.0, 0.0, radius) for i, a in enumerate(areas)]
    rim = radius + LETTER_GAP + 2.0
    above = max([rim] + [-b.top for b in boxes])
    below = max([rim] + [b.top + b.height for b in boxes])
    return above, below


def largest_radius(doc: PlanDocument, wheel: WheelView, height: float) -> float:
    """The biggest wheel (RADIUS to MAX_RADIUS) whose labels fit ``height`` and the
    side margins without being pushed into the wheel."""
    areas = wheel.template.areas
    cx = doc.l_margin + doc.epw / 2
    chosen = RADIUS
    radius = RADIUS + 2
    while radius <= MAX_RADIUS:
        text_fits = all(
            doc.l_margin <= _unclamped_left(doc, a.title, i, len(areas), cx, radius)
            and _unclamped_left(doc, a.title, i, len(areas), cx, radius)
            + _fit_label(doc, a.title)[1]
            <= doc.l_margin + doc.epw
            for i, a in enumerate(areas)
        )
        if not text_fits or sum(wheel_extent(doc, wheel, radius)) > height:
            break
        chosen, radius = radius, radius + 2
    return chosen


def _unclamped_left(
    doc: PlanDocument, title: str, index: int, count: int, cx: float, radius: float
) -> float:
    width = _fit_label(doc, title)[1]
    x, _, angle = label_anchor(index, count, cx, 0.0, radius + LABEL_GAP)
    sin = math.sin(math.radians(angle))
    return x if sin > 0.3 else x - width if sin < -0.3 else x - width / 2


def draw_wheel(
    doc: PlanDocument, wheel: WheelView, cx: float, cy: float, radius: float = RADIUS
) -> None:
    template = wheel.template
    count = len(template.areas)
    shown = {a.area_id: a.shown for a in wheel.areas}
    # The faint slices show the wheel's shape even where nothing is rated yet.
    for index, area in enumerate(template.areas):
        start, end = slice_angles(index, count)
        ring = _arc(cx, cy, radius, start, end) + list(
            reversed(_arc(cx, cy, radius * INNER, start, end))
        )
        fill = hex_rgb(lighten(area.colour, SLICE_LIGHTEN)) if shown.get(area.id) else None
        doc.set_fill_color(*(fill or style.HIDDEN_FILL))
        doc.set_draw_color(*style.WHITE)
        doc.set_line_width(0.8)
        doc.polygon(ring, style="DF")
    doc.set_draw_color(*hex_rgb(RING_COLOUR))
    doc.set_line_width(0.15)
    top = template.scale.max_value
    for value in range(1, top + 1):
        doc.polyline(_circle(cx, cy, radius * (INNER + (1 - INNER) * value / top)))
    for wedge in wheel_wedges(template, wheel.ratings()):
        if shown.get(wedge.area_id):
            _draw_wedge(doc, wedge, cx, cy, radius)
    doc.set_draw_color(*hex_rgb(RING_COLOUR))
    doc.set_line_width(0.3)
    doc.polyline(_circle(cx, cy, radius))
    letters = {v.value: t(f"words.voice_letter.{v.value}", doc.lang) for v in VOICES}
    doc.font(LETTER_PT, bold=True, colour=style.MUTED)
    for wedge in wheel_wedges(template, {}):
        if not shown.get(wedge.area_id):
            continue
        x, y = point(cx, cy, radius + LETTER_GAP, (wedge.start + wedge.end) / 2)
        letter = letters[wedge.voice.value]
        width = doc.get_string_width(letter)
        doc.set_xy(x - width / 2 - 0.5, y - 1.4)
        doc.cell(width + 1, 2.8, letter, align=Align.C)
    for index, area in enumerate(template.areas):
        colour = hex_rgb(darken(area.colour, TITLE_DARKEN)) if shown.get(area.id) else style.MUTED
        box = label_box(doc, area.title, index, count, cx, cy, radius)
        doc.font(box.size, bold=True, colour=colour)
        doc.set_xy(box.left, box.top)
        with doc.shaped(box.text):
            doc.multi_cell(
                box.width,
                style.line_height(box.size),
                box.text,
                align=box.align,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
    doc.set_line_width(0.2)
    doc.font(style.BODY_PT)


def _swatch(doc: PlanDocument, x: float, y: float, kind: str) -> None:
    """A thin wedge pointing down, like one piece of the wheel, in a neutral colour."""
    sample = legend_sample(kind)
    _draw_wedge(doc, sample, x + 4.5, y + 8.2, SWATCH_RADIUS, RADIUS / SWATCH_RADIUS)


def legend_height() -> float:
    return 2 * LEGEND_ROW + 1


def draw_legend(doc: PlanDocument, wheel: WheelView) -> None:
    """Two rows under the wheel: the three voices, then the two ways of "no rating"
    (the same items and words as the app's legend, :func:`wheel_legend`)."""
    items = wheel_legend(wheel.template, doc.lang)
    width = doc.epw / 3
    doc.ensure_space(legend_height() + 2)
    top = doc.get_y()
    for index, (kind, label) in enumerate(items):
        row, col = divmod(index, 3)
        x = doc.l_margin + col * width
        y = top + row * LEGEND_ROW
        _swatch(doc, x, y, kind)
        doc.font(style.SMALL_PT, bold=any(v.value == kind for v in VOICES), colour=style.INK)
        text = doc.fitted(label, width - 13)
        doc.set_xy(x + 12, y + 1.5)
        with doc.shaped(text):
            doc.cell(width - 13, style.line_height(style.SMALL_PT), text)
    doc.set_xy(doc.l_margin, top + legend_height())
