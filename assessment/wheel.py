"""Wheel geometry shared by the app's chart and the PDF, so both draw the same wheel.

Angles are in degrees, 0 at twelve o'clock, growing clockwise. Each area is a
slice; inside it each voice (child, guardians, professional) has its own thin
wedge whose length is the rating as a share of the scale, so the voices are
never blended into one number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assessment.model import DECLINED, NOT_ASSESSED, Voice, VoiceRatings
from assessment.template import WheelTemplate

WedgeState = Literal["rated", "not_assessed", "declined", "missing"]
VOICES: tuple[Voice, ...] = (Voice.CHILD, Voice.GUARDIANS, Voice.PROFESSIONAL)
INNER = 0.12
"""Share of the radius left empty in the middle, so tiny ratings stay visible."""


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


def point(cx: float, cy: float, radius: float, degrees: float) -> tuple[float, float]:
    """A point on screen/page coordinates (y grows downwards)."""
    rad = math.radians(degrees)
    return cx + radius * math.sin(rad), cy - radius * math.cos(rad)


def wedge_outline(
    wedge: Wedge, cx: float, cy: float, radius: float, *, max_step_degrees: float = 4.0
) -> list[tuple[float, float]]:
    """The closed polygon of a wedge, arcs approximated by short straight lines."""
    steps = max(2, math.ceil((wedge.end - wedge.start) / max_step_degrees))
    angles = [wedge.start + (wedge.end - wedge.start) * i / steps for i in range(steps + 1)]
    outer = [point(cx, cy, radius * wedge.outer, a) for a in angles]
    inner = [point(cx, cy, radius * INNER, a) for a in reversed(angles)]
    return outer + inner


def label_anchor(
    index: int, count: int, cx: float, cy: float, radius: float
) -> tuple[float, float, float]:
    """Where to put an area's title: (x, y, angle) just outside the rim."""
    start, end = slice_angles(index, count)
    middle = (start + end) / 2
    x, y = point(cx, cy, radius, middle)
    return x, y, middle
