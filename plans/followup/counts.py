"""Counting: the facts of many cases (``CaseSummary.facts``) into plain counts per
period, with pandas. No masking here – that is :mod:`plans.followup.masking`.

How each headline count is defined (the report's documentation, docs/followup.md,
says the same in the users' words):

* ``raised_total`` – every case raised (aktualiserad) in the period, of any type,
  imported or not. The day that counts is ``raised_on``.
* ``raised_with_consent`` – cases where consent was given (or the imported row said so).
* ``raised_anonymous`` – ``raised_total - raised_with_consent``: anonymous
  consultations, which have no consent by definition, plus children for whom no
  consent was ever recorded – without consent the team could only discuss them
  anonymously. So total = with consent + anonymous, as the teams report it.
* ``coordinated_plans`` – consented cases with a SIP. A SIP cannot be made without
  consent, so the flag on a case without consent is not counted.
* ``childs_plans`` – cases with a child's plan, anonymous consultations excluded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from plans.documents.case import AgeBand, Gender, Referrer
from plans.documents.survey import QUESTIONS, Respondent
from plans.followup.periods import Grouping, Period, periods_between

HEADLINE = (
    "raised_total",
    "raised_with_consent",
    "raised_anonymous",
    "coordinated_plans",
    "childs_plans",
)
SINGLE_BREAKDOWNS: dict[str, str] = {
    "by_age_band": "age_band",
    "by_gender": "gender",
    "by_referrer": "referrer",
}
"""Breakdowns where each case is counted once, so they add up to ``raised_total``."""
MULTI_BREAKDOWNS: dict[str, str] = {
    "by_area": "areas_with_support",
    "by_risk_factor": "risk_factors",
    "by_protective_factor": "protective_factors",
    "by_intervention": "interventions",
}
"""Breakdowns where a case counts in none, one or several categories."""
BREAKDOWNS = (*SINGLE_BREAKDOWNS, *MULTI_BREAKDOWNS)
FIXED_CATEGORIES: dict[str, list[str]] = {
    "by_age_band": [a.value for a in AgeBand],
    "by_gender": [g.value for g in Gender],
    "by_referrer": [r.value for r in Referrer],
}
RESPONDENTS = [r.value for r in Respondent]
SURVEY_ANSWERS: dict[str, list[str]] = {
    q: [str(member.value) for member in scale] for q, scale in QUESTIONS.items()
}
_DEFAULTS = {"age_band": "unknown", "gender": "unknown", "referrer": "other"}


@dataclass(frozen=True)
class PeriodCounts:
    """Unmasked counts of one period. ``cases`` and ``survey`` hold the headline
    counts by name and each breakdown as category -> count."""

    period: Period
    cases: dict[str, Any]
    survey: dict[str, Any]


@dataclass(frozen=True)
class Counts:
    periods: list[PeriodCounts]
    categories: dict[str, list[str]]
    """Every breakdown's categories in display order, the same for every period."""


def team_key(name: str) -> str:
    """Team names match whatever their case and spacing: 'Team  Norr' is 'team norr'."""
    return " ".join(name.split()).casefold()


def iso_period_label(iso_day: str, by: Grouping) -> str:
    """The period of an ISO date string without parsing it: fast over 100,000 facts.
    Agrees with :func:`plans.followup.periods.period_label` (tested)."""
    if by is Grouping.YEAR:
        return iso_day[:4]
    if by is Grouping.MONTH:
        return iso_day[:7]
    return iso_day[:4] + ("-VT" if iso_day[5:7] <= "06" else "-HT")


