"""The wellbeing wheel as vector drawing, from the same geometry as the app's chart
(:mod:`assessment.wheel`), and a legend that reads without colour.

Each voice has its own look besides its tint: the child's wedge is solid,
the family's is striped with arcs, the professionals' is dotted, and a
letter outside the rim names each one. A wedge nobody rated is light grey
with a dashed outline to the rim; one the child chose not to answer is white
with a dotted outline.
"""

from __future__ import annotations

import math

from fpdf.enums import Align, XPos, YPos

from assessment.wheel import INNER, VOICES, Wedge, label_anchor, point, wedge_outline, wheel_wedges
from plans.i18n import t
from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.pdf.style import Rgb, hex_rgb, shade, tint
from plans.pdf.text import clean_text
from plans.planview.model import WheelView

RADIUS = 40.0
LABEL_GAP = 9.0
LABEL_WIDTH = 31.0
LABEL_PT = 9.5
LETTER_PT = 6.5
LABEL_MAX_LINES = 3
VOICE_TINT = {"child": 0.0, "guardians": 0.45, "professional": 0.7}
"""How much each voice's wedge is lightened from the area colour."""
LEGEND_COLOUR: Rgb = (70, 90, 110)


def _circle(cx: float, cy: float, radius: float, steps: int = 120) -> list[tuple[float, float]]:
    return [point(cx, cy, radius, 360.0 * i / steps) for i in range(steps + 1)]


def _arc(
    cx: float, cy: float, radius: float, start: float, end: float
) -> list[tuple[float, float]]:
    steps = max(2, math.ceil((end - start) / 3.0))
    return [point(cx, cy, radius, start + (end - start) * i / steps) for i in range(steps + 1)]


def _pattern(doc: PlanDocument, wedge: Wedge, cx: float, cy: float, radius: float) -> None:
    """Stripes for the family's voice, dots for the professionals'; none for the child's."""
    colour = hex_rgb(wedge.colour)
    inner, outer = radius * INNER, radius * wedge.outer
    margin = (wedge.end - wedge.start) * 0.18
    if wedge.voice.value == "guardians":
        doc.set_draw_color(*colour)
        doc.set_line_width(0.35)
        r = inner + 1.6
        while r < outer - 0.6:
            doc.polyline(_arc(cx, cy, r, wedge.start + margin, wedge.end - margin))
            r += 1.7
    elif wedge.voice.value == "professional":
        doc.set_fill_color(*colour)
        middle = (wedge.start + wedge.end) / 2
        r = inner + 1.8
        while r < outer - 0.8:
            x, y = point(cx, cy, r, middle)
            doc.circle(x, y, 0.42, style="F")
            r += 2.0


def _draw_wedge(doc: PlanDocument, wedge: Wedge, cx: float, cy: float, radius: float) -> None:
    outline = wedge_outline(wedge, cx, cy, radius)
    if wedge.state == "rated":
        colour = hex_rgb(wedge.colour)
        doc.set_fill_color(*tint(colour, VOICE_TINT[wedge.voice.value]))
        doc.set_draw_color(*style.WHITE)
        doc.set_line_width(0.5)
        doc.polygon(outline, style="DF")
        _pattern(doc, wedge, cx, cy, radius)
        return
    declined = wedge.state == "declined"
    doc.set_fill_color(*(style.WHITE if declined else style.NOT_ASSESSED_FILL))
    doc.set_draw_color(*style.NOT_ASSESSED_LINE)
    doc.set_line_width(0.3)
    doc.set_dash_pattern(dash=0.3, gap=0.9) if declined else doc.set_dash_pattern(dash=1.2, gap=0.8)
    doc.polygon(outline, style="DF")
    doc.set_dash_pattern()


