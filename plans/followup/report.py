"""The term report: counts per period, masked, as JSON and as pandas tables.

The one entry point for the app page, the CLI and the bench::

    report = term_report([c.facts for c in store.list_cases()],
                         dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    report.headline()          # one row per period, the numbers teams report
    report_table(report, "sv") # everything, labelled, ready to show (plans.followup.exports)
    report_csv(report, "sv"); report_xlsx(report, "sv")   # bytes for downloads

Masking is on unless ``suppress=False`` (the team's own internal use); the output
then says so in every format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from plans.followup.batches import counted_facts
from plans.followup.counts import (
    BREAKDOWNS,
    HEADLINE,
    MULTI_BREAKDOWNS,
    RESPONDENTS,
    SINGLE_BREAKDOWNS,
    SURVEY_ANSWERS,
    count,
)
from plans.followup.labels import category_sort_key
from plans.followup.masking import HIDDEN, AtMostRule, Block, Mask, SumRule
from plans.followup.masking import suppress as mask_block
from plans.followup.periods import Grouping, Period, whole_periods
from plans.i18n import t

CONSENT_TARGET = 75.0
"""Percent of the children raised that should be raised with consent."""
COORDINATED_PLAN_TARGET = 50.0
"""Percent of the consented children that should get a coordinated plan (SIP)."""
RATES = ("consent_rate", "coordinated_plan_rate")
TARGETS = {"consent_rate": CONSENT_TARGET, "coordinated_plan_rate": COORDINATED_PLAN_TARGET}

Cell = int | str
"""A count, or ``"<5"`` / ``"x"`` when masked."""
Rate = float | str | None
"""Percent with one decimal; ``None`` with nothing to divide by; ``"x"`` when masked."""


@dataclass(frozen=True)
class PeriodResult:
    """One period of the report, masked as asked. Shapes as in the JSON."""

    period: Period
    cases: dict[str, Any]
    """Headline counts by name, and each breakdown as category -> count."""
    rates: dict[str, Rate]
    survey: dict[str, Any]
    """``responses``, ``by_respondent`` and ``questions`` -> {``answered``, ``answers``}."""
    team: str | None = None
    """In a report set: this column's team (None: all teams; "": cases without a team)."""
    show_team: bool = False
    """The column heading names the team (a set of teams side by side)."""

    def label(self, lang: str = "sv") -> str:
        """The column's heading: the period, and in a set of teams the team first."""
        if not self.show_team:
            return self.period.label
        if self.team is None:
            who = t("followup.all_teams", lang)
        else:
            who = self.team or t("followup.no_team", lang)
        return f"{who} {self.period.label}".strip()


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    by: Grouping
    team: str | None
    masked: bool
    """False only when asked for with ``suppress=False``: small counts are shown."""
    periods: list[PeriodResult]
    categories: dict[str, list[str]]
    """Each breakdown's categories (codes) in display order."""
    set_name: str | None = None
    """A report set (``vt-ht-year``, ``teams``): its columns were masked together."""
    asked: tuple[dt.date, dt.date] | None = None
    """The range asked for, when a masked report widened it to whole periods."""

    def to_json(self) -> list[dict[str, Any]]:
        """The list the CLI prints: one object per period (keys in docs/followup.md)."""
        out = []
        for p in self.periods:
            item: dict[str, Any] = {
                "period": p.period.label,
                "start": p.period.start.isoformat(),
                "end": p.period.end.isoformat(),
                "team": p.team if self.set_name else self.team,
                "small_counts_masked": self.masked,
            }
            if self.set_name:
                item["set"] = self.set_name
                item["column"] = p.label("en")
            item.update({key: p.cases[key] for key in HEADLINE})
            item.update(p.rates)
            item.update({name: dict(p.cases[name]) for name in BREAKDOWNS})
            item["survey"] = p.survey
            out.append(item)
        return out

    def headline(self, lang: str = "sv") -> pd.DataFrame:
        """Index: period labels. Columns: the headline counts and the two rates.
        Masked cells hold their mask string, so the frame has object columns."""
        rows = [{**{k: p.cases[k] for k in HEADLINE}, **p.rates} for p in self.periods]
        return pd.DataFrame(
            rows,
            index=pd.Index(self.labels(lang), name="period"),
            columns=[*HEADLINE, *RATES],
            dtype=object,
        )

    def breakdown(self, name: str, lang: str = "sv") -> pd.DataFrame:
        """Index: category codes of ``name`` (e.g. ``by_referrer``). Columns: periods."""
        if name not in BREAKDOWNS:
            raise ValueError(f"unknown breakdown '{name}'; use one of: {', '.join(BREAKDOWNS)}")
        data = {
            p.label(lang): [p.cases[name][c] for c in self.categories[name]] for p in self.periods
        }
        return pd.DataFrame(
            data,
            index=pd.Index(self.categories[name], name=name),
            columns=self.labels(lang),
            dtype=object,
        )

    def survey_answers(self, question: str, lang: str = "sv") -> pd.DataFrame:
        """Index: ``answered`` then the answer codes of ``question``. Columns: periods."""
        codes = SURVEY_ANSWERS[question]
        data = {
            p.label(lang): [
                p.survey["questions"][question]["answered"],
                *(p.survey["questions"][question]["answers"][c] for c in codes),
            ]
            for p in self.periods
        }
        return pd.DataFrame(
            data,
            index=pd.Index(["answered", *codes], name=question),
            columns=self.labels(lang),
            dtype=object,
        )

    def chart_data(self, lang: str = "sv") -> pd.DataFrame:
        """Long format for charts: ``period``, ``measure`` (a headline key or rate),
        ``value`` (float; NaN when masked or undefined), ``shown`` (the text a table
        shows) and ``target`` (percent, rates only). Masked values are never drawn."""
        rows = []
        for p in self.periods:
            for key in (*HEADLINE, *RATES):
                raw = p.rates[key] if key in RATES else p.cases[key]
                rows.append(
                    {
                        "period": p.label(lang),
                        "measure": key,
                        "value": float(raw) if isinstance(raw, int | float) else float("nan"),
                        "shown": "" if raw is None else str(raw),
                        "target": TARGETS.get(key, float("nan")),
                    }
                )
        return pd.DataFrame(rows, columns=["period", "measure", "value", "shown", "target"])

    def labels(self, lang: str = "sv") -> list[str]:
        """Column headings: the periods (in a set with teams, team and period)."""
        return [p.label(lang) for p in self.periods]


