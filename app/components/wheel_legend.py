"""The wheel's legend under the app's chart: the same items, words and sample wedges as
the PDF's legend (plans.pdf.wheel.draw_legend), drawn from assessment.wheel's look.

Vega-Lite's own legend can show a colour or a symbol, not a striped or dotted wedge, so
the legend is a row of small SVG wedges with their words beside the chart. The words are
text in the page, so a screen reader reads them; the pictures are decoration (empty alt).
st.html keeps no inline SVG, so each picture is an image of SVG.
"""

from __future__ import annotations

import base64
import html

import streamlit as st

from assessment.template import WheelTemplate
from assessment.wheel import (
    LEGEND_COLOUR,
    UNRATED_LOOKS,
    VOICES,
    band_outline,
    legend_sample,
    pattern_bands,
    wedge_fill,
    wedge_outline,
)
from plans.i18n import t
from plans.planview.words import wheel_legend

SWATCH = 26.0
"""Pixels: the sample wedge's length."""
COARSER = 125.0 / SWATCH
"""Stripes and dashes as far apart as on the wheel (wheel_chart.RADIUS)."""


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def swatch_svg(kind: str) -> str:
    """One sample wedge pointing up from its tip, as in the PDF's legend."""
    sample = legend_sample(kind)
    cx, cy = SWATCH * 0.45, SWATCH + 1
    outline = _points(wedge_outline(sample, cx, cy, SWATCH))
    if sample.state == "rated":
        shapes = [f'<polygon points="{outline}" fill="{wedge_fill(sample)}" stroke="white"/>']
        shapes += [
            f'<polygon points="{_points(band_outline(b, cx, cy, SWATCH))}" fill="{LEGEND_COLOUR}"/>'
            for b in pattern_bands(sample, COARSER)
        ]
    else:
        look = UNRATED_LOOKS[sample.state]
        dash = f"{look.dash[0] * SWATCH * COARSER:.1f} {look.dash[1] * SWATCH * COARSER:.1f}"
        shapes = [
            f'<polygon points="{outline}" fill="{look.fill}" stroke="{look.line}" '
            f'stroke-width="1" stroke-dasharray="{dash}"/>'
        ]
    size = f'width="{SWATCH * 0.9:.0f}" height="{SWATCH + 2:.0f}"'
    return f'<svg xmlns="http://www.w3.org/2000/svg" {size}>{"".join(shapes)}</svg>'


def swatch_img(kind: str) -> str:
    data = base64.b64encode(swatch_svg(kind).encode()).decode()
    return f'<img src="data:image/svg+xml;base64,{data}" alt="" style="display:block">'


def legend_html(template: WheelTemplate, lang: str, filled: str | None = None) -> str:
    """Two rows, as in the PDF: the three voices, then the two ways of no rating."""
    rows: dict[bool, list[str]] = {True: [], False: []}
    for kind, label in wheel_legend(template, lang):
        voice = any(v.value == kind for v in VOICES)
        rows[voice].append(
            '<span style="display:inline-flex;align-items:flex-end;gap:0.4rem;'
            'margin:0 1.2rem 0.4rem 0">'
            f"{swatch_img(kind)}"
            f'<span style="font-weight:{600 if voice else 400}">{html.escape(label)}</span>'
            "</span>"
        )
    note = ""
    if filled is not None:
        text = html.escape(t("wheel.legend_filled", lang, reading=filled))
        note = f'<div style="margin-bottom:0.3rem">{text}</div>'
    lines = "".join(f"<div>{''.join(items)}</div>" for items in (rows[True], rows[False]))
    return f'<div class="hjulet-wheel-legend" style="font-size:0.9rem">{note}{lines}</div>'


def show_legend(template: WheelTemplate, lang: str, *, filled: str | None = None) -> None:
    """The legend, and the same how-to-read sentence as the PDF's."""
    st.html(legend_html(template, lang, filled))
    st.caption(t("words.wheel.how_to_read", lang))
