"""Page – term follow-up (uppföljning): the figures an HLT team reports twice a year.

A period picker, the headline figures against the targets, charts, breakdowns, the
report as CSV and XLSX, and the import of a team's old spreadsheet. Every number comes
from :func:`plans.followup.report.term_report` over the facts in the store's index, so
the page, the CLI and the files always agree. Small counts are masked unless the
person ticks the internal-use box, which is off whenever the page is opened.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from app.components.followup_charts import show_charts
from app.components.text import escape
from app.context import all_cases, fixed_labels, lang, service_context, store, tr
from plans import clock
from plans.followup.counts import (
    BREAKDOWNS,
    HEADLINE,
    MULTI_BREAKDOWNS,
    RESPONDENTS,
    SURVEY_ANSWERS,
    team_key,
)
from plans.followup.exports import report_csv, report_xlsx
from plans.followup.importer import SHOWN_BAD_ROWS, Sheet, SheetError, read_sheet
from plans.followup.labels import (
    answer_label,
    category_label,
    question_label,
    respondent_label,
    row_label,
)
from plans.followup.periods import Grouping
from plans.followup.report import RATES, TARGETS, PeriodResult, Report, term_report
from plans.followup.report_set import SetName, report_set
from plans.i18n import format_date, t
from plans.services.followup_import import import_batch, list_batches, result_line

QUICK = ("this_term", "last_term", "this_year", "last_year", "custom")
MULTI = frozenset(MULTI_BREAKDOWNS)
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

K_QUICK, K_FROM, K_TO = "fu_quick", "fu_from", "fu_to"
K_BY, K_TEAM, K_UNMASKED, K_PERIOD = "fu_by", "fu_team", "fu_unmasked", "fu_period"
K_UPLOAD, K_IMPORT_TEAM, K_SKIP_BAD = "fu_upload", "fu_import_team", "fu_skip_bad"
K_IMPORT_DONE = "fu_import_done"
K_LAYOUT = "fu_layout"
LAYOUTS = ("periods", SetName.VT_HT_YEAR.value, SetName.TEAMS.value)


@dataclass(frozen=True)
class Choice:
    """What the person asked for: the report's arguments."""

    start: dt.date
    end: dt.date
    by: Grouping
    team: str | None
    suppress: bool
    layout: str = "periods"
    """``periods`` (one report), or a report set: ``vt-ht-year`` (the year of ``start``)
    or ``teams`` (every team side by side over the range)."""


# --- pure helpers (tested without a browser) ------------------------------------------