def term_report(
    facts: Iterable[Mapping[str, Any]],
    start: dt.date,
    end: dt.date,
    by: Grouping | str = Grouping.TERM,
    team: str | None = None,
    suppress: bool = True,
    surveys: Iterable[Mapping[str, Any]] = (),
) -> Report:
    """Counts from ``CaseSummary.facts`` for ``start``..``end`` (inclusive), one
    result per term, year or month, optionally for one team, masked unless
    ``suppress`` is False. A masked report covers whole periods: a range that cuts a
    term, year or month (by ``by``) is widened to it, and ``asked`` keeps what was
    asked. Raises ValueError when ``end`` is before ``start``."""
    grouping = Grouping(by)
    asked = (start, end)
    if suppress:
        start, end = whole_periods(start, end, grouping)
    counted = count(counted_facts(facts), start, end, grouping, team or None, surveys)
    for name in MULTI_BREAKDOWNS:
        counted.categories[name].sort(key=partial(category_sort_key, name))
    results = [
        _masked_period(pc.period, pc.cases, pc.survey, counted.categories, suppress)
        for pc in counted.periods
    ]
    return Report(
        start=start,
        end=end,
        by=grouping,
        team=team or None,
        masked=suppress,
        periods=results,
        categories=counted.categories,
        asked=asked if asked != (start, end) else None,
    )


def _masked_period(
    period: Period,
    cases: dict[str, Any],
    survey: dict[str, Any],
    categories: dict[str, list[str]],
    masked: bool,
) -> PeriodResult:
    case_values = flatten_cases(cases, categories)
    case_masks = mask_block(case_block(case_values, categories)) if masked else {}
    survey_values = flatten_survey(survey)
    survey_masks = mask_block(survey_block(survey_values)) if masked else {}
    return period_result(period, case_values, case_masks, survey_values, survey_masks, categories)


