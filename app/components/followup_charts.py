"""Altair charts of the term report: the two rates against their targets, and the counts.

Drawn from :meth:`plans.followup.report.Report.chart_data`. A masked value (``"<5"`` or
``"x"``) has no height to draw: instead of a bar, its table text stands on the baseline,
so a missing bar is never read as zero. Every bar carries its number as text and in a
tooltip, the counts' legend names each colour, and the page shows the same numbers in a
table – colour is never the only way to tell things apart.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from app.components.chart_text import quiet_chart
from plans.followup.counts import HEADLINE
from plans.followup.report import TARGETS, Report
from plans.i18n import t

# Okabe–Ito colours: told apart with the common colour-vision deficiencies.
COUNT_COLOURS: dict[str, str] = {
    "raised_total": "#0072B2",
    "raised_with_consent": "#009E73",
    "raised_anonymous": "#E69F00",
    "coordinated_plans": "#CC79A7",
    "childs_plans": "#56B4E9",
}
RATE_COLOUR = "#00695C"
TARGET_COLOUR = "#B3261E"
HEIGHT = 260
MAX_LABELLED_PERIODS = 6
"""With more periods (months) the numbers on the bars would overlap: tooltips and the
table carry them instead."""
MAX_LISTED_HIDDEN = 8


def _frame(report: Report, lang: str) -> pd.DataFrame:
    data = report.chart_data(lang)
    data["label"] = [_measure_label(m, lang) for m in data["measure"]]
    masked = data["value"].isna()
    # Masked and undefined values stand as text on the baseline, where a bar would start.
    data["text_y"] = data["value"].where(~masked, 0.0)
    pairs = zip(data["shown"], data["measure"], strict=True)
    data["shown_text"] = [_shown(shown, measure, lang) for shown, measure in pairs]
    return data


def _measure_label(measure: str, lang: str) -> str:
    return t(f"followup_app.measure.{measure}", lang)


def _shown(shown: str, measure: str, lang: str) -> str:
    """The text for a bar: the table's own text, with % for rates, '–' for no rate."""
    if shown == "":
        return t("followup_app.no_rate", lang)
    if measure in TARGETS and shown not in ("x", "<5"):
        return f"{_decimal(float(shown), lang)} %"
    return shown


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "sv" else text


def rate_chart(report: Report, measure: str, lang: str) -> alt.LayerChart:
    """Bars per period for one rate, a dashed target line with its value written on it."""
    data = _frame(report, lang)
    data = data[data["measure"] == measure]
    target = TARGETS[measure]
    period_title = t("followup_app.chart.period", lang)
    percent_title = t("followup_app.chart.percent", lang)
    x = alt.X("period:N", title=period_title, sort=report.labels(lang), axis=alt.Axis(labelAngle=0))
    tooltip = [
        alt.Tooltip("period:N", title=period_title),
        alt.Tooltip("shown_text:N", title=_measure_label(measure, lang)),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(color=RATE_COLOUR, opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=percent_title, scale=alt.Scale(domain=[0, 100])),
            tooltip=tooltip,
        )
    )
    layers: list[alt.Chart] = [bars]
    if len(report.periods) <= MAX_LABELLED_PERIODS:
        layers.append(
            alt.Chart(data)
            .mark_text(dy=-7, fontSize=12, color="#1F1F1F")
            .encode(x=x, y="text_y:Q", text="shown_text:N", tooltip=tooltip)
        )
    target_label = t("followup_app.chart.target", lang, target=f"{target:g}")
    goal = pd.DataFrame({"target": [target], "label": [target_label]})
    rule = (
        alt.Chart(goal)
        .mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], size=2)
        .encode(y="target:Q", tooltip=alt.Tooltip("label:N", title=percent_title))
    )
    # The words sit at the right end of the line; a white halo keeps them readable
    # where they cross a bar.
    words = alt.Chart(goal).encode(y="target:Q", text="label:N")
    text_style: dict[str, Any] = {
        "align": "right",
        "dy": -9,
        "x": alt.expr("width"),
        "fontWeight": "bold",
    }
    halo = words.mark_text(stroke="white", strokeWidth=4, **text_style)
    rule_text = words.mark_text(color=TARGET_COLOUR, **text_style)
    return alt.LayerChart(
        layer=[*layers, rule, halo, rule_text],
        height=HEIGHT,
        title=t(f"followup.row.{measure}", lang, target=f"{target:g}"),
    )


def counts_chart(report: Report, lang: str) -> alt.LayerChart:
    """Grouped bars per period: raised, with consent, anonymous, SIP, child's plans."""
    data = _frame(report, lang)
    data = data[data["measure"].isin(HEADLINE)]
    order = [_measure_label(m, lang) for m in HEADLINE]
    period_title = t("followup_app.chart.period", lang)
    count_title = t("followup_app.chart.children", lang)
    x = alt.X("period:N", title=period_title, sort=report.labels(lang), axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("label:N", sort=order)
    colour = alt.Color(
        "label:N",
        title=None,
        sort=order,
        scale=alt.Scale(domain=order, range=[COUNT_COLOURS[m] for m in HEADLINE]),
        legend=alt.Legend(orient="top", columns=3, labelLimit=320),
    )
    tooltip = [
        alt.Tooltip("period:N", title=period_title),
        alt.Tooltip("label:N", title=t("followup_app.chart.what", lang)),
        alt.Tooltip("shown_text:N", title=count_title),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            xOffset=offset,
            y=alt.Y("value:Q", title=count_title),
            color=colour,
            tooltip=tooltip,
        )
    )
    layers: list[alt.Chart] = [bars]
    if len(report.periods) <= MAX_LABELLED_PERIODS:
        layers.append(
            alt.Chart(data)
            .mark_text(dy=-7, fontSize=11, color="#1F1F1F")
            .encode(x=x, xOffset=offset, y="text_y:Q", text="shown_text:N", tooltip=tooltip)
        )
    return alt.LayerChart(
        layer=layers, height=HEIGHT + 60, title=t("followup_app.chart.counts_title", lang)
    )


def hidden_values(report: Report, lang: str) -> list[str]:
    """'2026-HT: Share with consent (x)' for every value the charts cannot draw."""
    data = report.chart_data(lang)
    missing = data[data["value"].isna() & data["shown"].isin(["<5", "x"])]
    return [
        f"{row.period}: {_measure_label(str(row.measure), lang)} ({row.shown})"
        for row in missing.itertuples()
    ]


def show_charts(report: Report, lang: str) -> None:
    """The two rate charts side by side, the counts below, and what could not be drawn."""
    left, right = st.columns(2)
    for column, measure in ((left, "consent_rate"), (right, "coordinated_plan_rate")):
        text = t("followup_app.chart.rate_alt", lang, target=f"{TARGETS[measure]:g}")
        with column:
            st.altair_chart(
                quiet_chart(rate_chart(report, measure, lang)),
                width="stretch",
                alt=text,
            )
    text = t("followup_app.chart.counts_alt", lang)
    st.altair_chart(quiet_chart(counts_chart(report, lang)), width="stretch", alt=text)
    hidden = hidden_values(report, lang)
    if len(hidden) > MAX_LISTED_HIDDEN:
        st.caption(t("followup_app.chart.not_drawn_many", lang, count=len(hidden)))
    elif hidden:
        st.caption(t("followup_app.chart.not_drawn", lang, items="; ".join(hidden)))
    elif len(report.periods) > MAX_LABELLED_PERIODS:
        st.caption(t("followup_app.chart.numbers_in_table", lang))
