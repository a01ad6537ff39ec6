"""The wheel chart and its table: voices apart, "not assessed" clearly different."""

from __future__ import annotations

from typing import Any

import pytest

from app.components.wheel_chart import Reading, wheel_chart, wheel_table
from assessment.model import VoiceRatings
from plans.templates import template

GIRFEC = template("girfec-sv")
ALL_RATED = {a: VoiceRatings(child=4, guardians=3, professional=2) for a in GIRFEC.area_ids()}


def _with_safe_not_assessed() -> dict[str, VoiceRatings]:
    ratings = dict(ALL_RATED)
    ratings["safe"] = VoiceRatings(
        child="not_assessed", guardians="not_assessed", professional="not_assessed"
    )
    return ratings


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for layer in spec.get("layer", []):
        found += _layers(layer) if "layer" in layer else [layer]
    return found


def _rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["datasets"][layer["data"]["name"]]


def _wedge_layers(spec: dict[str, Any]) -> dict[str, list[tuple[dict[str, Any], list]]]:
    """Layers that draw wedges, by the states of the wedges they draw."""
    by_state: dict[str, list[tuple[dict[str, Any], list]]] = {}
    for layer in _layers(spec):
        rows = _rows(spec, layer)
        for state in {str(r["state"]) for r in rows if r.get("state")}:
            by_state.setdefault(state, []).append((layer, rows))
    return by_state


def test_not_assessed_areas_get_their_own_distinct_marks() -> None:
    spec = wheel_chart(GIRFEC, [("Nu", _with_safe_not_assessed())], "sv").to_dict()
    layers = _wedge_layers(spec)
    ((unrated_layer, unrated_rows),) = layers["not_assessed"]
    ((rated_layer, rated_rows),) = layers["rated"]
    assert unrated_layer is not rated_layer
    assert {r["area_id"] for r in unrated_rows} == {"safe"}
    assert len(unrated_rows) == 3  # one wedge per voice
    assert len(rated_rows) == 7 * 3
    # Dotted, pale and reaching the rim: a different look, not just another colour.
    assert unrated_layer["mark"].get("strokeDash")
    assert unrated_layer["mark"]["fillOpacity"] < 1
    assert not rated_layer["mark"].get("strokeDash")
    assert {r["outer"] for r in unrated_rows} == {
        max(r["outer"] for r in rated_rows + unrated_rows)
    }
    assert {r["answer"] for r in unrated_rows} == {"Inte bedömt"}


def test_voices_are_named_in_the_legend_and_tooltip() -> None:
    spec = wheel_chart(GIRFEC, [("Nu", ALL_RATED)], "en").to_dict()
    ((rated_layer, rows),) = _wedge_layers(spec)["rated"]
    colour = rated_layer["encoding"]["color"]
    assert colour["scale"]["domain"][:3] == ["The child", "The guardians", "Professionals"]
    assert "Voice" in [tip["title"] for tip in rated_layer["encoding"]["tooltip"]]
    safe = [r for r in rows if r["area_id"] == "safe"]
    # Clockwise within the slice: child, guardians, professional; each has its own wedge.
    assert [r["voice"] for r in sorted(safe, key=lambda r: r["theta"])] == [
        "The child",
        "The guardians",
        "Professionals",
    ]
    assert [r["answer"] for r in sorted(safe, key=lambda r: r["theta"])] == [
        "4 – Ganska bra",
        "3 – Både och",
        "2 – Ganska svårt",
    ]


def test_earlier_readings_are_drawn_as_outlines_over_the_last() -> None:
    first = {a: VoiceRatings(professional=1) for a in GIRFEC.area_ids()}
    second = {a: VoiceRatings(professional=2) for a in GIRFEC.area_ids()}
    readings: list[Reading] = [("Mars", first), ("Juni", second), ("Nu", ALL_RATED)]
    spec = wheel_chart(GIRFEC, readings, "sv").to_dict()
    outlines = [layer for layer in _layers(spec) if layer["mark"].get("fillOpacity") == 0]
    assert [{r["reading"] for r in _rows(spec, layer)} for layer in outlines] == [
        {"Mars"},
        {"Juni"},
    ]
    # Each earlier reading has its own dash, in the chart and in its legend entry.
    dashes = [layer["mark"]["strokeDash"] for layer in outlines]
    assert dashes[0] != dashes[1]
    assert [layer["encoding"]["stroke"]["legend"]["symbolDash"] for layer in outlines] == dashes
    filled = {
        r["reading"]
        for layer, rows in _wedge_layers(spec)["rated"]
        if layer["mark"].get("fillOpacity") != 0
        for r in rows
    }
    assert filled == {"Nu"}


def test_at_most_three_readings() -> None:
    with pytest.raises(ValueError):
        wheel_chart(GIRFEC, [("Nu", ALL_RATED)] * 4, "sv")
    with pytest.raises(ValueError):
        wheel_table(GIRFEC, [], "sv")


def test_table_has_one_row_per_area_in_words() -> None:
    ratings = _with_safe_not_assessed()
    ratings["healthy"] = VoiceRatings(child="declined", guardians=5)
    table = wheel_table(GIRFEC, [("Nu", ratings)], "sv")
    assert list(table.columns) == ["Område", "Barnet", "Vårdnadshavarna", "Professionella"]
    assert len(table) == len(GIRFEC.areas)
    assert list(table["Område"]) == [a.title for a in GIRFEC.areas]
    assert table.iloc[0].tolist() == ["Trygg", "Inte bedömt", "Inte bedömt", "Inte bedömt"]
    assert table.iloc[1].tolist() == ["Hälsa", "Vill inte säga", "5 – Mycket bra", "Inget svar än"]


def test_table_compares_readings_side_by_side() -> None:
    table = wheel_table(GIRFEC, [("Mars", {}), ("Nu", ALL_RATED)], "en")
    assert len(table) == len(GIRFEC.areas)
    assert "The child · Mars" in table.columns
    assert table.loc[0, "The child · Mars"] == "No answer yet"
    assert table.loc[0, "The child · Nu"] == "4 – Ganska bra"


def test_the_remembered_spec_is_altairs_for_every_change_of_answers() -> None:
    """wheel_spec swaps the answers into a spec built for earlier answers of the same
    shape (issue 15: a rating click should not wait for altair); the result must be
    exactly the spec altair builds for the new answers."""
    import json
    import random

    from app.components.wheel_chart import wheel_spec

    rng = random.Random(15)
    answers: list[Any] = [None, 1, 2, 3, 4, "not_assessed"]
    for _ in range(12):
        readings: list[Reading] = []
        for index in range(rng.choice([1, 1, 2, 3])):
            ratings = {
                a: VoiceRatings(
                    child=rng.choice([*answers, "declined"]),
                    guardians=rng.choice(answers),
                    professional=rng.choice(answers),
                )
                for a in GIRFEC.area_ids()
                if rng.random() < 0.7
            }
            readings.append((f"reading {index}", ratings))
        for lang in ("sv", "en"):
            built = json.loads(wheel_chart(GIRFEC, readings, lang).to_json(indent=None))
            assert wheel_spec(GIRFEC, readings, lang) == built