def _label(
    doc: PlanDocument, text: str, cx: float, cy: float, index: int, count: int, colour: Rgb
) -> None:
    """An area's title outside the rim, aligned away from the wheel and kept on the page."""
    x, y, angle = label_anchor(index, count, cx, cy, RADIUS + LABEL_GAP)
    text = clean_text(text).replace("\n", " ")
    if doc.line_count(text, LABEL_WIDTH, LABEL_PT, bold=True) > LABEL_MAX_LINES:
        # A template title too long for the space is shortened rather than overlapping.
        words = text.split()
        while words and doc.line_count(
            " ".join(words) + "…", LABEL_WIDTH, LABEL_PT, bold=True
        ) > LABEL_MAX_LINES:
            words.pop()
        text = " ".join(words) + "…"
    lines = doc.line_count(text, LABEL_WIDTH, LABEL_PT, bold=True)
    lh = style.line_height(LABEL_PT)
    height = lines * lh
    sin, cos = math.sin(math.radians(angle)), math.cos(math.radians(angle))
    if sin > 0.3:
        left, align = x, Align.L
    elif sin < -0.3:
        left, align = x - LABEL_WIDTH, Align.R
    else:
        left, align = x - LABEL_WIDTH / 2, Align.C
    top = y - height if cos > 0.3 else y if cos < -0.3 else y - height / 2
    left = min(max(left, doc.l_margin), doc.l_margin + doc.epw - LABEL_WIDTH)
    doc.font(LABEL_PT, bold=True, colour=colour)
    doc.set_xy(left, top)
    with doc.shaped(text):
        doc.multi_cell(LABEL_WIDTH, lh, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def wheel_height() -> float:
    """Room the wheel and its labels take, top label to bottom label."""
    return 2 * (RADIUS + LABEL_GAP + LABEL_MAX_LINES * style.line_height(LABEL_PT)) - 6


def draw_wheel(doc: PlanDocument, wheel: WheelView, cx: float, cy: float) -> None:
    template = wheel.template
    count = len(template.areas)
    shown = {a.area_id: a.shown for a in wheel.areas}
    # The faint slices show the wheel's shape even where nothing is rated yet.
    for index, area in enumerate(template.areas):
        start, end = 360.0 * index / count, 360.0 * (index + 1) / count
        ring = _arc(cx, cy, RADIUS, start, end) + list(
            reversed(_arc(cx, cy, RADIUS * INNER, start, end))
        )
        fill = tint(hex_rgb(area.colour), 0.9) if shown.get(area.id) else style.HIDDEN_FILL
        doc.set_fill_color(*fill)
        doc.set_draw_color(*style.WHITE)
        doc.set_line_width(0.8)
        doc.polygon(ring, style="DF")
    doc.set_draw_color(*style.RING)
    doc.set_line_width(0.15)
    top = template.scale.max_value
    for value in range(1, top + 1):
        doc.polyline(_circle(cx, cy, RADIUS * (INNER + (1 - INNER) * value / top)))
    for wedge in wheel_wedges(template, wheel.ratings()):
        if shown.get(wedge.area_id):
            _draw_wedge(doc, wedge, cx, cy, RADIUS)
    doc.set_draw_color(*style.RING)
    doc.set_line_width(0.3)
    doc.polyline(_circle(cx, cy, RADIUS))
    letters = {v.value: t(f"planview.voice_letter.{v.value}", doc.lang) for v in VOICES}
    doc.font(LETTER_PT, bold=True, colour=style.MUTED)
    for wedge in wheel_wedges(template, {}):
        if not shown.get(wedge.area_id):
            continue
        x, y = point(cx, cy, RADIUS + 2.6, (wedge.start + wedge.end) / 2)
        letter = letters[wedge.voice.value]
        width = doc.get_string_width(letter)
        doc.set_xy(x - width / 2 - 0.5, y - 1.4)
        doc.cell(width + 1, 2.8, letter, align=Align.C)
    for index, area in enumerate(template.areas):
        colour = shade(hex_rgb(area.colour), 0.15) if shown.get(area.id) else style.MUTED
        _label(doc, area.title, cx, cy, index, count, colour)
    doc.set_line_width(0.2)
    doc.font(style.BODY_PT)


def _swatch(doc: PlanDocument, x: float, y: float, kind: str) -> None:
    """A small wedge-shaped sample of one look, drawn in a neutral colour."""
    fake = Wedge(
        area_id="",
        area_index=0,
        voice=next(v for v in VOICES if v.value == kind) if kind in VOICE_TINT else VOICES[0],
        start=-24.0,
        end=24.0,
        outer=1.0,
        value=1 if kind in VOICE_TINT else None,
        state="rated" if kind in VOICE_TINT else kind,  # type: ignore[arg-type]
        colour="#{:02x}{:02x}{:02x}".format(*LEGEND_COLOUR),
    )
    # A thin wedge pointing down, like one piece of the wheel.
    _draw_wedge(doc, fake, x + 4.5, y + 8.2, 8.6)


def draw_legend(doc: PlanDocument, wheel: WheelView) -> None:
    """Two rows under the wheel: the three voices, then the two ways of "no rating"."""
    lang = doc.lang
    scale = wheel.template.scale
    letters = {v.value: t(f"planview.voice_letter.{v.value}", lang) for v in VOICES}
    items: list[tuple[str, str]] = [
        (v.value, f"{letters[v.value]}  {t(f'planview.voice.{v.value}', lang)}") for v in VOICES
    ]
    items += [
        ("not_assessed", scale.not_assessed_label),
        ("declined", t("planview.rating.declined", lang)),
    ]
    width = doc.epw / 3
    row_height = 9.0
    doc.ensure_space(2 * row_height + 4)
    top = doc.get_y()
    for index, (kind, label) in enumerate(items):
        row, col = divmod(index, 3)
        x = doc.l_margin + col * width
        y = top + row * row_height
        _swatch(doc, x, y, kind)
        doc.font(style.SMALL_PT, bold=kind in VOICE_TINT, colour=style.INK)
        doc.set_xy(x + 12, y + 0.6)
        text = clean_text(label)
        with doc.shaped(text):
            doc.multi_cell(width - 13, style.line_height(style.SMALL_PT), text, max_line_height=4.2)
    doc.set_xy(doc.l_margin, top + 2 * row_height + 1)
