"""Page geometry, type sizes and colours of the plan PDF, in one place.

A calm, friendly page for a family to take home: generous margins, large
headings, dark grey text on white, one accent colour and the wheel's own
area colours.
"""

from __future__ import annotations

from pathlib import Path

Rgb = tuple[int, int, int]

FONT = "DejaVu"
FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
FALLBACK_FONTS: dict[str, dict[str, Path]] = {
    # family: {style: file}. Loaded into a document only when its text needs them.
    "NotoArabic": {
        "": FONT_DIR / "NotoSansArabic-Regular.ttf",
        "B": FONT_DIR / "NotoSansArabic-Bold.ttf",
    },
    "NotoEthiopic": {
        "": FONT_DIR / "NotoSansEthiopic-Regular.ttf",
        "B": FONT_DIR / "NotoSansEthiopic-Bold.ttf",
    },
    "NotoEmoji": {"": FONT_DIR / "NotoEmoji-Regular.ttf"},
}
"""Arabic script (Arabic, Persian, Dari, Pashto, Urdu), Ge'ez (Tigrinya, Amharic)
and emoji, for the characters DejaVu Sans lacks (subsets, see fonts/LICENSE.md)."""

PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
MARGIN_X = 20.0
MARGIN_TOP = 24.0
MARGIN_BOTTOM = 22.0
"""Where the body stops; the footer sits below it."""
HEADER_Y = 11.0
FOOTER_FROM_BOTTOM = 13.0

TITLE_PT = 26.0
HEADING_PT = 16.0
SUBHEADING_PT = 13.0
BODY_PT = 11.0
SMALL_PT = 9.5
TINY_PT = 8.0
LINE_FACTOR = 1.45
"""Line height as a multiple of the type size: airy enough for tired eyes."""

INK: Rgb = (33, 37, 41)
MUTED: Rgb = (94, 104, 114)
HEADING: Rgb = (22, 58, 89)
ACCENT: Rgb = (30, 112, 120)
RULE: Rgb = (214, 220, 226)
ROW_FILL: Rgb = (244, 247, 249)
HEAD_FILL: Rgb = (228, 236, 241)
CHANGE_FILL: Rgb = (255, 246, 228)
CHANGE_HEAD: Rgb = (156, 96, 10)
WHITE: Rgb = (255, 255, 255)
NOT_ASSESSED_FILL: Rgb = (236, 239, 241)
NOT_ASSESSED_LINE: Rgb = (120, 134, 145)
HIDDEN_FILL: Rgb = (246, 247, 248)
RING: Rgb = (205, 211, 217)

PAGES_ALIAS = "{hjulet:nb}"
"""Replaced by the page count when the file is written; unlike fpdf's default
``{nb}`` nobody types it in a plan."""


def points_to_mm(points: float) -> float:
    return points * 25.4 / 72


def line_height(points: float) -> float:
    return points_to_mm(points) * LINE_FACTOR


def hex_rgb(colour: str) -> Rgb:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def tint(colour: Rgb, share_white: float) -> Rgb:
    """Mix ``colour`` with white: 0 keeps it, 1 is white."""
    r, g, b = colour
    return (
        round(r + (255 - r) * share_white),
        round(g + (255 - g) * share_white),
        round(b + (255 - b) * share_white),
    )


def shade(colour: Rgb, share_black: float) -> Rgb:
    r, g, b = colour
    keep = 1 - share_black
    return round(r * keep), round(g * keep), round(b * keep)
