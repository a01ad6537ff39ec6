"""Charts speak through one text alternative, in the user's language (WCAG 1.1.1).

Streamlit's ``alt`` parameter becomes the chart's Vega-Lite ``description``, which Vega
writes as the SVG's ``aria-label`` (and Streamlit uses to name the toolbar buttons). Vega
would also describe every mark and guide by itself, in English and in raw numbers ("theta:
0.26; outer: 125", "Symbol legend titled …"); that is switched off with ``aria: false`` for
guides and for every mark (otherwise each unnamed wedge is an SVG image without a text
alternative to axe): the table beside each chart says the same in words."""

from __future__ import annotations

from typing import Any, TypeVar

import altair as alt

Chart = TypeVar("Chart", alt.Chart, alt.LayerChart)


def quiet_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """A Vega-Lite dict without Vega's own ARIA for marks and guides."""
    config = spec.get("config", {})
    mark = {**config.get("mark", {}), "aria": False}
    return {**spec, "config": {**config, "aria": False, "mark": mark}}


def quiet_chart(chart: Chart) -> Chart:
    """The same for an altair chart (a copy; any configuration it has is kept)."""
    copy = chart.copy(deep=True)
    if copy.config is alt.Undefined:
        copy.config = alt.Config()
    copy.config.aria = False
    mark = copy.config.mark if copy.config.mark is not alt.Undefined else alt.MarkConfig()
    mark.aria = False
    copy.config.mark = mark
    return copy
