"""Report sets (issue 13 items 8 and 10): spring, autumn and the year, one team beside
all teams, and every team side by side, masked together. An attacker who reads the
published set and knows every rule (docs/followup.md) solves for each masked count
with integer programming; it must never find a single possible value."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from plans.cli import main
from plans.documents.survey import QUESTIONS
from plans.followup.counts import MULTI_BREAKDOWNS, SINGLE_BREAKDOWNS
from plans.followup.report import Report, term_report
from plans.followup.report_set import UnknownTeamError, report_set
from plans.store.files import FileStore
from plans.templates import template

HEAD = (
    "raised_total",
    "raised_with_consent",
    "raised_anonymous",
    "coordinated_plans",
    "childs_plans",
)


def fact(
    day: str,
    *,
    team: str = "Norr",
    consent: bool = True,
    sip: bool = False,
    plan: bool = False,
    age: str = "6-12",
    gender: str = "girl",
    referrer: str = "school",
    areas: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "v": 3,
        "raised_on": day,
        "type": "child",
        "team": team,
        "status": "open",
        "consent": consent,
        "consent_active": consent,
        "coordinated_plan": sip,
        "childs_plan": plan,
        "age_band": age,
        "gender": gender,
        "referrer": referrer,
        "areas_with_support": list(areas),
        "risk_factors": [],
        "protective_factors": [],
        "interventions": [],
        "imported": False,
        "import_key": "",
        "surveys": [],
        "batch": None,
    }


# --- the attacker -----------------------------------------------------------------------


def _cells(item: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key in HEAD:
        yield key, item[key]
    for name in (*SINGLE_BREAKDOWNS, *MULTI_BREAKDOWNS):
        for code, value in item[name].items():
            yield f"{name}/{code}", value


def attack(
    published: list[dict[str, Any]], relations: list[tuple[str, list[str]]], hidden: list[str]
) -> list[str]:
    """Masked cells whose value the published columns and the rules pin down.

    ``published`` are JSON columns (``column`` names them); ``relations`` say column
    total = sum of part columns for every count; ``hidden`` are columns never shown."""
    names = [k for k, _ in _cells(published[0])]
    cols = [p["column"] for p in published] + hidden
    var = {(c, n): i for i, (c, n) in enumerate((c, n) for c in cols for n in names)}
    lb, ub = np.zeros(len(var)), np.full(len(var), np.inf)
    rows: list[np.ndarray] = []
    lo: list[float] = []
    hi: list[float] = []

    def rule(coef: dict[int, float], low: float, high: float) -> None:
        row = np.zeros(len(var))
        for i, v in coef.items():
            row[i] += v
        rows.append(row)
        lo.append(low)
        hi.append(high)

    for c in cols:
        total = var[(c, "raised_total")]
        rule(
            {total: 1, var[(c, "raised_with_consent")]: -1, var[(c, "raised_anonymous")]: -1}, 0, 0
        )
        for name in SINGLE_BREAKDOWNS:
            coef = {total: 1.0}
            for n in names:
                if n.startswith(f"{name}/"):
                    coef[var[(c, n)]] = -1.0
            rule(coef, 0, 0)
        rule({var[(c, "coordinated_plans")]: 1, var[(c, "raised_with_consent")]: -1}, -np.inf, 0)
        rule({var[(c, "childs_plans")]: 1, total: -1}, -np.inf, 0)
        for n in names:
            if n.split("/")[0] in MULTI_BREAKDOWNS:
                rule({var[(c, n)]: 1, total: -1}, -np.inf, 0)
    for whole, parts in relations:
        for n in names:
            coef = {var[(whole, n)]: 1.0}
            for p in parts:
                coef[var[(p, n)]] = coef.get(var[(p, n)], 0) - 1.0
            rule(coef, 0, 0)
    masked = []
    zero_ok = may_be_zero(published, relations)
    for item in published:
        c = item["column"]
        for n, value in _cells(item):
            i = var[(c, n)]
            if value == "<5":
                lb[i], ub[i] = (0 if c in zero_ok and n != "raised_total" else 1), 4
                masked.append((c, n))
            elif value == "x":
                lb[i] = 5
                masked.append((c, n))
            else:
                lb[i] = ub[i] = value
    constraints = LinearConstraint(np.array(rows), lo, hi)
    exposed = []
    for c, n in masked:
        objective = np.zeros(len(var))
        objective[var[(c, n)]] = 1
        ends = []
        for sign in (1, -1):
            result = milp(
                sign * objective,
                integrality=np.ones(len(var)),
                bounds=Bounds(lb, ub),
                constraints=constraints,
            )
            # The truth is a solution, so the minimum exists; a maximum may not (HiGHS
            # then says "infeasible or unbounded", status 3 or 4).
            assert result.status == 0 or (sign == -1 and result.status in (3, 4)), result.message
            ends.append(round(result.x[var[(c, n)]]) if result.status == 0 else None)
        if ends[0] is not None and ends[0] == ends[1]:
            exposed.append(f"{c}: {n} = {ends[0]}")
    return exposed


def may_be_zero(
    published: list[dict[str, Any]], relations: list[tuple[str, list[str]]]
) -> set[str]:
    """Columns whose "<5" may be 0 (docs/followup.md): a column with "<5" children, and
    every column tied to one by the sums of the set – except an empty one (all 0)."""
    out = {p["column"] for p in published if p["raised_total"] == "<5"}
    for _ in relations:
        for whole, parts in relations:
            if out & {whole, *parts}:
                out |= {whole, *parts}
    return out - {p["column"] for p in published if p["raised_total"] == 0}


def truthful(masked: Report, plain: Report, relations: list[tuple[str, list[str]]]) -> None:
    """'<5' is 1-4 (0-4 where the rules allow a zero), 'x' is 5 or more, shown is exact."""
    published = [{**m, "column": m.get("column") or m["period"]} for m in masked.to_json()]
    zero_ok = may_be_zero(published, relations)
    for m, p in zip(published, plain.to_json(), strict=True):
        low = 1 if m["column"] not in zero_ok else 0
        for (name, shown), (_, value) in zip(_cells(m), _cells(p), strict=True):
            if shown == "<5":
                assert (1 if name == "raised_total" else low) <= value <= 4, name
            elif shown == "x":
                assert value >= 5, name
            else:
                assert shown == value, name


# --- the reproduction ---------------------------------------------------------------------


def vasterbotten_mvc() -> list[dict[str, Any]]:
    """Spring: 8 referrals from MVC among 40; autumn: 4 among 30."""
    facts = [fact("2020-03-01", referrer="mvc", age="unborn") for _ in range(8)]
    facts += [fact("2020-04-01", referrer="school") for _ in range(32)]
    facts += [fact("2020-09-01", referrer="mvc", age="unborn") for _ in range(4)]
    facts += [fact("2020-10-01", referrer="bvc", age="0-5") for _ in range(26)]
    return facts


def test_separate_term_and_year_reports_give_autumns_mvc_count_away() -> None:
    """The bug: each report alone is safe, but year 12 - spring 8 = autumn's "<5"."""
    facts = vasterbotten_mvc()
    terms = term_report(facts, dt.date(2020, 1, 1), dt.date(2020, 12, 31), by="term").to_json()
    whole = term_report(facts, dt.date(2020, 1, 1), dt.date(2020, 12, 31), by="year").to_json()
    assert terms[1]["by_referrer"]["mvc"] == "<5"
    assert (whole[0]["by_referrer"]["mvc"], terms[0]["by_referrer"]["mvc"]) == (12, 8)
    columns = [
        {**terms[0], "column": "vt"},
        {**terms[1], "column": "ht"},
        {**whole[0], "column": "y"},
    ]
    assert "ht: by_referrer/mvc = 4" in attack(columns, [("y", ["vt", "ht"])], [])


