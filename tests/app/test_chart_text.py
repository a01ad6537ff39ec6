"""Charts speak through one text alternative in the user's language (issue 12 item 13:
axe ``svg-img-alt``), not through Vega's English ARIA for each mark."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
from streamlit.testing.v1 import AppTest

from app.components.chart_text import quiet_chart, quiet_spec


def test_an_altair_chart_keeps_its_configuration() -> None:
    chart = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q")
    spec = quiet_chart(chart.configure_view(stroke=None)).to_dict()
    assert spec["config"]["aria"] is False and spec["config"]["mark"]["aria"] is False
    assert spec["config"]["view"]["stroke"] is None
    assert "aria" not in chart.to_dict().get("config", {})


def test_a_spec_keeps_its_configuration() -> None:
    spec = quiet_spec({"mark": "arc", "config": {"legend": {"labelFontSize": 12}}})
    assert spec["config"] == {
        "legend": {"labelFontSize": 12},
        "aria": False,
        "mark": {"aria": False},
    }


def _wheel_page() -> None:
    from app.components.wheel_chart import show_wheel
    from assessment.model import VoiceRatings
    from plans.templates import template

    wheel = template("girfec-sv")
    show_wheel(wheel, [("I dag", {wheel.areas[0].id: VoiceRatings()})], "sv")


def test_the_wheel_names_its_areas_and_readings_for_screen_readers() -> None:
    at = AppTest.from_function(_wheel_page).run(timeout=60)
    assert not at.exception
    chart = at.get("vega_lite_chart")[0]
    config = json.loads(chart.proto.spec)["config"]
    assert config["aria"] is False and config["mark"]["aria"] is False
    assert chart.proto.alt.startswith("Välbefinnandehjulet med 8 områden: Trygg, Hälsa")
    assert "I dag" in chart.proto.alt
