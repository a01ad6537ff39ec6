"""The wheel's geometry and look, shared by the app's chart and the PDF, so a family
recognises on paper the wheel it saw on the screen (issue 12 item 7).

Angles are in degrees, 0 at twelve o'clock, growing clockwise. Each area is a
slice in the template's colour; inside it each voice (child, guardians, professional)
has its own thin wedge whose length is the rating as a share of the scale, so the
voices are never blended into one number.

The look, decided here once: every wedge has its area's colour (the colour names the
area, as the slice and the title do); the voices are told apart without colour, by
their place (clockwise child, family, professionals), their lightness and their
pattern – the child's wedge solid, the family's striped across, the professionals'
dotted – and a letter outside the rim. A wedge nobody rated reaches the rim, grey with
a dashed edge; one the child chose not to answer is white with a dotted edge.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from assessment.model import DECLINED, NOT_ASSESSED, Voice, VoiceRatings
from assessment.template import WheelTemplate

WedgeState = Literal["rated", "not_assessed", "declined", "missing"]
VOICES: tuple[Voice, ...] = (Voice.CHILD, Voice.GUARDIANS, Voice.PROFESSIONAL)
INNER = 0.12
"""Share of the radius left empty in the middle, so tiny ratings stay visible."""

Pattern = Literal["solid", "stripes", "dots"]


@dataclass(frozen=True)
class VoiceLook:
    lighten: float
    """Share of white mixed into the area's colour: the child's wedge is the darkest."""
    pattern: Pattern


VOICE_LOOKS: dict[Voice, VoiceLook] = {
    Voice.CHILD: VoiceLook(lighten=0.0, pattern="solid"),
    Voice.GUARDIANS: VoiceLook(lighten=0.45, pattern="stripes"),
    Voice.PROFESSIONAL: VoiceLook(lighten=0.7, pattern="dots"),
}


@dataclass(frozen=True)
class UnratedLook:
    fill: str
    line: str
    dash: tuple[float, float]
    """Dash and gap, as shares of the radius."""


UNRATED_LOOKS: dict[WedgeState, UnratedLook] = {
    "not_assessed": UnratedLook(fill="#ECEFF1", line="#788691", dash=(0.03, 0.02)),
    "missing": UnratedLook(fill="#ECEFF1", line="#788691", dash=(0.03, 0.02)),
    "declined": UnratedLook(fill="#FFFFFF", line="#788691", dash=(0.008, 0.024)),
}
SLICE_LIGHTEN = 0.9
"""The faint slice behind an area's wedges: its colour, mostly white."""
TITLE_DARKEN = 0.15
"""Area titles in their area's colour, a little darker so they read as text."""
RING_COLOUR = "#CDD3D9"
"""The circles at each level of the scale."""
LEGEND_COLOUR = "#465A6E"
"""The legend's sample wedges: no area's colour, so they say only which voice."""
LEGEND_ITEMS: tuple[str, ...] = (
    *(v.value for v in (Voice.CHILD, Voice.GUARDIANS, Voice.PROFESSIONAL)),
    "not_assessed",
    "declined",
)
"""What the legend explains, in order: the three voices, then the two ways of no rating."""
STRIPE_STEP = 0.045
STRIPE_WIDTH = 0.011
DOT_STEP = 0.05
DOT_SIZE = 0.022
PATTERN_MARGIN = 0.18
"""Share of a wedge's angle kept free of stripes on each side."""


class Band(NamedTuple):
    """A piece of a ring: from ``start`` to ``end`` degrees, ``inner`` to ``outer`` as
    shares of the radius. Wedges, stripes and dots are all drawn as bands."""

    start: float
    end: float
    inner: float
    outer: float


def _channel(colour: str, index: int) -> int:
    return int(colour.lstrip("#")[2 * index : 2 * index + 2], 16)


def mix(colour: str, towards: str, share: float) -> str:
    """``colour`` moved ``share`` of the way to ``towards`` (``#RRGGBB``)."""
    channels = [
        round(_channel(colour, i) + (_channel(towards, i) - _channel(colour, i)) * share)
        for i in range(3)
    ]
    return "#{:02X}{:02X}{:02X}".format(*channels)


def lighten(colour: str, share: float) -> str:
    return mix(colour, "#FFFFFF", share)


def darken(colour: str, share: float) -> str:
    return mix(colour, "#000000", share)


@dataclass(frozen=True)
class Wedge:
    area_id: str
    area_index: int
    voice: Voice
    start: float
    end: float
    outer: float
    """Share of the radius (INNER..1); not-rated wedges reach the rim as an outline."""
    value: int | None
    state: WedgeState
    colour: str


def wedge_fill(wedge: Wedge) -> str:
    """The wedge's fill colour: its area's colour lightened for the voice, or the look
    of "no rating"."""
    if wedge.state == "rated":
        return lighten(wedge.colour, VOICE_LOOKS[wedge.voice].lighten)
    return UNRATED_LOOKS[wedge.state].fill


