"""The wellbeing wheel as an altair chart, and the same information as a table of words.

Built from :func:`assessment.wheel.wheel_wedges` and drawn with the look decided there,
so the app and the PDF draw the same wheel: a family recognises on paper what it saw on
the screen. Each area is a slice in its template colour; inside it the three voices have
their own wedge in the area's colour, in a fixed clockwise order (child, family,
professionals), told apart by lightness, pattern (solid, striped, dotted), the letter
outside the rim, the legend and the tooltip, never by colour alone. A wedge without an
answer reaches the rim as a pale grey, dashed outline (white and dotted when the child
chose not to say), so "not assessed" can never be mistaken for a low rating.

Up to three readings (the first assessment and later reviews) can be compared: the last
one is drawn filled, the earlier ones as dark outlines on top of it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, cast

import altair as alt
import altair.utils.data as alt_data
import pandas as pd
import streamlit as st
from altair.vegalite.v6.api import _dataset_name  # the name altair gives a dataset

from app.components.chart_text import quiet_spec
from app.components.rating import answer_text
from app.components.text import escape
from app.components.wheel_legend import show_legend
from assessment.model import Rating, Voice, VoiceRatings
from assessment.template import WheelTemplate
from assessment.wheel import (
    INNER,
    RING_COLOUR,
    SLICE_LIGHTEN,
    TITLE_DARKEN,
    UNRATED_LOOKS,
    VOICES,
    Wedge,
    darken,
    lighten,
    pattern_bands,
    rating_radius,
    slice_angles,
    wedge_fill,
    wheel_wedges,
)
from plans.i18n import t

Reading = tuple[str, Mapping[str, VoiceRatings]]
"""A name ("Första bedömningen", "Uppföljning 12 mars") and the ratings per area id."""

MAX_READINGS = 3
RADIUS = 125
"""Pixels. The chart needs about 2 × (radius + 110) of width for the area titles."""
LETTER_GAP = 9
"""The voices' letters, this far outside the rim (as the PDF's)."""
LABEL_GAP = 21
"""Titles above and below the wheel clear the letters by this much; titles at the sides
need less (SIDE_LABEL_GAP), which keeps long titles inside narrow columns."""
SIDE_LABEL_GAP = 15
LABEL_WRAP = 12
"""Titles longer than this many characters go on two lines, so they fit beside the wheel."""
NO_ANSWER = ("not_assessed", "missing")
"""Drawn alike: grey with a dashed edge. "declined" has a layer of its own (dotted)."""
OUTLINE_COLOUR = "#1F1F1F"
LETTER_COLOUR = "#5E6872"
"""The PDF's muted grey (plans.pdf.style.MUTED)."""
OUTLINE_DASHES: tuple[list[int], ...] = ([1, 0], [6, 3])
"""Earlier readings: the oldest as a solid line, the next as a dashed one."""


def voice_letter(voice: Voice, lang: str) -> str:
    return t(f"words.voice_letter.{voice.value}", lang)


def voice_name(voice: Voice, lang: str) -> str:
    return t(f"words.voice.{voice.value}", lang)


def _rating_of(wedge: Wedge) -> Rating:
    if wedge.state == "rated":
        return wedge.value
    return None if wedge.state == "missing" else wedge.state


def _check(readings: Sequence[Reading], lang: str) -> None:
    if not 1 <= len(readings) <= MAX_READINGS:
        raise ValueError(t("wheel.too_many_readings", lang, max=MAX_READINGS))


def wedge_frame(
    template: WheelTemplate, readings: Sequence[Reading], lang: str, radius: float = RADIUS
) -> pd.DataFrame:
    """One row per wedge per reading, in pixels and radians, with the answer in words."""
    _check(readings, lang)
    rows: list[dict[str, Any]] = []
    for order, (name, ratings) in enumerate(readings):
        for wedge in wheel_wedges(template, ratings):
            rows.append(
                {
                    "reading": name,
                    "reading_index": order,
                    "area_id": wedge.area_id,
                    "area": template.areas[wedge.area_index].title,
                    "voice": voice_name(wedge.voice, lang),
                    "state": wedge.state,
                    "answer": answer_text(template.scale, _rating_of(wedge), lang),
                    "fill": wedge_fill(wedge),
                    "colour": wedge.colour,
                    "theta": math.radians(wedge.start),
                    "theta2": math.radians(wedge.end),
                    "inner": radius * INNER,
                    "outer": radius * wedge.outer,
                }
            )
    return pd.DataFrame(rows)


