"""Start: my caseload – what needs doing in my cases, the most urgent first; search,
filter and sort; my reminders; closed cases on request."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app.caseload import my_names, my_reminders, rows
from app.components.text import escape
from app.context import cases as visible_cases
from app.context import fixed_labels, lang, tr
from app.navigation import open_case, page
from plans import clock
from plans.caseload.mine import my_parts
from plans.caseload.rows import CaseloadRow, caseload_of
from plans.caseload.signals import SignalKind
from plans.caseload.words import kind_label, signal_text
from plans.i18n import format_date, format_number, tn
from plans.settings import get_settings
from plans.store import CaseSummary

SCOPES = ("mine", "all", "closed")
SORTS = ("urgency", "review", "name")
PAGE_SIZE = 50
"""Rows per page of the list. Each row is formatted for the screen and sent to the browser
on every rerun: 500 rows were 189 KB and most of the page's time at 10,000 cases."""
PAGE_KEY = "start_page"
_WIDEST = 360
"""Pixels: a column fitted to its values never grows past this."""


def _matches(case: CaseSummary, query: str) -> bool:
    if not query:
        return True
    q = query.casefold()
    return any(
        q in value.casefold()
        for value in (case.display_name, case.id, case.named_person, case.team)
    )


def filter_rows(
    found: list[CaseloadRow],
    query: str,
    *,
    due_only: bool,
    attention_only: bool,
    kinds: list[str],
    sort: str,
    today: dt.date,
) -> list[CaseloadRow]:
    chosen = [
        r
        for r in found
        if _matches(r.case, query)
        and (not due_only or r.case.review_due(today))
        and (not attention_only or r.signals)
        and (not kinds or any(s.kind.value in kinds for s in r.signals))
    ]
    if sort == "review":
        chosen.sort(
            key=lambda r: (
                r.case.next_review is None,
                r.case.next_review or dt.date.max,
                r.case.display_name.casefold(),
            )
        )
    elif sort == "name":
        chosen.sort(key=lambda r: (r.case.display_name.casefold(), r.case.id))
    return chosen  # "urgency": the order the caseload comes in


def _name(case: CaseSummary) -> str:
    if case.display_name:
        return case.display_name
    band = case.facts.get("age_band")
    kind = tr(f"case.type.{case.type}")
    return f"{kind} ({tr(f'age_band.{band}')})" if band else kind


def _todo(row: CaseloadRow, today: dt.date, weeks: int) -> str:
    return " · ".join(
        signal_text(s, today, lang(), stalled_weeks=weeks) for s in row.signals[:4]
    ) + (" …" if len(row.signals) > 4 else "")


def _parts(row: CaseloadRow, names: frozenset[str]) -> str:
    return ", ".join(tr(f"caseload.role_{p}") for p in my_parts(caseload_of(row.case), names))


def _fit_width(column: pd.Series) -> int:
    """Pixels for a column to show its longest value whole. The grid sizes a column by its
    first rows only, so "Anonymous consultation" further down was cut to "Anonymous
    consultat…". About 7.5 px a character at the grid's 14 px font, plus the padding."""
    longest = max((len(str(v)) for v in [column.name, *column]), default=0)
    return min(_WIDEST, round(24 + 7.5 * longest))


def _reminders(today: dt.date, weeks: int, visible: list[CaseSummary]) -> None:
    mine = my_reminders()
    # Open when there is a little to do: on a Monday it is the first thing to read.
    with st.expander(tr("caseload.my_reminders", count=len(mine)), expanded=0 < len(mine) <= 10):
        if not mine:
            st.caption(tr("caseload.no_reminders"))
            return
        wanted = {reminder.case_id for reminder in mine[:100]}
        names = {c.id: _name(c) for c in visible if c.id in wanted}
        for reminder in mine[:100]:
            text = signal_text(reminder.signal, today, lang(), stalled_weeks=weeks)
            st.markdown(
                f"- **{escape(names.get(reminder.case_id, reminder.case_id))}**: {escape(text)}"
            )


def _page_of(shown: list[CaseloadRow], filters: tuple[object, ...]) -> list[CaseloadRow]:
    """The rows of the page being looked at; a new search or filter starts at page one."""
    if st.session_state.get(f"{PAGE_KEY}::filters") != filters:
        st.session_state[f"{PAGE_KEY}::filters"] = filters
        st.session_state[PAGE_KEY] = 0
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page_index = min(max(0, int(st.session_state.get(PAGE_KEY, 0))), pages - 1)
    st.session_state[PAGE_KEY] = page_index
    return shown[page_index * PAGE_SIZE : (page_index + 1) * PAGE_SIZE]


def _turn(delta: int) -> None:
    st.session_state[PAGE_KEY] = int(st.session_state.get(PAGE_KEY, 0)) + delta


