"""The report as people read it: one labelled table, as text, CSV and XLSX.

Every format carries the same cells as the JSON (masks included), and an
unmasked report says so on its first lines, so it cannot pass for a public one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from plans.followup.counts import BREAKDOWNS, HEADLINE, RESPONDENTS, SURVEY_ANSWERS
from plans.followup.labels import (
    answer_label,
    category_label,
    question_label,
    respondent_label,
    row_label,
)
from plans.i18n import t

if TYPE_CHECKING:
    from plans.followup.report import Report

_BREAKDOWN_ORDER = BREAKDOWNS


def report_table(report: Report, lang: str = "sv") -> pd.DataFrame:
    """Columns: ``section``, ``row`` (both in ``lang``), then one column per period.
    Cells: counts, ``"<5"``/``"x"``, rates in percent, or None (no rate)."""
    from plans.followup.report import TARGETS

    rows: list[tuple[str, str, list[Any]]] = []
    headline = row_label("headline", lang)
    for key in HEADLINE:
        rows.append((headline, row_label(key, lang), [p.cases[key] for p in report.periods]))
    for key, target in TARGETS.items():
        label = t(f"followup.row.{key}", lang, target=f"{target:g}")
        rows.append((headline, label, [p.rates[key] for p in report.periods]))
    for name in _BREAKDOWN_ORDER:
        section = row_label(name, lang)
        for code in report.categories[name]:
            label = category_label(name, code, lang)
            rows.append((section, label, [p.cases[name][code] for p in report.periods]))
    section = row_label("survey", lang)
    rows.append(
        (section, row_label("responses", lang), [p.survey["responses"] for p in report.periods])
    )
    for r in RESPONDENTS:
        cells = [p.survey["by_respondent"][r] for p in report.periods]
        rows.append((section, respondent_label(r, lang), cells))
    for question, codes in SURVEY_ANSWERS.items():
        section = question_label(question, lang)
        answered = [p.survey["questions"][question]["answered"] for p in report.periods]
        rows.append((section, row_label("answered", lang), answered))
        for code in codes:
            cells = [p.survey["questions"][question]["answers"][code] for p in report.periods]
            rows.append((section, answer_label(question, code, lang), cells))
    columns = [t("followup.column.section", lang), t("followup.column.row", lang)]
    # object dtype keeps counts as ints and "no rate" as None next to the mask strings.
    return pd.DataFrame(
        [[section, label, *cells] for section, label, cells in rows],
        columns=[*columns, *report.labels(lang)],
        dtype=object,
    )


def heading_lines(report: Report, lang: str = "sv") -> list[str]:
    """Title, team and the masking note (or the warning when nothing is masked)."""
    lines = [
        t("followup.title", lang, start=report.start.isoformat(), end=report.end.isoformat()),
        t("followup.team", lang, team=report.team)
        if report.team
        else t("followup.all_teams", lang),
    ]
    lines.append(t("followup.masked_note" if report.masked else "followup.unmasked_warning", lang))
    if report.set_name and report.masked:
        lines.append(t("followup.set_note", lang))
    if report.asked is not None:
        start, end = (day.isoformat() for day in report.asked)
        lines.append(t("followup.widened_note", lang, start=start, end=end))
    return lines


def report_text(report: Report, lang: str = "sv") -> str:
    table = report_table(report, lang)
    section = table.columns[0]
    # A section name once, at its first row, reads like the teams' own report.
    table[section] = table[section].where(table[section] != table[section].shift(), "")
    shown = table.map(_cell_text)
    # Words read best left-aligned (headers too), numbers right-aligned (pandas' default).
    widths = {c: max([len(c), *(len(v) for v in shown[c])]) for c in table.columns[:2]}
    shown = shown.rename(columns={c: c.ljust(w) for c, w in widths.items()})
    formatters = {c.ljust(w): _left(w) for c, w in widths.items()}
    text = shown.to_string(index=False, formatters=formatters)
    return "\n".join([*heading_lines(report, lang), "", text]) + "\n"


def _cell_text(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _left(width: int) -> Callable[[object], str]:
    return lambda value: f"{value!s:<{width}}"


def report_csv(report: Report, lang: str = "sv") -> bytes:
    """UTF-8, comma-separated, one header row. An unmasked report starts with one
    warning line before the header, so nobody mistakes it for a public one."""
    buffer = io.StringIO()
    if not report.masked:
        csv.writer(buffer, lineterminator="\n").writerow([t("followup.unmasked_warning", lang)])
    report_table(report, lang).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def report_xlsx(report: Report, lang: str = "sv") -> bytes:
    """One sheet: the heading lines, an empty row, then the table."""
    from openpyxl.styles import Font

    table = report_table(report, lang)
    heading = heading_lines(report, lang)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheet_name = t("followup.sheet", lang)[:31]  # Excel's limit for a sheet name
        table.to_excel(writer, sheet_name=sheet_name, index=False, startrow=len(heading) + 1)
        sheet = writer.sheets[sheet_name]
        for i, line in enumerate(heading, start=1):
            sheet.cell(row=i, column=1, value=line)
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        if not report.masked:
            sheet.cell(row=len(heading), column=1).font = Font(bold=True, color="C00000")
        sheet.column_dimensions["A"].width = 34
        sheet.column_dimensions["B"].width = 44
    return buffer.getvalue()