def _tooltip(lang: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("area:N", title=t("wheel.area", lang)),
        alt.Tooltip("voice:N", title=t("wheel.voice", lang)),
        alt.Tooltip("answer:N", title=t("wheel.answer", lang)),
        alt.Tooltip("reading:N", title=t("wheel.reading", lang)),
    ]


def _arc(frame: pd.DataFrame, **mark: Any) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_arc(**mark)
        .encode(
            theta=alt.Theta("theta:Q", scale=None),
            theta2="theta2:Q",
            radius=alt.Radius("outer:Q", scale=None),
            radius2="inner:Q",
        )
    )


def pattern_frame(
    template: WheelTemplate, ratings: Mapping[str, VoiceRatings], radius: float = RADIUS
) -> pd.DataFrame:
    """The stripes and dots over the rated wedges of one reading (assessment.wheel)."""
    rows = [
        {
            "theta": math.radians(band.start),
            "theta2": math.radians(band.end),
            "inner": radius * band.inner,
            "outer": radius * band.outer,
            "colour": wedge.colour,
        }
        for wedge in wheel_wedges(template, ratings)
        for band in pattern_bands(wedge)
    ]
    return pd.DataFrame(rows, columns=["theta", "theta2", "inner", "outer", "colour"])


def _rings(template: WheelTemplate, radius: float) -> alt.Chart:
    """Thin circles at each level of the scale, so a wedge's length can be read."""
    top = template.scale.max_value
    radii = [radius * INNER] + [radius * rating_radius(v, top) for v in range(1, top + 1)]
    frame = pd.DataFrame(
        {
            "theta": 0.0,
            "theta2": 2 * math.pi,
            "inner": [r - 0.5 for r in radii],
            "outer": [r + 0.5 for r in radii],
        }
    )
    return _arc(frame, color=RING_COLOUR)


def _wrap(title: str) -> str:
    """Break a long title at the space nearest its middle."""
    if len(title) <= LABEL_WRAP or " " not in title:
        return title
    middle = len(title) // 2
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return title[:cut] + "\n" + title[cut + 1 :]


def _labels(template: WheelTemplate, radius: float) -> alt.LayerChart:
    """Area titles just outside the rim, placed by angle so they follow the wheel's centre
    whatever width the chart gets; right-hand titles grow rightwards, left-hand leftwards."""
    rows = []
    count = len(template.areas)
    for index, area in enumerate(template.areas):
        start, end = slice_angles(index, count)
        middle = (start + end) / 2
        side = math.sin(math.radians(middle))
        align = "left" if side > 0.2 else "right" if side < -0.2 else "center"
        rows.append(
            {
                "theta": math.radians(middle),
                # Only titles well to the side may come closer: nearer the top and the
                # bottom a title would touch the letters.
                "radius": radius + (SIDE_LABEL_GAP if abs(side) > 0.7 else LABEL_GAP),
                "title": _wrap(area.title),
                "align": align,
                "colour": darken(area.colour, TITLE_DARKEN),
            }
        )
    frame = pd.DataFrame(rows)
    layers = [
        alt.Chart(frame[frame["align"] == align])
        .mark_text(align=align, baseline="middle", fontSize=12, fontWeight="bold", lineBreak="\n")
        .encode(
            theta=alt.Theta("theta:Q", scale=None),
            radius=alt.Radius("radius:Q", scale=None),
            text="title:N",
            fill=alt.Fill("colour:N", scale=None, legend=None),
        )
        for align in ("left", "right", "center")
        if (frame["align"] == align).any()
    ]
    return alt.LayerChart(layer=layers)


