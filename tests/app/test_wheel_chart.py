"""The wheel chart and its table: voices apart, "not assessed" clearly different."""

from __future__ import annotations

from typing import Any

import pytest

from app.components.wheel_chart import Reading, wheel_chart, wheel_table
from assessment.model import VoiceRatings
from assessment.wheel import UNRATED_LOOKS
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
    # Dashed, grey and reaching the rim: a different look, not just another colour.
    assert unrated_layer["mark"].get("strokeDash")
    assert {r["fill"] for r in unrated_rows} == {UNRATED_LOOKS["not_assessed"].fill}
    assert not rated_layer["mark"].get("strokeDash")
    assert {r["outer"] for r in unrated_rows} == {
        max(r["outer"] for r in rated_rows + unrated_rows)
    }
    assert {r["answer"] for r in unrated_rows} == {"Inte bedömt"}


def test_voices_are_named_in_the_tooltip_and_by_their_letter() -> None:
    spec = wheel_chart(GIRFEC, [("Nu", ALL_RATED)], "en").to_dict()
    ((rated_layer, rows),) = _wedge_layers(spec)["rated"]
    assert "Voice" in [tip["title"] for tip in rated_layer["encoding"]["tooltip"]]
    safe = [r for r in rows if r["area_id"] == "safe"]
    # Clockwise within the slice: child, family, professionals; each has its own wedge.
    assert [r["voice"] for r in sorted(safe, key=lambda r: r["theta"])] == [
        "The child",
        "The family",
        "Professionals",
    ]
    assert [r["answer"] for r in sorted(safe, key=lambda r: r["theta"])] == [
        "4 – Ganska bra",
        "3 – Både och",
        "2 – Ganska svårt",
    ]
    letters = [r["letter"] for layer in _layers(spec) for r in _rows(spec, layer) if "letter" in r]
    assert letters == ["C", "F", "P"] * len(GIRFEC.areas)


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
    assert list(table.columns) == ["Område", "Barnet", "Familjen", "Personalen"]
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


# -- one look in the app and on paper (issue 12 item 7) --------------------------------


def _pdf_fills(monkeypatch: pytest.MonkeyPatch, lang: str) -> tuple[set[str], str]:
    """Every fill colour the family PDF's wheel page is drawn with, and the page's text."""
    import io

    from pypdf import PdfReader

    from plans.pdf.document import PlanDocument
    from plans.pdf.render import render_pdf
    from plans.planview import view_from_documents
    from plans.planview.samples import sample_documents

    fills: set[str] = set()
    original = PlanDocument.set_fill_color

    def record(self: PlanDocument, *rgb: Any) -> None:
        if len(rgb) == 3 and all(isinstance(c, int) for c in rgb):
            fills.add("#{:02X}{:02X}{:02X}".format(*rgb))
        original(self, *rgb)

    monkeypatch.setattr(PlanDocument, "set_fill_color", record)
    view = view_from_documents(sample_documents(), "family", lang)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(view))).pages)
    return fills, " ".join(text.split())


def _sample_ratings(lang: str) -> dict[str, VoiceRatings]:
    from plans.planview import view_from_documents
    from plans.planview.samples import sample_documents

    view = view_from_documents(sample_documents(), "family", lang)
    assert view.wheel is not None
    return view.wheel.ratings()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_app_and_the_pdf_colour_every_wedge_alike(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A wedge is its area's colour, lightened for its voice, on screen as on paper; the
    stripes and dots are in the area's colour in both."""
    ratings = _sample_ratings(lang)
    spec = wheel_chart(GIRFEC, [("Nu", ratings)], lang).to_dict()
    screen: set[str] = set()
    for layer in _layers(spec):
        for row in _rows(spec, layer):
            if row.get("state") == "rated":
                screen.add(str(row["fill"]).upper())
            elif "colour" in row and "theta2" in row and "state" not in row and row["outer"] < 125:
                screen.add(str(row["colour"]).upper())  # a stripe or a dot
    paper, _ = _pdf_fills(monkeypatch, lang)
    assert len(screen) > 3 * 2
    assert screen - paper == set()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_app_and_the_pdf_explain_the_wheel_in_the_same_words(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    import html

    from app.components.wheel_legend import legend_html
    from plans.i18n import t
    from plans.planview import view_from_documents
    from plans.planview.samples import sample_documents

    wheel = view_from_documents(sample_documents(), "family", lang).wheel
    assert wheel is not None
    legend = html.unescape(legend_html(wheel.template, lang))
    _, paper = _pdf_fills(monkeypatch, lang)
    # The chart has no legend of its own that could say something else (a colour per voice).
    spec = wheel_chart(wheel.template, [("Nu", wheel.ratings())], lang).to_dict()
    assert [layer for layer in _layers(spec) if "color" in layer.get("encoding", {})] == []
    letters = [t(f"words.voice_letter.{v}", lang) for v in ("child", "guardians", "professional")]
    names = [t(f"words.voice.{v}", lang) for v in ("child", "guardians", "professional")]
    for letter, name in zip(letters, names, strict=True):
        assert f"{letter}  {name}" in legend
        assert f"{letter} {name}" in paper
    for words in (wheel.template.scale.not_assessed_label, t("words.answer.declined", lang)):
        assert words in legend and words in paper