def period_result(
    period: Period,
    case_values: dict[str, int],
    case_masks: Mapping[str, Mask],
    survey_values: dict[str, int],
    survey_masks: Mapping[str, Mask],
    categories: dict[str, list[str]],
) -> PeriodResult:
    """One column as shown: each count or its mask, and rates from the shown counts."""

    def cell(values: dict[str, int], masks: Mapping[str, Mask], name: str) -> Cell:
        return masks.get(name) or values[name]

    shown_cases: dict[str, Any] = {k: cell(case_values, case_masks, k) for k in HEADLINE}
    for name in BREAKDOWNS:
        shown_cases[name] = {
            c: cell(case_values, case_masks, f"{name}/{c}") for c in categories[name]
        }
    rates = {
        "consent_rate": _rate(shown_cases["raised_with_consent"], shown_cases["raised_total"]),
        "coordinated_plan_rate": _rate(
            shown_cases["coordinated_plans"], shown_cases["raised_with_consent"]
        ),
    }
    shown_survey = {
        "responses": cell(survey_values, survey_masks, "responses"),
        "by_respondent": {
            r: cell(survey_values, survey_masks, f"by_respondent/{r}") for r in RESPONDENTS
        },
        "questions": {
            q: {
                "answered": cell(survey_values, survey_masks, f"{q}/answered"),
                "answers": {c: cell(survey_values, survey_masks, f"{q}/{c}") for c in codes},
            }
            for q, codes in SURVEY_ANSWERS.items()
        },
    }
    return PeriodResult(period=period, cases=shown_cases, rates=rates, survey=shown_survey)


def _rate(part: Cell, whole: Cell) -> Rate:
    # A rate from a masked count would give the count back (rate x total).
    if isinstance(part, str) or isinstance(whole, str):
        return HIDDEN
    if whole == 0:
        return None
    return round(100.0 * part / whole, 1)


def flatten_cases(cases: dict[str, Any], categories: dict[str, list[str]]) -> dict[str, int]:
    values = {key: int(cases[key]) for key in HEADLINE}
    for name in BREAKDOWNS:
        values.update({f"{name}/{c}": int(cases[name][c]) for c in categories[name]})
    return values


def case_block(values: dict[str, int], categories: dict[str, list[str]]) -> Block:
    sums = [SumRule("raised_total", ("raised_with_consent", "raised_anonymous"))]
    sums += [
        SumRule("raised_total", tuple(f"{name}/{c}" for c in categories[name]))
        for name in SINGLE_BREAKDOWNS
    ]
    at_most = [
        AtMostRule("coordinated_plans", "raised_with_consent"),
        AtMostRule("childs_plans", "raised_total"),
    ]
    at_most += [
        AtMostRule(f"{name}/{c}", "raised_total")
        for name in MULTI_BREAKDOWNS
        for c in categories[name]
    ]
    return Block("raised_total", values, sums, at_most)


_IMPROVED = "situation_change/improved"


def flatten_survey(survey: dict[str, Any]) -> dict[str, int]:
    values = {"responses": int(survey["responses"])}
    values.update({f"by_respondent/{r}": int(survey["by_respondent"][r]) for r in RESPONDENTS})
    for question, codes in SURVEY_ANSWERS.items():
        answered = survey["questions"][question]
        values[f"{question}/answered"] = int(answered["answered"])
        values.update({f"{question}/{c}": int(answered["answers"][c]) for c in codes})
    values[_IMPROVED] = (
        values["situation_change/much_better"] + values["situation_change/a_little_better"]
    )
    return values


def survey_block(values: dict[str, int]) -> Block:
    sums = [SumRule("responses", tuple(f"by_respondent/{r}" for r in RESPONDENTS))]
    at_most = []
    for question, codes in SURVEY_ANSWERS.items():
        sums.append(SumRule(f"{question}/answered", tuple(f"{question}/{c}" for c in codes)))
        at_most.append(AtMostRule(f"{question}/answered", "responses"))
    # Only those whose situation improved are asked how much the help mattered.
    sums.append(
        SumRule(_IMPROVED, ("situation_change/much_better", "situation_change/a_little_better"))
    )
    at_most.append(AtMostRule("help_mattered/answered", _IMPROVED))
    return Block("responses", values, sums, at_most, unpublished=frozenset({_IMPROVED}))