def _letters(template: WheelTemplate, lang: str, radius: float) -> alt.Chart:
    """The voice's letter outside the rim of each wedge, as in the PDF."""
    rows = [
        {
            "theta": math.radians((wedge.start + wedge.end) / 2),
            "radius": radius + LETTER_GAP,
            "letter": voice_letter(wedge.voice, lang),
        }
        for wedge in wheel_wedges(template, {})
    ]
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_text(align="center", baseline="middle", fontSize=9, fontWeight="bold")
        .encode(
            theta=alt.Theta("theta:Q", scale=None),
            radius=alt.Radius("radius:Q", scale=None),
            text="letter:N",
            fill=alt.value(LETTER_COLOUR),
        )
    )


def _slices(template: WheelTemplate, radius: float) -> alt.Chart:
    """A faint sector in each area's own colour, so its three wedges read as one group."""
    count = len(template.areas)
    rows = []
    for index, area in enumerate(template.areas):
        start, end = slice_angles(index, count)
        rows.append(
            {
                "theta": math.radians(start),
                "theta2": math.radians(end),
                "inner": radius * INNER,
                "outer": radius,
                "colour": lighten(area.colour, SLICE_LIGHTEN),
            }
        )
    return _arc(pd.DataFrame(rows), stroke="white", strokeWidth=2).encode(
        fill=alt.Fill("colour:N", scale=None, legend=None)
    )


def _outlines(
    earlier: Sequence[pd.DataFrame],
    readings: Sequence[Reading],
    lang: str,
    tooltip: list[alt.Tooltip],
) -> list[alt.Chart]:
    """One outline layer per earlier reading, each with its own dash and legend entry.

    Vega-Lite cannot encode strokeDash on arcs, so the dash is a mark property and the
    legend comes from an independent stroke scale per layer that shows the same dash."""
    layers: list[alt.Chart] = []
    for order, ((name, _), rows) in enumerate(zip(readings, earlier, strict=True)):
        if rows.empty:
            continue
        dash = OUTLINE_DASHES[order]
        legend = alt.Legend(
            title=t("wheel.legend_earlier", lang) if not layers else None,
            orient="top",
            symbolType="stroke",
            symbolDash=dash,
            symbolStrokeWidth=2,
        )
        layers.append(
            _arc(rows, fillOpacity=0, strokeWidth=1.8, strokeDash=dash).encode(
                stroke=alt.Stroke(
                    "reading:N",
                    scale=alt.Scale(domain=[name], range=[OUTLINE_COLOUR]),
                    legend=legend,
                ),
                tooltip=tooltip,
            )
        )
    return layers


def wheel_chart(
    template: WheelTemplate,
    readings: Sequence[Reading],
    lang: str,
    *,
    radius: float = RADIUS,
) -> alt.LayerChart:
    """The wheel for 1–3 readings; the last reading is filled, earlier ones are outlines.

    The chart takes its container's width with the wheel in the middle; in a column
    narrower than about 2 × (radius + 110) pixels pass a smaller ``radius`` so the area
    titles fit. Raises ValueError for no readings or more than three."""
    frames = _wedge_frames(template, readings, lang, radius)
    no_answer, declined, rated, patterns, *earlier = frames
    last = len(readings) - 1
    tooltip = _tooltip(lang)
    layers: list[alt.Chart | alt.LayerChart] = [
        _slices(template, radius),
        _rings(template, radius),
    ]
    for rows, state in ((no_answer, "not_assessed"), (declined, "declined")):
        look = UNRATED_LOOKS[state]  # type: ignore[index]
        dash = [look.dash[0] * radius, look.dash[1] * radius]
        layers.append(
            _arc(rows, stroke=look.line, strokeWidth=1, strokeDash=dash, padAngle=0.01).encode(
                fill=alt.Fill("fill:N", scale=None, legend=None), tooltip=tooltip
            )
        )
    layers.append(
        _arc(rated, stroke="white", strokeWidth=1, padAngle=0.01).encode(
            fill=alt.Fill("fill:N", scale=None, legend=None), tooltip=tooltip
        )
    )
    layers.append(_arc(patterns).encode(fill=alt.Fill("colour:N", scale=None, legend=None)))
    layers += _outlines(earlier, readings[:last], lang, tooltip)
    layers.append(_letters(template, lang, radius))
    layers.append(_labels(template, radius))
    chart = alt.layer(
        *layers,
        # The width follows the container and the wheel keeps its size in the middle.
        # fit-x, not Streamlit's default fit: fit would take the earlier readings' legend's
        # room out of the height and push the top of the wheel out of view.
        width="container",
        height=2 * (radius + LABEL_GAP + 12),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    ).resolve_scale(stroke="independent")
    return chart.configure_view(stroke=None).configure_legend(labelFontSize=12, titleFontSize=12)