def quick_range(choice: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """Whole terms and years, so the columns are the periods teams report."""
    spring = today.month <= 6
    if choice == "this_term":
        return _term(today.year, spring)
    if choice == "last_term":
        return _term(today.year - 1, False) if spring else _term(today.year, True)
    year = today.year - 1 if choice == "last_year" else today.year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _term(year: int, spring: bool) -> tuple[dt.date, dt.date]:
    if spring:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")


def file_stem(choice: Choice, lang_: str) -> str:
    """``hjulet-uppfoljning-2026``, ``…-2026-ht``, ``…-2025-2026``, plus team and a
    word for unmasked files, so a file's name says what it holds."""
    start, end = choice.start, choice.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        span = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    elif start.year == end.year and (start, end) in (
        _term(start.year, True),
        _term(start.year, False),
    ):
        span = f"{start.year}-{'vt' if start.month == 1 else 'ht'}"
    else:
        span = f"{start.isoformat()}--{end.isoformat()}"
    parts = [t("followup_app.file_stem", lang_), span]
    if choice.team:
        parts.append(_slug(choice.team))
    if not choice.suppress:
        parts.append(t("followup_app.file_unmasked", lang_))
    return "-".join(p for p in parts if p)


def cell_text(value: Any, lang_: str, *, rate: bool = False) -> str:
    """A cell as the tables show it: counts as they are, masks as they are, rates with
    one decimal and a per cent sign, '–' where there is nothing to divide by."""
    if value is None:
        return t("followup_app.no_rate", lang_)
    if isinstance(value, str):
        return value
    if rate:
        return f"{_decimal(float(value), lang_)} %"
    return str(value)


def _decimal(value: float, lang_: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang_ == "sv" else text


def teams_in(facts: list[dict[str, Any]]) -> list[str]:
    """Team names as first written, one per team however its case and spacing vary."""
    found: dict[str, str] = {}
    for f in facts:
        name = " ".join(str(f.get("team") or "").split())
        if name:
            found.setdefault(team_key(name), name)
    return sorted(found.values(), key=str.casefold)


def has_imported(facts: list[dict[str, Any]], choice: Choice) -> bool:
    first, last = choice.start.isoformat(), choice.end.isoformat()
    wanted = team_key(choice.team) if choice.team else None
    return any(
        f.get("imported")
        and first <= str(f.get("raised_on") or "")[:10] <= last
        and (wanted is None or team_key(str(f.get("team") or "")) == wanted)
        for f in facts
    )


def headline_frame(report: Report, lang_: str) -> pd.DataFrame:
    """Rows: the five counts and two rates, labelled. Columns: the periods."""
    first = row_label("headline", lang_)
    rows = [
        {
            first: row_label(key, lang_),
            **{p.label(lang_): cell_text(p.cases[key], lang_) for p in report.periods},
        }
        for key in HEADLINE
    ]
    for key in RATES:
        label = t(f"followup.row.{key}", lang_, target=f"{TARGETS[key]:g}")
        cells = {p.label(lang_): cell_text(p.rates[key], lang_, rate=True) for p in report.periods}
        rows.append({first: label, **cells})
    return pd.DataFrame(rows, columns=[first, *report.labels(lang_)])


def breakdown_frame(report: Report, name: str, lang_: str) -> pd.DataFrame:
    first = row_label(name, lang_)
    frame = report.breakdown(name, lang_)
    rows = [
        {
            first: category_label(name, str(code), lang_),
            **{period: cell_text(frame.at[code, period], lang_) for period in frame.columns},
        }
        for code in frame.index
    ]
    return pd.DataFrame(rows, columns=[first, *report.labels(lang_)])


def survey_responses_frame(report: Report, lang_: str) -> pd.DataFrame:
    first = row_label("survey", lang_)
    rows = [
        {
            first: row_label("responses", lang_),
            **_cells(report, lambda p: p.survey["responses"], lang_),
        }
    ]
    for r in RESPONDENTS:
        cells = _cells(report, lambda p, r=r: p.survey["by_respondent"][r], lang_)
        rows.append({first: respondent_label(r, lang_), **cells})
    return pd.DataFrame(rows, columns=[first, *report.labels(lang_)])


def survey_answers_frame(report: Report, lang_: str) -> pd.DataFrame:
    question_col = t("followup_app.col_question", lang_)
    answer_col = t("followup_app.col_answer", lang_)
    rows = []
    for question in SURVEY_ANSWERS:
        frame = report.survey_answers(question, lang_)
        for code in frame.index:
            label = (
                row_label("answered", lang_)
                if code == "answered"
                else answer_label(question, str(code), lang_)
            )
            cells = {period: cell_text(frame.at[code, period], lang_) for period in frame.columns}
            rows.append({question_col: question_label(question, lang_), answer_col: label, **cells})
    return pd.DataFrame(rows, columns=[question_col, answer_col, *report.labels(lang_)])


def _cells(report: Report, get: Any, lang_: str) -> dict[str, str]:
    return {p.label(lang_): cell_text(get(p), lang_) for p in report.periods}


def read_upload(name: str, data: bytes, lang_: str, default_team: str = "") -> Sheet:
    """Read an uploaded CSV/XLSX with the CLI's own reader. Raises SheetError with a
    message that names the file as the person knows it, not our temporary copy."""
    suffix = Path(name).suffix.casefold()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return read_sheet(path, lang_, default_team=default_team)
        except SheetError as exc:
            raise SheetError(str(exc).replace(str(path), name)) from exc


# --- the report, cached per store generation ------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=16)
def _report_at(generation: int, choice: Choice) -> Report:
    # ``generation`` is only part of the key: a save or an import makes a new report.
    facts = [c.facts for c in all_cases()]
    surveys = store().anonymous_surveys().facts()
    if choice.layout == SetName.VT_HT_YEAR:
        return report_set(
            facts,
            SetName.VT_HT_YEAR,
            year=choice.start.year,
            team=choice.team,
            suppress=choice.suppress,
            surveys=surveys,
        )
    if choice.layout == SetName.TEAMS:
        return report_set(
            facts,
            SetName.TEAMS,
            start=choice.start,
            end=choice.end,
            suppress=choice.suppress,
            surveys=surveys,
        )
    return term_report(
        facts,
        choice.start,
        choice.end,
        by=choice.by,
        team=choice.team,
        suppress=choice.suppress,
        surveys=surveys,
    )


def _report(choice: Choice) -> Report:
    return _report_at(store().generation(), choice)


# --- the period picker ---------------------------------------------------------------


def _on_quick() -> None:
    choice = st.session_state[K_QUICK]
    if choice != "custom":
        st.session_state[K_FROM], st.session_state[K_TO] = quick_range(choice, clock.today())


def _on_date() -> None:
    st.session_state[K_QUICK] = "custom"


def _picker(teams: list[str]) -> Choice | None:
    today = clock.today()
    if K_FROM not in st.session_state or K_TO not in st.session_state:
        st.session_state[K_QUICK] = "this_year"
        st.session_state[K_FROM], st.session_state[K_TO] = quick_range("this_year", today)
    with st.container(border=True):
        st.radio(
            tr("followup_app.quick_label"),
            QUICK,
            key=K_QUICK,
            horizontal=True,
            format_func=fixed_labels(QUICK, lambda q: tr(f"followup_app.quick.{q}")),
            on_change=_on_quick,
        )
        cols = st.columns([1, 1, 1, 2])
        earliest, latest = dt.date(2000, 1, 1), dt.date(today.year + 1, 12, 31)
        start = cols[0].date_input(
            tr("followup_app.from"),
            key=K_FROM,
            format="YYYY-MM-DD",
            on_change=_on_date,
            min_value=earliest,
            max_value=latest,
        )
        end = cols[1].date_input(
            tr("followup_app.to"),
            key=K_TO,
            format="YYYY-MM-DD",
            on_change=_on_date,
            min_value=earliest,
            max_value=latest,
        )
        by = cols[2].radio(
            tr("followup_app.by_label"),
            [g.value for g in Grouping],
            key=K_BY,
            format_func=fixed_labels([g.value for g in Grouping], lambda g: tr(f"followup.by.{g}")),
            help=tr("followup_app.by_help"),
        )
        team = cols[3].selectbox(
            tr("followup_app.team_label"),
            ["", *teams],
            key=K_TEAM,
            format_func=fixed_labels(["", *teams], lambda name: name or tr("followup.all_teams")),
            placeholder=tr("common.choose"),
        )
        layout = st.radio(
            tr("followup_app.layout_label"),
            LAYOUTS,
            key=K_LAYOUT,
            horizontal=True,
            format_func=fixed_labels(LAYOUTS, lambda x: tr(f"followup_app.layout.{x}")),
            help=tr("followup_app.layout_help"),
        )
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        st.info(tr("followup_app.pick_both"))
        return None
    if end < start:
        st.error(tr("followup_app.to_before_from"), icon=":material/event_busy:")
        return None
    if layout == SetName.VT_HT_YEAR:
        st.caption(tr("followup_app.layout_year_note", year=start.year))
    elif layout == SetName.TEAMS and team:
        st.caption(tr("followup_app.layout_teams_note"))
    return Choice(start, end, Grouping(by), team or None, suppress=True, layout=str(layout))


def _masking_choice() -> bool:
    """The note on small numbers, and the internal-use box; True when unmasked."""
    st.info(
        tr("followup.masked_note") + "\n\n" + tr("followup_app.masked_more"),
        icon=":material/shield:",
    )
    unmasked = st.checkbox(
        tr("followup_app.unmasked_checkbox"), key=K_UNMASKED, help=tr("followup_app.unmasked_help")
    )
    if unmasked:
        st.error(tr("followup_app.unmasked_loud"), icon=":material/warning:")
    return bool(unmasked)


# --- showing the report -----------------------------------------------------------------


def _heading(report: Report, facts: list[dict[str, Any]], choice: Choice) -> None:
    st.subheader(
        tr(
            "followup.title",
            start=format_date(report.start, lang()),
            end=format_date(report.end, lang()),
        )
    )
    who = tr("followup.team", team=report.team) if report.team else tr("followup.all_teams")
    st.caption(escape(who))
    if report.set_name and report.masked:
        st.caption(tr("followup.set_note"))
    if report.asked is not None:
        start, end = (format_date(day, lang()) for day in report.asked)
        st.caption(tr("followup.widened_note", start=start, end=end))
    if has_imported(facts, choice):
        st.caption(tr("followup_app.imported_note"))


def _metric_help(key: str, value: Any) -> str:
    """What the figure counts, and what a mask in it means."""
    about = tr(f"followup_app.about.{key}", target=f"{TARGETS.get(key, 0):g}")
    if value == "<5":
        return f"{about}\n\n{tr('followup_app.help_small')}"
    if value == "x":
        return f"{about}\n\n{tr('followup_app.help_hidden')}"
    if value is None:
        return f"{about}\n\n{tr('followup_app.help_no_rate')}"
    return about


def _count_metric(column: Any, period: PeriodResult, key: str) -> None:
    value = period.cases[key]
    column.metric(
        tr(f"followup_app.measure.{key}"),
        cell_text(value, lang()),
        help=_metric_help(key, value),
        border=True,
    )


def _rate_metric(column: Any, period: PeriodResult, key: str) -> None:
    value = period.rates[key]
    target = TARGETS[key]
    delta = None
    if isinstance(value, int | float):
        # The arrow and the signed words say over or under the target, not only the colour.
        diff = float(value) - target
        signed = ("+" if diff >= 0 else "") + _decimal(diff, lang())
        delta = tr("followup_app.delta", diff=signed, target=f"{target:g}")
    column.metric(
        tr(f"followup_app.measure.{key}"),
        cell_text(value, lang(), rate=True),
        delta=delta,
        help=_metric_help(key, value),
        border=True,
    )


# The consent figures and their rate on one row, the plans and theirs on the next.
# (A comment, not a string: Streamlit would print a bare string in a page script.)
METRIC_ROWS = (
    ("raised_total", "raised_with_consent", "raised_anonymous", "consent_rate"),
    ("coordinated_plans", "childs_plans", "coordinated_plan_rate"),
)


def _metrics(report: Report) -> None:
    labels = report.labels(lang())
    if len(labels) > 1:
        if st.session_state.get(K_PERIOD) not in labels:
            st.session_state[K_PERIOD] = labels[-1]
        chosen = st.columns([1, 3])[0].selectbox(
            tr("followup_app.figures_for"),
            labels,
            key=K_PERIOD,
            placeholder=tr("common.choose"),
        )
    else:
        chosen = labels[0]
        st.markdown(f"**{escape(tr('followup_app.figures_title', period=chosen))}**")
    period = report.periods[labels.index(chosen)]
    for keys in METRIC_ROWS:
        for column, key in zip(st.columns(4), keys, strict=False):
            if key in RATES:
                _rate_metric(column, period, key)
            else:
                _count_metric(column, period, key)


def _table(frame: pd.DataFrame, key: str, *, labels: int = 1, all_rows: bool = False) -> None:
    """``labels`` columns of words, then the periods: numbers (and masks) right-aligned
    under their period, as in a spreadsheet."""
    config = {
        col: st.column_config.TextColumn(col, alignment="right") for col in frame.columns[labels:]
    }
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height="content" if all_rows else "auto",
        column_config=config,
        key=key,
    )


def _breakdowns(report: Report) -> None:
    st.subheader(tr("followup_app.breakdowns_title"))
    tabs = st.tabs([tr(f"followup_app.tab.{name}") for name in (*BREAKDOWNS, "survey")])
    for tab, name in zip(tabs, BREAKDOWNS, strict=False):
        with tab:
            if name in MULTI:
                st.caption(tr("followup_app.multi_note"))
            if report.categories[name]:
                _table(breakdown_frame(report, name, lang()), key=f"fu_table_{name}", all_rows=True)
            else:
                st.caption(tr("followup_app.nothing_recorded"))
    with tabs[-1]:
        st.caption(tr("followup_app.survey_note"))
        _table(survey_responses_frame(report, lang()), key="fu_table_survey_responses")
        _table(
            survey_answers_frame(report, lang()),
            key="fu_table_survey_answers",
            labels=2,
            all_rows=True,
        )


def _downloads(report: Report, choice: Choice) -> None:
    st.subheader(tr("followup_app.downloads_title"))
    note = "followup_app.download_note" if report.masked else "followup_app.download_note_unmasked"
    st.caption(tr(note))
    stem = file_stem(choice, lang())
    row = st.container(horizontal=True)
    row.download_button(
        tr("followup_app.download_csv"),
        data=report_csv(report, lang()),
        file_name=f"{stem}.csv",
        mime=CSV_MIME,
        icon=":material/download:",
        help=tr("followup_app.download_csv_help", file=f"{stem}.csv"),
        key="fu_download_csv",
        on_click="ignore",
    )
    row.download_button(
        tr("followup_app.download_xlsx"),
        data=report_xlsx(report, lang()),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        help=tr("followup_app.download_xlsx_help", file=f"{stem}.xlsx"),
        key="fu_download_xlsx",
        on_click="ignore",
    )


# --- import of a team's spreadsheet ---------------------------------------------------


def _yes_no(value: bool) -> str:
    return tr("followup_app.yes") if value else tr("followup_app.no")


def _preview(sheet: Sheet) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                tr("followup_app.import.col_line"): row.line,
                tr("followup_app.import.col_raised_on"): row.raised_on.isoformat(),
                tr("followup_app.import.col_consent"): _yes_no(row.consent),
                tr("followup_app.import.col_sip"): _yes_no(row.sip),
                tr("followup_app.import.col_age_band"): category_label(
                    "by_age_band", row.age_band.value, lang()
                ),
                tr("followup_app.import.col_gender"): category_label(
                    "by_gender", row.gender.value, lang()
                ),
                tr("followup_app.import.col_referrer"): category_label(
                    "by_referrer", row.referrer.value, lang()
                ),
                tr("followup_app.import.col_team"): row.team,
            }
            for row in sheet.rows
        ]
    )