def test_the_set_masks_the_three_columns_together() -> None:
    facts = vasterbotten_mvc()
    masked = report_set(facts, "vt-ht-year", year=2020)
    plain = report_set(facts, "vt-ht-year", year=2020, suppress=False)
    columns = masked.to_json()
    assert [c["column"] for c in columns] == ["2020-VT", "2020-HT", "2020"]
    assert columns[1]["by_referrer"]["mvc"] == "<5"
    assert attack(columns, [("2020", ["2020-VT", "2020-HT"])], []) == []
    truthful(masked, plain, [("2020", ["2020-VT", "2020-HT"])])


# --- the property -------------------------------------------------------------------------

TEAMS = ("Norr", "Syd", "")
# Modest and without shrinking: each example solves a few hundred small integer programs.
SETTINGS = settings(max_examples=8, phases=[Phase.explicit, Phase.reuse, Phase.generate])
row = st.tuples(
    st.sampled_from(["2021-02-01", "2021-09-01"]),
    st.sampled_from(TEAMS),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["0-5", "6-12"]),
    st.sampled_from(["girl", "boy"]),
    st.sampled_from(["mvc", "school", "bvc"]),
    st.sampled_from([(), ("safe",), ("safe", "healthy")]),
)
cases = st.lists(row, min_size=1, max_size=60).map(
    lambda rows: [
        fact(day, team=team, consent=c, sip=c and s, age=a, gender=g, referrer=r, areas=ar)
        for day, team, c, s, a, g, r, ar in rows
    ]
)


