"""Start: my cases – search, open/closed, review due, soonest review first."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app.context import cases as all_cases
from app.context import fixed_labels, lang, tr
from app.navigation import open_case, page
from plans import clock
from plans.i18n import format_date
from plans.store import CaseSummary


def _matches(case: CaseSummary, query: str) -> bool:
    if not query:
        return True
    q = query.casefold()
    return any(
        q in value.casefold()
        for value in (case.display_name, case.id, case.named_person, case.team)
    )


def filter_cases(
    cases: list[CaseSummary], query: str, status: str, due_only: bool, today: dt.date
) -> list[CaseSummary]:
    chosen = [
        c
        for c in cases
        if _matches(c, query)
        and (status == "all" or c.status == status)
        and (not due_only or (c.next_review is not None and c.next_review <= today))
    ]
    return sorted(
        chosen,
        key=lambda c: (
            c.next_review is None,
            c.next_review or dt.date.max,
            c.display_name.casefold(),
            c.id,
        ),
    )


def _name(case: CaseSummary) -> str:
    if case.display_name:
        return case.display_name
    band = case.facts.get("age_band")
    kind = tr(f"case.type.{case.type}")
    return f"{kind} ({tr(f'age_band.{band}')})" if band else kind


def render() -> None:
    deep_link = st.query_params.get("case")
    if deep_link:
        open_case(deep_link)
    st.title(tr("start.title"))
    today = clock.today()
    # Statistics-only records from an imported spreadsheet are not cases anyone works on.
    cases = [c for c in all_cases() if not c.facts.get("imported")]
    if not cases:
        st.info(tr("start.empty"))
        st.page_link(page("new_case"), label=tr("start.create_first"), icon=":material/add_circle:")
        return
    cols = st.columns([3, 2, 2], vertical_alignment="bottom")
    query = cols[0].text_input(
        tr("start.search"), key="start_search", placeholder=tr("start.search_placeholder")
    )
    status = cols[1].selectbox(
        tr("start.status"),
        ["open", "closed", "all"],
        key="start_status",
        format_func=fixed_labels(["open", "closed", "all"], lambda s: tr(f"start.status_{s}")),
    )
    due_only = cols[2].checkbox(tr("start.due_only"), key="start_due")
    shown = filter_cases(cases, query, status, due_only, today)
    due_count = sum(
        1 for c in cases if c.status == "open" and c.next_review and c.next_review <= today
    )
    st.caption(tr("start.count", shown=len(shown), total=len(cases), due=due_count))
    if not shown:
        st.info(tr("start.no_match"))
        return
    limit = 500
    frame = pd.DataFrame(
        [
            {
                tr("start.col_name"): _name(c),
                tr("start.col_type"): tr(f"case.type.{c.type}"),
                tr("start.col_next_review"): format_date(c.next_review, lang(), "medium")
                + (f" ({tr('start.due')})" if c.next_review and c.next_review <= today else ""),
                tr("start.col_named_person"): c.named_person,
                tr("start.col_team"): c.team,
                tr("start.col_status"): tr(f"case.status.{c.status}"),
                "id": c.id,
            }
            for c in shown[:limit]
        ]
    )
    event = st.dataframe(
        frame,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="start_table",
        width="stretch",
    )
    if len(shown) > limit:
        st.caption(tr("start.limited", limit=limit))
    rows = event.selection.rows if event and hasattr(event, "selection") else []
    if rows:
        open_case(shown[rows[0]].id)
    # A keyboard- and screen-reader-friendly way to open a case as well.
    with st.form("start_open", border=False):
        cols = st.columns([4, 1], vertical_alignment="bottom")
        labels = {c.id: f"{_name(c)} ({c.id})" for c in shown[:limit]}
        chosen = cols[0].selectbox(
            tr("start.open_label"), list(labels), format_func=labels.__getitem__
        )
        if cols[1].form_submit_button(tr("start.open"), type="primary") and chosen:
            open_case(chosen)


if __name__ == "__main__":
    render()