def wheel_table(template: WheelTemplate, readings: Sequence[Reading], lang: str) -> pd.DataFrame:
    """One row per area; a column per voice (per voice and reading when comparing)."""
    _check(readings, lang)
    several = len(readings) > 1
    rows = []
    for area in template.areas:
        row = {t("wheel.area", lang): area.title}
        for name, ratings in readings:
            area_ratings = ratings.get(area.id) or VoiceRatings()
            for voice in VOICES:
                column = voice_name(voice, lang) + (f" · {name}" if several else "")
                row[column] = answer_text(template.scale, area_ratings.get(voice), lang)
        rows.append(row)
    return pd.DataFrame(rows)


def _wedge_frames(
    template: WheelTemplate, readings: Sequence[Reading], lang: str, radius: float
) -> list[pd.DataFrame]:
    """The frames of the layers that change with the answers, in wheel_chart's order:
    the last reading's unanswered, declined and rated wedges and their patterns, then
    each earlier reading's rated wedges."""
    frame = wedge_frame(template, readings, lang, radius)
    last = len(readings) - 1
    current = frame[frame["reading_index"] == last]
    earlier = frame[(frame["reading_index"] < last) & (frame["state"] == "rated")]
    frames = [
        current[current["state"].isin(NO_ANSWER)],
        current[current["state"] == "declined"],
        current[current["state"] == "rated"],
        pattern_frame(template, readings[last][1], radius),
    ]
    frames += [earlier[earlier["reading_index"] == order] for order in range(last)]
    return frames


def _values(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], alt_data.to_values(frame)["values"])


def _name(values: list[dict[str, Any]]) -> str:
    """The name altair gives these rows, so a swapped spec is the one altair would build."""
    return _dataset_name(cast(Any, values))


@lru_cache(maxsize=32)
def _skeleton(
    template_json: str, readings_json: str, lang: str, radius: float
) -> tuple[str, tuple[str, ...]]:
    """Altair's spec for one set of readings and the dataset names of its answer layers.
    Building it takes 0.1-0.3 s (altair validates as it goes), so a change of answers
    reuses the spec of earlier answers of the same shape and swaps only those datasets."""
    template = WheelTemplate.model_validate_json(template_json)
    readings = _parse_readings(readings_json)
    spec = wheel_chart(template, readings, lang, radius=radius).to_json(indent=None)
    names = tuple(_name(_values(f)) for f in _wedge_frames(template, readings, lang, radius))
    return spec, names


def _parse_readings(readings_json: str) -> list[Reading]:
    return [
        (name, {a: VoiceRatings.model_validate(r) for a, r in ratings.items()})
        for name, ratings in json.loads(readings_json)
    ]


def _shape(frames: list[pd.DataFrame]) -> tuple[bool, ...]:
    """What decides the layers wheel_chart makes besides the template: which are empty."""
    return tuple(f.empty for f in frames)


_SHAPES: dict[tuple[Any, ...], str] = {}
"""(template, language, radius, reading names, layer shape) -> readings_json of a skeleton."""