@SETTINGS
@given(cases)
def test_no_masked_count_of_a_vt_ht_year_set_can_be_worked_out(facts: list[dict[str, Any]]) -> None:
    masked = report_set(facts, "vt-ht-year", year=2021)
    relations = [("2021", ["2021-VT", "2021-HT"])]
    truthful(masked, report_set(facts, "vt-ht-year", year=2021, suppress=False), relations)
    assert attack(masked.to_json(), relations, []) == []


@settings(SETTINGS, max_examples=5)  # nine columns: the slowest set to attack
@given(cases)
def test_one_team_beside_all_teams_gives_nothing_away(facts: list[dict[str, Any]]) -> None:
    facts = [fact("2021-03-01", team="Norr"), *facts]  # the team exists
    masked = report_set(facts, "vt-ht-year", year=2021, team="Norr")
    published = masked.to_json()
    names = [c["column"] for c in published]
    assert names == [
        f"{w} {p}" for w in ("Norr", "All teams") for p in ("2021-VT", "2021-HT", "2021")
    ]
    rest = ["rest VT", "rest HT", "rest year"]
    relations = [(f"{w} 2021", [f"{w} 2021-VT", f"{w} 2021-HT"]) for w in ("Norr", "All teams")]
    relations.append(("rest year", ["rest VT", "rest HT"]))
    relations += [
        (f"All teams {p}", [f"Norr {p}", r])
        for p, r in zip(("2021-VT", "2021-HT", "2021"), rest, strict=True)
    ]
    plain = report_set(facts, "vt-ht-year", year=2021, team="Norr", suppress=False)
    truthful(masked, plain, relations)
    assert attack(published, relations, rest) == []


@SETTINGS
@given(cases)
def test_teams_side_by_side_give_nothing_away(facts: list[dict[str, Any]]) -> None:
    masked = report_set(facts, "teams", year=2021)
    published = masked.to_json()
    names = [c["column"] for c in published]
    assert names[-1] == "All teams 2021"
    relations = [(names[-1], names[:-1])]
    truthful(masked, report_set(facts, "teams", year=2021, suppress=False), relations)
    assert attack(published, relations, []) == []


# --- the commands -------------------------------------------------------------------------