def count(
    facts: Iterable[Mapping[str, Any]],
    start: dt.date,
    end: dt.date,
    by: Grouping = Grouping.TERM,
    team: str | None = None,
    surveys: Iterable[Mapping[str, Any]] = (),
) -> Counts:
    """``surveys``: anonymous surveys kept apart from the cases, each shaped like a fact
    with only ``team`` and ``surveys`` (``AnonymousSurvey.fact``): counted as answers,
    never as a case."""
    periods = periods_between(start, end, by)
    wanted = team_key(team) if team else None
    if wanted is None:
        of_team = list(facts)
        apart = list(surveys)
    else:
        of_team = [f for f in facts if team_key(str(f.get("team") or "")) == wanted]
        apart = [f for f in surveys if team_key(str(f.get("team") or "")) == wanted]
    return _count(of_team, periods, lambda day: iso_period_label(day, by), apart)


def count_columns(
    facts: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[Period, Callable[[Mapping[str, Any]], bool]]],
    surveys: Sequence[Mapping[str, Any]] = (),
) -> Counts:
    """A report set's columns, each the whole of its period counting only the cases
    (and anonymous surveys) its filter accepts (one team, all teams, a term or a year),
    in one pass: a case counted in several columns is a row in each. Column labels must
    differ."""
    raised: list[Mapping[str, Any]] = []
    labels: list[str] = []
    answered: list[tuple[str, Mapping[str, Any]]] = []
    for period, keep in columns:
        first, last = period.start.isoformat(), period.end.isoformat()
        for f in facts:
            if keep(f) and first <= str(f.get("raised_on") or "")[:10] <= last:
                raised.append(f)
                labels.append(period.label)
        answered += [
            (period.label, s) for s in _surveys_between([*facts, *surveys], first, last, keep)
        ]
    order = [p.label for p, _ in columns]
    cases, categories = _count_cases(raised, labels, order)
    survey = _survey_counts(answered, order)
    return Counts(
        periods=[
            PeriodCounts(period=p, cases=cases[p.label], survey=survey[p.label]) for p, _ in columns
        ],
        categories=categories,
    )


def _surveys_between(
    facts: Iterable[Mapping[str, Any]],
    first: str,
    last: str,
    keep: Callable[[Mapping[str, Any]], bool] | None = None,
) -> Iterator[Mapping[str, Any]]:
    for f in facts:
        if keep is not None and not keep(f):
            continue
        for survey in f.get("surveys") or ():
            if first <= str(survey.get("answered_on") or "")[:10] <= last:
                yield survey


def _count(
    of_team: Sequence[Mapping[str, Any]],
    periods: list[Period],
    label_of: Callable[[str], str],
    apart: Sequence[Mapping[str, Any]] = (),
) -> Counts:
    first, last = periods[0].start.isoformat(), periods[-1].end.isoformat()
    raised = [f for f in of_team if first <= str(f.get("raised_on") or "")[:10] <= last]
    labels = [label_of(str(f["raised_on"])) for f in raised]
    cases, categories = _count_cases(raised, labels, [p.label for p in periods])
    survey = _count_surveys([*of_team, *apart], first, last, label_of, [p.label for p in periods])
    return Counts(
        periods=[
            PeriodCounts(period=p, cases=cases[p.label], survey=survey[p.label]) for p in periods
        ],
        categories=categories,
    )