@lru_cache(maxsize=32)
def _cached_spec(template_json: str, readings_json: str, lang: str, radius: float) -> str:
    """The spec for exactly these answers (typing elsewhere reruns the page with the same)."""
    template = WheelTemplate.model_validate_json(template_json)
    readings = _parse_readings(readings_json)
    frames = _wedge_frames(template, readings, lang, radius)
    shape = (template_json, lang, radius, tuple(n for n, _ in readings), _shape(frames))
    if len(_SHAPES) > 256:  # a bound, like the lru_cache's
        _SHAPES.clear()
    known = _SHAPES.get(shape)
    if known is None:
        _SHAPES[shape] = readings_json
        return _skeleton(template_json, readings_json, lang, radius)[0]
    skeleton, old_names = _skeleton(template_json, known, lang, radius)
    values = [_values(f) for f in frames]
    new_names = [_name(v) for v in values]
    spec = json.loads(skeleton)
    static = [n for n in spec.get("datasets", {}) if n not in old_names]
    if len(set(old_names)) != len(old_names) or len(set(new_names) | set(static)) != len(
        new_names
    ) + len(static):
        # Two layers with the same data share one dataset: swap nothing, build afresh.
        return wheel_chart(template, readings, lang, radius=radius).to_json(indent=None)
    rename = dict(zip(old_names, new_names, strict=True))
    fresh = dict(zip(new_names, values, strict=True))
    spec["datasets"] = {
        rename.get(name, name): fresh.get(rename.get(name, name), rows)
        for name, rows in spec["datasets"].items()
    }
    _rename_data(spec, rename)
    return json.dumps(spec, sort_keys=True)  # as altair's to_json(indent=None) writes it


def _rename_data(node: Any, rename: dict[str, str]) -> None:
    if isinstance(node, dict):
        data = node.get("data")
        if isinstance(data, dict) and data.get("name") in rename:
            data["name"] = rename[data["name"]]
        for value in node.values():
            _rename_data(value, rename)
    elif isinstance(node, list):
        for value in node:
            _rename_data(value, rename)


def wheel_spec(
    template: WheelTemplate, readings: Sequence[Reading], lang: str, *, radius: float = RADIUS
) -> dict[str, Any]:
    """The chart as a Vega-Lite dict, remembered per template, readings and language.

    Building the altair chart takes about 0.1 s; typing in any field reruns the page, so
    the wheel is only rebuilt when an answer actually changed, and then by swapping the
    answers into a spec built before (see _skeleton), not by altair again."""
    readings_json = json.dumps(
        [
            (name, {a: r.model_dump(mode="json") for a, r in ratings.items()})
            for name, ratings in readings
        ],
        sort_keys=True,
    )
    spec: dict[str, Any] = json.loads(
        _cached_spec(template.model_dump_json(), readings_json, lang, radius)
    )
    return spec


def wheel_description(template: WheelTemplate, readings: Sequence[Reading], lang: str) -> str:
    """What the wheel shows, for screen readers: its areas and which readings."""
    return t(
        "wheel.description",
        lang,
        count=len(template.areas),
        areas=", ".join(area.title for area in template.areas),
        readings=", ".join(name for name, _ in readings),
    )


def show_wheel(
    template: WheelTemplate,
    readings: Sequence[Reading],
    lang: str,
    *,
    key: str | None = None,
    table_expanded: bool = False,
    radius: float = RADIUS,
) -> None:
    """The chart, how to read it, and the table that says the same in words."""
    st.vega_lite_chart(
        spec=quiet_spec(wheel_spec(template, readings, lang, radius=radius)),
        alt=wheel_description(template, readings, lang),
        key=key,
        width="stretch",
    )
    show_legend(template, lang, filled=readings[-1][0] if len(readings) > 1 else None)
    table = wheel_table(template, readings, lang)
    with st.expander(t("wheel.table_caption", lang), expanded=table_expanded):
        # st.table reads cells as markdown; area titles come from a template file.
        st.table(
            table.map(escape).rename(columns=escape),
            hide_index=True,
            alt=t("wheel.table_caption", lang),
        )