def vasterbotten_2020() -> list[dict[str, Any]]:
    """Västerbotten 2020 as reported: VT 383 raised (249 with consent, 90 SIPs), HT 307
    (209, 73); referrals from MVC 8 in spring and 4 in autumn."""
    facts: list[dict[str, Any]] = []
    teams = ["Umeå", "Skellefteå", "Lycksele"]
    for day, raised, consented, sips, mvc in (
        ("2020-03-02", 383, 249, 90, 8),
        ("2020-10-05", 307, 209, 73, 4),
    ):
        for n in range(raised):
            facts.append(
                fact(
                    day,
                    team=teams[n % 3],
                    consent=n < consented,
                    sip=n < sips,
                    referrer="mvc" if n >= raised - mvc else ("school", "bvc", "preschool")[n % 3],
                    age=("0-5", "6-12", "13-16")[n % 3],
                    gender=("girl", "boy")[n % 2],
                )
            )
    return facts


def _store_with(
    store: FileStore, facts: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Summary:
        def __init__(self, f: dict[str, Any]) -> None:
            self.facts = f
            self.id = "c-x"

    monkeypatch.setattr(FileStore, "list_cases", lambda self: [Summary(f) for f in facts])


def run(store: FileStore, *args: str) -> int:
    return main(["--data-dir", str(store.root), *args])


def test_stats_set_vt_ht_year_2020_gives_the_vasterbotten_table(
    store: FileStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_with(store, vasterbotten_2020(), monkeypatch)
    assert run(store, "stats", "--set", "vt-ht-year", "--year", "2020", "--format", "json") == 0
    columns = json.loads(capsys.readouterr().out)
    assert [c["period"] for c in columns] == ["2020-VT", "2020-HT", "2020"]
    assert [c["raised_total"] for c in columns] == [383, 307, 690]
    assert [c["raised_with_consent"] for c in columns] == [249, 209, 458]
    assert [c["raised_anonymous"] for c in columns] == [134, 98, 232]
    assert [c["coordinated_plans"] for c in columns] == [90, 73, 163]
    assert columns[1]["by_referrer"]["mvc"] == "<5"
    columns = [{**c, "column": c["period"]} for c in columns]
    assert attack(columns, [("2020", ["2020-VT", "2020-HT"])], []) == []
    assert run(store, "stats", "--set", "vt-ht-year", "--year", "2020", "--lang", "en") == 0
    table = capsys.readouterr().out
    assert "2020-VT" in table and "2020-HT" in table and "690" in table


def test_stats_set_teams_and_team_beside_all(
    store: FileStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_with(store, vasterbotten_2020(), monkeypatch)
    assert (
        run(store, "stats", "--set", "teams", "--year", "2020", "--format", "json", "--lang", "en")
        == 0
    )
    columns = json.loads(capsys.readouterr().out)
    assert [c["team"] for c in columns] == ["Lycksele", "Skellefteå", "Umeå", None]
    assert [c["raised_total"] for c in columns] == [229, 230, 231, 690]
    assert (
        run(
            store,
            "stats",
            "--set",
            "vt-ht-year",
            "--year",
            "2020",
            "--team",
            "umeå",
            "--format",
            "json",
        )
        == 0
    )
    columns = json.loads(capsys.readouterr().out)
    assert [c["team"] for c in columns] == ["Umeå"] * 3 + [None] * 3


def test_an_unknown_team_is_invalid_input_that_names_the_known_teams(
    store: FileStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reproduction: an unknown team silently gave zeros."""
    _store_with(store, vasterbotten_2020(), monkeypatch)
    for args in (
        ["--from", "2020-01-01", "--to", "2020-12-31", "--team", "Umea"],
        ["--set", "vt-ht-year", "--year", "2020", "--team", "Norr"],
    ):
        assert run(store, "stats", *args, "--lang", "en") == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "Known teams: Lycksele, Skellefteå, Umeå" in err
    with pytest.raises(UnknownTeamError):
        report_set(vasterbotten_2020(), "teams", year=2020, team="Norr")


@pytest.mark.parametrize(
    "args",
    [
        ["--set", "vt-ht-year"],
        ["--set", "vt-ht-year", "--year", "2020", "--from", "2020-01-01"],
        ["--set", "teams"],
        ["--set", "teams", "--year", "2020", "--team", "Umeå"],
        ["--set", "nonsense", "--year", "2020"],
        ["--year", "2020"],
        [],
    ],
)
def test_set_options_that_do_not_fit_are_invalid_input(
    store: FileStore, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    _store_with(store, vasterbotten_2020(), monkeypatch)
    assert run(store, "stats", *args) == 2


def test_all_teams_beside_teams_uses_an_own_column_for_cases_without_a_team(tmp_path: Path) -> None:
    facts = [fact("2021-02-01", team="Norr") for _ in range(6)] + [
        fact("2021-02-01", team="") for _ in range(7)
    ]
    columns = report_set(facts, "teams", year=2021).to_json()
    assert [(c["team"], c["raised_total"]) for c in columns] == [("Norr", 6), ("", 7), (None, 13)]
    assert columns[1]["column"] == "No team 2021"


def municipality(teams: int, cases: int = 700, seed: int = 3) -> list[dict[str, Any]]:
    """A year of one municipality's cases spread over ``teams`` teams, with factors,
    interventions and family surveys as in bench/stats.py (fictional)."""
    rng = random.Random(seed)
    wheel = template("girfec-sv")
    risks = [f.id for f in wheel.risk_factors]
    interventions = [i.id for i in wheel.interventions]
    out = []
    for _ in range(cases):
        day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(365))
        row = fact(
            day.isoformat(),
            team=f"Team {rng.randrange(teams):02d}",
            consent=rng.random() < 0.65,
            sip=rng.random() < 0.3,
            plan=rng.random() < 0.5,
            age=rng.choice(["0-5", "6-12", "13-16"]),
            gender=rng.choice(["girl", "boy"]),
            referrer=rng.choice(["mvc", "school", "bvc", "preschool", "social_services"]),
            areas=tuple(rng.sample(wheel.area_ids(), rng.randrange(3))),
        )
        row["risk_factors"] = sorted(rng.sample(risks, rng.randrange(4)))
        row["interventions"] = sorted(rng.sample(interventions, rng.randrange(3)))
        if rng.random() < 0.25:
            row["surveys"] = [
                {
                    "answered_on": min(
                        day + dt.timedelta(days=60), dt.date(2021, 12, 31)
                    ).isoformat(),
                    "respondent": rng.choice(["child", "guardian"]),
                    "answers": {
                        q: str(rng.choice(list(scale)).value)
                        for q, scale in QUESTIONS.items()
                        if q != "help_mattered" and rng.random() < 0.9
                    },
                }
            ]
        out.append(row)
    return out


def test_teams_side_by_side_hide_few_team_totals() -> None:
    """The reproduction: with 15 teams every team's total was hidden ("x"). A team's
    total of 5 or more needs hiding only where a small count cannot be protected by
    counts inside the columns."""
    facts = municipality(15)
    masked = report_set(facts, "teams", year=2021)
    plain = report_set(facts, "teams", year=2021, suppress=False)
    published = masked.to_json()
    relations = [(published[-1]["column"], [c["column"] for c in published[:-1]])]
    truthful(masked, plain, relations)
    totals = [c["raised_total"] for c in published]
    assert totals.count("x") <= 2, totals
    hidden = sum(v == "x" for c in published for _, v in _cells(c))
    assert hidden <= 10, hidden


def test_one_team_beside_all_fifty_hides_little() -> None:
    """One team beside all teams, 700 cases over 50 teams (Västerbotten's size): the
    other 49 teams are unseen, so most small counts of the team are safe by themselves."""
    facts = municipality(50)
    team = facts[0]["team"]
    masked = report_set(facts, "vt-ht-year", year=2021, team=team).to_json()
    hidden = sum(v == "x" for c in masked for _, v in _cells(c))
    assert hidden <= 40, hidden
    assert all(isinstance(c["raised_total"], int) for c in masked[:3])  # each 5 or more
    assert [c["raised_total"] for c in masked[3:]] == [
        c["raised_total"] for c in report_set(facts, "vt-ht-year", year=2021).to_json()
    ]
