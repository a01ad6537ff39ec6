"""Report sets: the columns a team publishes together, masked together.

* ``vt-ht-year``: spring term, autumn term and the whole year (the Västerbotten
  table). With a team: that team's three columns beside all teams' three, and the
  other teams as columns that take part in the sums but are never shown.
* ``teams``: every team side by side for one range, then all teams. Cases without a
  team get a column of their own, so the teams add up to all teams.

Each column is counted like a one-period report; masking is
``plans.followup.set_masking.suppress_set`` with the sums that tie the columns, so no
masked count can be worked out from any count shown in the set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial
from typing import Any

from plans.followup.batches import counted_facts
from plans.followup.counts import MULTI_BREAKDOWNS, PeriodCounts, count_columns, team_key
from plans.followup.labels import category_sort_key
from plans.followup.masking import Mask
from plans.followup.periods import Grouping, Period, whole_periods
from plans.followup.report import (
    PeriodResult,
    Report,
    case_block,
    flatten_cases,
    flatten_survey,
    period_result,
    survey_block,
)
from plans.followup.set_masking import ColumnSum, suppress_set


class SetName(StrEnum):
    VT_HT_YEAR = "vt-ht-year"
    TEAMS = "teams"


class UnknownTeamError(ValueError):
    """A team name no case has; carries the teams that exist."""

    def __init__(self, team: str, known: list[str]) -> None:
        self.team, self.known = team, known
        super().__init__(f"no team '{team}'; known teams: {', '.join(known) or '(none)'}")


def known_teams(facts: Iterable[Mapping[str, Any]]) -> list[str]:
    """Team names as first written, one per team however its case and spacing vary."""
    found: dict[str, str] = {}
    for f in facts:
        name = " ".join(str(f.get("team") or "").split())
        if name:
            found.setdefault(team_key(name), name)
    return sorted(found.values(), key=str.casefold)


def check_team(facts: Iterable[Mapping[str, Any]], team: str | None) -> str | None:
    """The team as its cases write it; raises UnknownTeamError for a team with no case."""
    if not team:
        return None
    known = known_teams(facts)
    match = [k for k in known if team_key(k) == team_key(team)]
    if not match:
        raise UnknownTeamError(team, known)
    return match[0]


@dataclass(frozen=True)
class _Column:
    name: str
    period: Period
    team: str | None
    """None: all teams; "": cases without a team."""
    keep: Callable[[Mapping[str, Any]], bool]
    published: bool = True


def _of_team(wanted: str, facts: Mapping[str, Any]) -> bool:
    return team_key(str(facts.get("team") or "")) == wanted


def _not_team(wanted: str, facts: Mapping[str, Any]) -> bool:
    return team_key(str(facts.get("team") or "")) != wanted


def _everyone(_facts: Mapping[str, Any]) -> bool:
    return True


def report_set(
    facts: Iterable[Mapping[str, Any]],
    name: SetName | str,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    team: str | None = None,
    suppress: bool = True,
    surveys: Iterable[Mapping[str, Any]] = (),
) -> Report:
    """``surveys``: anonymous surveys kept apart from the cases, as in ``term_report``.
    ``vt-ht-year`` needs ``year``; ``teams`` needs ``start`` and ``end`` (or ``year``).
    Raises UnknownTeamError for a team no case has, ValueError for a bad range."""
    which = SetName(name)
    asked: tuple[dt.date, dt.date] | None = None
    rows = counted_facts(facts)
    apart = list(surveys)
    team = check_team(rows, team)
    if which is SetName.VT_HT_YEAR:
        if year is None:
            raise ValueError("the vt-ht-year set needs a year")
        columns, relations = _vt_ht_year(year, team)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        if year is not None:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if start is None or end is None:
            raise ValueError("the teams set needs a year or a range")
        if end < start:
            raise ValueError(f"the end date {end} is before the start date {start}")
        if suppress:
            asked, (start, end) = (start, end), _one_term_or_year(start, end)
        columns, relations = _teams(rows, start, end)
    # Counted under the column's name (a term's label repeats across teams), then
    # given its period back.
    counted = count_columns(
        rows, [(replace(c.period, label=c.name), c.keep) for c in columns], apart
    )
    categories = _union_categories([counted.categories])
    periods = {
        c.name: _fill(replace(p, period=c.period), categories)
        for c, p in zip(columns, counted.periods, strict=True)
    }
    case_values = {n: flatten_cases(p.cases, categories) for n, p in periods.items()}
    survey_values = {n: flatten_survey(p.survey) for n, p in periods.items()}
    hidden = frozenset(c.name for c in columns if not c.published)
    case_masks: dict[str, dict[str, Mask]] = {}
    survey_masks: dict[str, dict[str, Mask]] = {}
    if suppress:
        case_masks = suppress_set(
            {n: case_block(v, categories) for n, v in case_values.items()}, relations, hidden
        )
        survey_masks = suppress_set(
            {n: survey_block(v) for n, v in survey_values.items()}, relations, hidden
        )
    results = [
        _with_team(
            period_result(
                c.period,
                case_values[c.name],
                case_masks.get(c.name, {}),
                survey_values[c.name],
                survey_masks.get(c.name, {}),
                categories,
            ),
            c.team,
            show_team=which is SetName.TEAMS or team is not None,
        )
        for c in columns
        if c.published
    ]
    return Report(
        start=start,
        end=end,
        by=Grouping.TERM if which is SetName.VT_HT_YEAR else Grouping.YEAR,
        team=team,
        masked=suppress,
        periods=results,
        categories=categories,
        set_name=which.value,
        asked=asked if asked != (start, end) else None,
    )


def _one_term_or_year(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """A masked teams set covers one whole term or one whole year (see
    ``periods.whole_periods``): any other column could be subtracted from the terms and
    years published on their own."""
    start, end = whole_periods(start, end, Grouping.TERM)
    if whole_periods(start, start, Grouping.TERM)[1] == end or (
        start.year == end.year and (start.month, end.month) == (1, 12)
    ):
        return start, end
    raise ValueError(f"a masked teams set covers one term or one year, not {start} to {end}")


def _with_team(result: PeriodResult, team: str | None, *, show_team: bool) -> PeriodResult:
    return replace(result, team=team, show_team=show_team)


def _vt_ht_year(year: int, team: str | None) -> tuple[list[_Column], list[ColumnSum]]:
    spans = [
        Period(f"{year}-VT", dt.date(year, 1, 1), dt.date(year, 6, 30)),
        Period(f"{year}-HT", dt.date(year, 7, 1), dt.date(year, 12, 31)),
        Period(f"{year}", dt.date(year, 1, 1), dt.date(year, 12, 31)),
    ]
    groups: list[tuple[str, str | None, Callable[[Mapping[str, Any]], bool], bool]]
    if team is None:
        groups = [("all", None, _everyone, True)]
    else:
        wanted = team_key(team)
        groups = [
            ("team", team, partial(_of_team, wanted), True),
            ("all", None, _everyone, True),
            ("rest", "", partial(_not_team, wanted), False),
        ]
    columns = [
        _Column(f"{g}:{p.label}", p, who, keep, shown)
        for g, who, keep, shown in groups
        for p in spans
    ]
    vt, ht, whole = (p.label for p in spans)
    relations = [ColumnSum(f"{g}:{whole}", (f"{g}:{vt}", f"{g}:{ht}")) for g, *_ in groups]
    if team is not None:
        relations += [ColumnSum(f"all:{p}", (f"team:{p}", f"rest:{p}")) for p in (vt, ht, whole)]
    return columns, relations


def _teams(
    facts: list[Mapping[str, Any]], start: dt.date, end: dt.date
) -> tuple[list[_Column], list[ColumnSum]]:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        label = str(start.year)
    else:
        label = f"{start.isoformat()}–{end.isoformat()}"
    period = Period(label, start, end)
    names = known_teams(facts)
    columns = [_Column(f"team:{n}", period, n, partial(_of_team, team_key(n))) for n in names]
    if any(not team_key(str(f.get("team") or "")) for f in facts):
        columns.append(_Column("team:", period, "", partial(_of_team, "")))
    parts = tuple(c.name for c in columns)
    columns.append(_Column("all", period, None, _everyone))
    return columns, [ColumnSum("all", parts)] if parts else []


def _union_categories(all_categories: list[dict[str, list[str]]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for categories in all_categories:
        for name, codes in categories.items():
            seen = out.setdefault(name, [])
            seen += [c for c in codes if c not in seen]
    for name in MULTI_BREAKDOWNS:
        out.setdefault(name, []).sort(key=partial(category_sort_key, name))
    return out


def _fill(period: PeriodCounts, categories: dict[str, list[str]]) -> PeriodCounts:
    """A column's counts with a zero for every category another column has."""
    cases = dict(period.cases)
    for name, codes in categories.items():
        cases[name] = {c: int(period.cases.get(name, {}).get(c, 0)) for c in codes}
    return PeriodCounts(period=period.period, cases=cases, survey=period.survey)