def _problems(sheet: Sheet) -> None:
    st.warning(tr("followup_app.import.bad_title", count=len(sheet.bad)), icon=":material/error:")
    frame = pd.DataFrame(
        [
            {
                tr("followup_app.import.col_line"): b.line,
                tr("followup_app.import.col_reason"): b.reason,
            }
            for b in sheet.bad[:SHOWN_BAD_ROWS]
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch", key="fu_import_bad")
    if len(sheet.bad) > SHOWN_BAD_ROWS:
        more = len(sheet.bad) - SHOWN_BAD_ROWS
        st.caption(escape(tr("followup.import.more_bad_rows", count=more)))


def _upload_key() -> str:
    return f"{K_UPLOAD}::{st.session_state.get(K_UPLOAD, 0)}"


def batches_frame(lang_: str) -> pd.DataFrame:
    """The batches imported so far, newest first: undo and replace are CLI commands."""
    rows = [
        {
            t("followup_app.import.col_batch", lang_): b.id,
            t("followup_app.import.col_imported_on", lang_): b.imported_on.isoformat(),
            t("followup_app.import.col_file", lang_): b.file_name,
            t("followup_app.import.col_rows", lang_): b.rows
            if b.present == b.rows
            else f"{b.present}/{b.rows}",
            t("followup_app.import.col_status", lang_): t(
                f"followup.import.status.{b.status.value}", lang_, other=b.replaced_by or ""
            ),
        }
        for b in reversed(list_batches(service_context()))
    ]
    return pd.DataFrame(rows)


def _import_section() -> None:
    with st.expander(tr("followup_app.import.title"), icon=":material/upload_file:"):
        done = st.session_state.pop(K_IMPORT_DONE, None)
        if done:
            st.success(escape(done), icon=":material/check_circle:")
        st.markdown(tr("followup_app.import.intro"))
        batches = batches_frame(lang())
        if not batches.empty:
            st.markdown(f"**{escape(tr('followup_app.import.batches_title'))}**")
            st.dataframe(batches, hide_index=True, width="stretch", key="fu_import_batches")
            st.caption(tr("followup_app.import.batches_note"))
        upload = st.file_uploader(
            tr("followup_app.import.file"),
            type=["csv", "xlsx"],
            key=_upload_key(),
            help=tr("followup_app.import.file_help"),
        )
        default_team = st.text_input(
            tr("followup_app.import.team"),
            key=K_IMPORT_TEAM,
            max_chars=200,
            help=tr("followup_app.import.team_help"),
        )
        if upload is None:
            return
        try:
            sheet = read_upload(upload.name, upload.getvalue(), lang(), default_team.strip())
        except SheetError as exc:
            st.error(escape(str(exc)), icon=":material/error:")
            return
        _check_and_import(upload.name, sheet)


def _check_and_import(name: str, sheet: Sheet) -> None:
    if sheet.ignored_columns:
        columns = ", ".join(sheet.ignored_columns)
        st.info(escape(t("followup.import.ignored_columns", lang(), columns=columns)))
    st.markdown(escape(tr("followup_app.import.ready", count=len(sheet.rows))))
    if sheet.rows:
        st.dataframe(_preview(sheet), hide_index=True, width="stretch", key="fu_import_preview")
    skip_bad = False
    if sheet.bad:
        _problems(sheet)
        skip_bad = st.checkbox(
            tr("followup_app.import.skip_bad", count=len(sheet.rows)), key=K_SKIP_BAD
        )
        if not skip_bad:
            st.caption(tr("followup_app.import.blocked"))
    allowed = bool(sheet.rows) and (not sheet.bad or skip_bad)
    clicked = st.button(
        tr("followup_app.import.button", count=len(sheet.rows)),
        type="primary",
        disabled=not allowed,
        key="fu_import_button",
    )
    if clicked and allowed:
        result = import_batch(
            service_context(), sheet.rows, file_name=name, sha256=sheet.sha256, lang=lang()
        )
        message = result_line(result, name, lang())
        if sheet.bad:
            message += " " + tr("followup_app.import.skipped", count=len(sheet.bad))
        st.session_state[K_IMPORT_DONE] = message
        # A new uploader key empties it, so the same file is not offered again.
        st.session_state[K_UPLOAD] = st.session_state.get(K_UPLOAD, 0) + 1
        st.rerun()


# --- the page -------------------------------------------------------------------------


def render() -> None:
    st.title(tr("nav.followup"))
    st.caption(tr("followup_app.intro"))
    facts = [c.facts for c in all_cases()]
    choice = _picker(teams_in(facts))
    if choice is not None:
        choice = replace(choice, suppress=not _masking_choice())
        try:
            report = _report(choice)
        except ValueError:  # a masked teams set over more than a term, less than a year
            start, end = (format_date(day, lang()) for day in (choice.start, choice.end))
            st.error(tr("followup_app.teams_one_period", start=start, end=end))
            choice = None
    if choice is not None:
        _heading(report, facts, choice)
        if not facts:
            st.info(tr("followup_app.no_cases"))
        _metrics(report)
        st.markdown(f"**{escape(tr('followup_app.table_title'))}**")
        _table(headline_frame(report, lang()), key="fu_table_headline")
        show_charts(report, lang())
        _breakdowns(report)
        _downloads(report, choice)
    st.divider()
    _import_section()


if __name__ == "__main__":
    render()