def pattern_bands(wedge: Wedge, coarser: float = 1.0) -> list[Band]:
    """The stripes or dots drawn over a rated wedge, in its area's colour. A legend's
    small sample wedge passes ``coarser`` > 1 so its stripes stay as far apart as the
    wheel's."""
    if wedge.state != "rated":
        return []
    pattern = VOICE_LOOKS[wedge.voice].pattern
    bands: list[Band] = []
    if pattern == "stripes":
        step, width = STRIPE_STEP * coarser, STRIPE_WIDTH * coarser
        margin = (wedge.end - wedge.start) * PATTERN_MARGIN
        r = INNER + step
        while r + width < wedge.outer - 0.01:
            bands.append(Band(wedge.start + margin, wedge.end - margin, r, r + width))
            r += step
    elif pattern == "dots":
        step, size = DOT_STEP * coarser, DOT_SIZE * coarser
        middle = (wedge.start + wedge.end) / 2
        r = INNER + step
        while r + size < wedge.outer - 0.01:
            half = math.degrees(size / 2 / (r + size / 2))
            bands.append(Band(middle - half, middle + half, r, r + size))
            r += step
    return bands


def band_outline(
    band: Band, cx: float, cy: float, radius: float, *, max_step_degrees: float = 4.0
) -> list[tuple[float, float]]:
    """The closed polygon of a band, arcs approximated by short straight lines."""
    steps = max(2, math.ceil((band.end - band.start) / max_step_degrees))
    angles = [band.start + (band.end - band.start) * i / steps for i in range(steps + 1)]
    outer = [point(cx, cy, radius * band.outer, a) for a in angles]
    inner = [point(cx, cy, radius * band.inner, a) for a in reversed(angles)]
    return outer + inner


def slice_angles(index: int, count: int) -> tuple[float, float]:
    step = 360.0 / count
    return index * step, (index + 1) * step


def rating_radius(value: int, max_value: int) -> float:
    return INNER + (1.0 - INNER) * value / max_value


def wheel_wedges(template: WheelTemplate, ratings: Mapping[str, VoiceRatings]) -> list[Wedge]:
    wedges: list[Wedge] = []
    count = len(template.areas)
    top = template.scale.max_value
    for index, area in enumerate(template.areas):
        start, end = slice_angles(index, count)
        step = (end - start) / len(VOICES)
        area_ratings = ratings.get(area.id) or VoiceRatings()
        for v_index, voice in enumerate(VOICES):
            raw = area_ratings.get(voice)
            state: WedgeState
            if isinstance(raw, int):
                state, value, outer = "rated", raw, rating_radius(raw, top)
            else:
                state = (
                    "not_assessed"
                    if raw == NOT_ASSESSED
                    else "declined"
                    if raw == DECLINED
                    else "missing"
                )
                value, outer = None, 1.0
            wedges.append(
                Wedge(
                    area_id=area.id,
                    area_index=index,
                    voice=voice,
                    start=start + v_index * step,
                    end=start + (v_index + 1) * step,
                    outer=outer,
                    value=value,
                    state=state,
                    colour=area.colour,
                )
            )
    return wedges


def legend_sample(kind: str) -> Wedge:
    """One sample wedge for the legend, a voice's (``child``, …) or a look of an unrated
    answer (``not_assessed``, ``declined``): the same piece in the app and on paper."""
    voice = next((v for v in VOICES if v.value == kind), VOICES[0])
    rated = any(v.value == kind for v in VOICES)
    return Wedge(
        area_id="",
        area_index=0,
        voice=voice,
        start=-24.0,
        end=24.0,
        outer=1.0,
        value=1 if rated else None,
        state="rated" if rated else kind,  # type: ignore[arg-type]
        colour=LEGEND_COLOUR,
    )


def point(cx: float, cy: float, radius: float, degrees: float) -> tuple[float, float]:
    """A point on screen/page coordinates (y grows downwards)."""
    rad = math.radians(degrees)
    return cx + radius * math.sin(rad), cy - radius * math.cos(rad)


def wedge_outline(
    wedge: Wedge, cx: float, cy: float, radius: float, *, max_step_degrees: float = 4.0
) -> list[tuple[float, float]]:
    """The closed polygon of a wedge, arcs approximated by short straight lines."""
    band = Band(wedge.start, wedge.end, INNER, wedge.outer)
    return band_outline(band, cx, cy, radius, max_step_degrees=max_step_degrees)


def label_anchor(
    index: int, count: int, cx: float, cy: float, radius: float
) -> tuple[float, float, float]:
    """Where to put an area's title: (x, y, angle) just outside the rim."""
    start, end = slice_angles(index, count)
    middle = (start + end) / 2
    x, y = point(cx, cy, radius, middle)
    return x, y, middle