def _pager(total: int) -> None:
    """Which rows are shown, and the previous and next page (only when there are more)."""
    if total <= PAGE_SIZE:
        return
    first = int(st.session_state.get(PAGE_KEY, 0)) * PAGE_SIZE
    last = min(total, first + PAGE_SIZE)
    cols = st.columns([4, 1, 1], vertical_alignment="center")
    cols[0].caption(
        tr(
            "start.page_of",
            first=format_number(first + 1, lang()),
            last=format_number(last, lang()),
            total=format_number(total, lang()),
        )
    )
    cols[1].button(
        tr("start.page_previous"),
        key="start_page_previous",
        icon=":material/chevron_left:",
        disabled=first == 0,
        on_click=_turn,
        args=(-1,),
        width="stretch",
    )
    cols[2].button(
        tr("start.page_next"),
        key="start_page_next",
        icon=":material/chevron_right:",
        disabled=last >= total,
        on_click=_turn,
        args=(1,),
        width="stretch",
    )


def render() -> None:
    deep_link = st.query_params.get("case")
    if deep_link:
        open_case(deep_link, st.query_params.get("step"))
    st.title(tr("start.title"))
    today = clock.today()
    weeks = get_settings().stalled_weeks
    visible = visible_cases()  # once per run
    if not any(not c.facts.get("imported") for c in visible):
        st.info(tr("start.empty"))
        st.page_link(page("new_case"), label=tr("start.create_first"), icon=":material/add_circle:")
        return
    names = my_names()
    if not names:
        st.info(tr("caseload.no_name"))
    else:
        _reminders(today, weeks, visible)
    cols = st.columns([3, 2, 2], vertical_alignment="bottom")
    query = cols[0].text_input(
        tr("start.search"), key="start_search", placeholder=tr("start.search_placeholder")
    )
    scopes = list(SCOPES if names else SCOPES[1:])
    scope = cols[1].selectbox(
        tr("caseload.scope"),
        scopes,
        key="start_scope",
        format_func=fixed_labels(scopes, lambda s: tr(f"caseload.scope_{s}")),
        placeholder=tr("common.choose"),
    )
    sort = cols[2].selectbox(
        tr("caseload.sort"),
        SORTS,
        key="start_sort",
        format_func=fixed_labels(SORTS, lambda s: tr(f"caseload.sort_{s}")),
        placeholder=tr("common.choose"),
    )
    cols = st.columns([1, 1, 1], vertical_alignment="bottom")
    attention_only = cols[0].checkbox(tr("caseload.attention_only"), key="start_attention")
    due_only = cols[1].checkbox(tr("start.due_only"), key="start_due")
    kinds = [k.value for k in SignalKind]
    chosen_kinds = cols[2].multiselect(
        tr("caseload.kinds"),
        kinds,
        key="start_kinds",
        format_func=fixed_labels(kinds, lambda k: kind_label(SignalKind(k), lang())),
        placeholder=tr("common.choose"),
        select_all=False,  # Streamlit's "Select all" is English only
    )
    found = rows(only_mine=scope == "mine", status="closed" if scope == "closed" else "open")
    shown = filter_rows(
        found,
        query,
        due_only=due_only,
        attention_only=attention_only,
        kinds=chosen_kinds,
        sort=sort,
        today=today,
    )
    attention = sum(1 for r in found if r.signals)
    st.caption(tn("caseload.count", len(found), lang(), attention=attention))
    if not shown:
        if scope == "mine" and not found:
            st.info(tr("caseload.none_mine"))
        elif scope != "closed" and not attention and not query:
            st.success(tr("caseload.nothing"))
        else:
            st.info(tr("start.no_match"))
        return
    page_rows = _page_of(shown, (query, scope, sort, due_only, attention_only, chosen_kinds))
    frame = pd.DataFrame(
        [
            {
                tr("start.col_name"): _name(r.case),
                tr("caseload.col_todo"): _todo(r, today, weeks),
                tr("start.col_next_review"): format_date(r.case.next_review, lang(), "medium")
                + (f" ({tr('start.due')})" if r.case.review_due(today) else ""),
                tr("caseload.col_role"): _parts(r, names),
                tr("start.col_named_person"): r.case.named_person,
                tr("start.col_team"): r.case.team,
                tr("start.col_type"): tr(f"case.type.{r.case.type}"),
                "id": r.case.id,
            }
            for r in page_rows
        ]
    )
    if not names:
        frame = frame.drop(columns=[tr("caseload.col_role")])
    event = st.dataframe(
        frame,
        column_config={
            column: st.column_config.TextColumn(width=_fit_width(frame[column]))
            for column in (tr("start.col_name"), tr("start.col_type"))
        },
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="start_table",
        width="stretch",
    )
    _pager(len(shown))
    selected = event.selection.rows if event and hasattr(event, "selection") else []
    if selected and selected[0] < len(page_rows):
        open_case(page_rows[selected[0]].case.id)
    # A keyboard- and screen-reader-friendly way to open a case as well.
    with st.form("start_open", border=False):
        cols = st.columns([4, 1], vertical_alignment="bottom")
        labels = {r.case.id: f"{_name(r.case)} ({r.case.id})" for r in page_rows}
        chosen = cols[0].selectbox(
            tr("start.open_label"),
            list(labels),
            format_func=labels.__getitem__,
            placeholder=tr("common.choose"),
        )
        if cols[1].form_submit_button(tr("start.open"), type="primary") and chosen:
            open_case(chosen)


if __name__ == "__main__":
    render()