def _count_cases(
    raised: Sequence[Mapping[str, Any]], labels: list[str], order: list[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    frame = pd.DataFrame(
        {
            "period": pd.Categorical(labels, categories=order),
            "consent": [bool(f.get("consent")) for f in raised],
            "sip": [bool(f.get("coordinated_plan")) for f in raised],
            "plan": [bool(f.get("childs_plan")) and f.get("type") != "anonymous" for f in raised],
            **{
                column: [str(f.get(column) or _DEFAULTS[column]) for f in raised]
                for column in SINGLE_BREAKDOWNS.values()
            },
        }
    )
    by_period = frame.groupby("period", observed=False)
    headline = pd.DataFrame(
        {
            "raised_total": by_period.size(),
            "raised_with_consent": by_period["consent"].sum(),
            "coordinated_plans": (frame["consent"] & frame["sip"])
            .groupby(frame["period"], observed=False)
            .sum(),
            "childs_plans": by_period["plan"].sum(),
        }
    ).reindex(order, fill_value=0)
    headline["raised_anonymous"] = headline["raised_total"] - headline["raised_with_consent"]

    tables: dict[str, pd.DataFrame] = {}
    categories: dict[str, list[str]] = {}
    for name, column in SINGLE_BREAKDOWNS.items():
        table = pd.crosstab(frame["period"], frame[column], dropna=False)
        seen = [c for c in table.columns if c not in FIXED_CATEGORIES[name]]
        categories[name] = FIXED_CATEGORIES[name] + sorted(seen)
        tables[name] = table.reindex(index=order, columns=categories[name], fill_value=0)
    for name, column in MULTI_BREAKDOWNS.items():
        pairs = [
            (label, str(item))
            for label, f in zip(labels, raised, strict=True)
            for item in (f.get(column) or ())
        ]
        categories[name] = sorted({item for _, item in pairs})
        tables[name] = _crosstab(pairs, order, categories[name])

    heads = _rows(headline)
    cells = {name: _rows(table) for name, table in tables.items()}
    out: dict[str, dict[str, Any]] = {}
    for label in order:
        row: dict[str, Any] = {key: heads[label][key] for key in HEADLINE}
        row.update({name: cells[name][label] for name in tables})
        out[label] = row
    return out, categories


def _rows(table: pd.DataFrame) -> dict[str, dict[str, int]]:
    """A table as plain Python: row label -> column -> int (no numpy scalars in the JSON)."""
    columns = [str(c) for c in table.columns]
    return {
        str(label): dict(zip(columns, (int(v) for v in values), strict=True))
        for label, values in zip(table.index, table.to_numpy().tolist(), strict=True)
    }


def _crosstab(pairs: list[tuple[str, str]], order: list[str], columns: list[str]) -> pd.DataFrame:
    """Counts of (period, category) pairs as a period x category table with zeros filled."""
    if not pairs:
        return pd.DataFrame(0, index=order, columns=columns)
    frame = pd.DataFrame(pairs, columns=["period", "category"])
    table = frame.groupby(["period", "category"]).size().unstack(fill_value=0)
    return table.reindex(index=order, columns=columns, fill_value=0)


def _count_surveys(
    facts: Iterable[Mapping[str, Any]],
    first: str,
    last: str,
    label_of: Callable[[str], str],
    order: list[str],
) -> dict[str, dict[str, Any]]:
    """Survey answers counted by the day they were given, not the day the child was raised."""
    answered = [
        (label_of(str(s.get("answered_on") or "")[:10]), s)
        for s in _surveys_between(facts, first, last)
    ]
    return _survey_counts(answered, order)


def _survey_counts(
    answered: Iterable[tuple[str, Mapping[str, Any]]], order: list[str]
) -> dict[str, dict[str, Any]]:
    """Survey answers, each with the label of the period (or column) it counts in."""
    responses: list[tuple[str, str]] = []
    answers: list[tuple[str, str]] = []
    for label, survey in answered:
        responses.append((label, str(survey.get("respondent"))))
        for question, code in (survey.get("answers") or {}).items():
            if question in SURVEY_ANSWERS and code in SURVEY_ANSWERS[question]:
                answers.append((label, f"{question}/{code}"))
    by_respondent = _rows(_crosstab(responses, order, RESPONDENTS))
    answer_columns = [f"{q}/{c}" for q, codes in SURVEY_ANSWERS.items() for c in codes]
    by_answer = _rows(_crosstab(answers, order, answer_columns))
    out: dict[str, dict[str, Any]] = {}
    for label in order:
        questions: dict[str, Any] = {}
        for question, codes in SURVEY_ANSWERS.items():
            counts = {c: by_answer[label][f"{question}/{c}"] for c in codes}
            questions[question] = {"answered": sum(counts.values()), "answers": counts}
        respondents = by_respondent[label]
        out[label] = {
            "responses": sum(respondents.values()),
            "by_respondent": respondents,
            "questions": questions,
        }
    return out
