"""Statistics benchmark: 100,000 fictional facts dicts (seeded), then the median time
of a year's term report, as the app and ``hjulet stats`` make it: from the list of
facts to masked JSON. Goal: under 2 s. Last line is JSON.

    .venv/bin/python bench/stats.py [--cases 100000] [--repeat 7] [--year 2024]

The facts are made directly in the shape ``case_facts`` gives (spread over ten
years and five teams, some with surveys), so the store is not what is timed.
Timed twice: with the cases spread over ten years (a tenth in the report's
year), and with all of them raised in that year (the worst case).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from typing import Any

from plans.documents.case import AgeBand, Gender, Referrer
from plans.documents.survey import QUESTIONS
from plans.followup.facts import FACTS_VERSION
from plans.followup.report import term_report
from plans.followup.report_set import report_set
from plans.templates import template

TEAMS = ["Norra", "Södra", "Östra", "Västra", "Centrum"]


def synthetic_facts(count: int, seed: int, first_year: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    wheel = template("girfec-sv")
    areas = wheel.area_ids()
    risks = [f.id for f in wheel.risk_factors]
    protections = [f.id for f in wheel.protective_factors]
    interventions = [i.id for i in wheel.interventions]
    start = dt.date(first_year, 1, 1).toordinal()
    span = dt.date(first_year + 9, 12, 31).toordinal() - start
    facts = []
    for _ in range(count):
        raised = dt.date.fromordinal(start + rng.randrange(span + 1))
        kind = rng.choices(["child", "unborn", "anonymous"], [0.6, 0.07, 0.33])[0]
        consent = kind != "anonymous" and rng.random() < 0.9
        plan = consent and rng.random() < 0.6
        surveys = []
        if plan and rng.random() < 0.4:
            for respondent in rng.sample(["child", "guardian", "guardian"], rng.randint(1, 2)):
                day = raised + dt.timedelta(days=rng.randint(20, 200))
                answers = {
                    q: str(rng.choice(list(scale)).value)
                    for q, scale in QUESTIONS.items()
                    if q != "help_mattered" and rng.random() < 0.9
                }
                surveys.append(
                    {"answered_on": day.isoformat(), "respondent": respondent, "answers": answers}
                )
        facts.append(
            {
                "v": FACTS_VERSION,
                "raised_on": raised.isoformat(),
                "type": kind,
                "team": rng.choice(TEAMS),
                "status": rng.choice(["open", "closed"]),
                "consent": consent,
                "consent_active": consent,
                "coordinated_plan": consent and rng.random() < 0.35,
                "childs_plan": plan,
                "age_band": "unborn"
                if kind == "unborn"
                else rng.choice([a.value for a in AgeBand if a is not AgeBand.UNBORN]),
                "gender": rng.choice([g.value for g in Gender]),
                "referrer": rng.choice([r.value for r in Referrer]),
                "areas_with_support": sorted(rng.sample(areas, rng.randint(0, 3))) if plan else [],
                "risk_factors": sorted(rng.sample(risks, rng.randint(0, 3))),
                "protective_factors": sorted(rng.sample(protections, rng.randint(0, 2))),
                "interventions": sorted(rng.sample(interventions, rng.randint(0, 3)))
                if plan
                else [],
                "imported": False,
                "import_key": "",
                "surveys": surveys,
                "batch": None,
            }
        )
    return facts


def _median_s(action: Any, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--year", type=int, default=2024, help="A leap year (see below).")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    first_year = args.year - 5
    started = time.perf_counter()
    facts = synthetic_facts(args.cases, args.seed, first_year)
    made = time.perf_counter() - started
    print(f"made {len(facts)} facts in {made:.1f} s", file=sys.stderr)
    start, end = dt.date(args.year, 1, 1), dt.date(args.year, 12, 31)

    def year_by_term() -> None:
        term_report(facts, start, end, "term").to_json()

    def year_by_month_one_team() -> None:
        term_report(facts, start, end, "month", team="Norra").to_json()

    # The worst case: every one of the cases raised in the year of the report.
    # (Moving whole dates into a leap year keeps every day a real day.)
    dense = [{**f, "raised_on": f"{args.year}{f['raised_on'][4:]}"} for f in facts]

    def dense_year_by_term() -> None:
        term_report(dense, start, end, "term").to_json()

    term_report(facts, start, end)  # warm the template and catalogue caches
    median, times = _median_s(year_by_term, args.repeat)
    month_median, _ = _median_s(year_by_month_one_team, args.repeat)
    dense_median, _ = _median_s(dense_year_by_term, args.repeat)
    # Report sets on one municipality's worth of cases (about 700 a year, as in
    # Västerbotten): the exact check of a set beside one report over the same facts.
    small = [f for f in facts if f["raised_on"][:4] == str(args.year)][:700]
    norra = next(t for t in TEAMS if any(f["team"] == t for f in small))
    sets = {
        "vt_ht_year": lambda: report_set(small, "vt-ht-year", year=args.year).to_json(),
        "vt_ht_year_one_team": lambda: report_set(
            small, "vt-ht-year", year=args.year, team=norra
        ).to_json(),
        "teams": lambda: report_set(small, "teams", year=args.year).to_json(),
    }
    # The same 700 cases spread over 50 teams (Västerbotten has about 50): one team
    # beside all teams, the other 49 unseen; and every team side by side.
    fifty = [{**f, "team": f"Team {i % 50:02d}"} for i, f in enumerate(small)]
    sets["vt_ht_year_one_team_of_50"] = lambda: report_set(
        fifty, "vt-ht-year", year=args.year, team="Team 00"
    ).to_json()
    sets["teams_50"] = lambda: report_set(fifty, "teams", year=args.year).to_json()
    set_repeat = max(3, args.repeat // 2)
    floor, _ = _median_s(lambda: term_report(small, start, end, "term").to_json(), set_repeat)
    set_medians = {name: _median_s(run, set_repeat)[0] for name, run in sets.items()}
    print(
        f"report sets over {len(small)} cases of {args.year}: "
        + ", ".join(f"{n} median {m:.3f} s" for n, m in set_medians.items())
        + f"; floor (one report by term, same facts) {floor:.3f} s",
        file=sys.stderr,
    )
    report = term_report(facts, start, end).to_json()
    raised = sum(p["raised_total"] for p in report if isinstance(p["raised_total"], int))
    print(
        f"year {args.year} by term over {len(facts)} cases ({raised} raised that year): "
        f"median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f}); "
        f"by month for one team: median {month_median:.3f} s; "
        f"all {len(dense)} raised in the year, by term: median {dense_median:.3f} s",
        file=sys.stderr,
    )
    print(
        json.dumps(
            {
                "bench": "stats",
                "cases": len(facts),
                "raised_in_year": raised,
                "repeat": args.repeat,
                "year_by_term_median_s": round(median, 3),
                "year_by_month_one_team_median_s": round(month_median, 3),
                "all_in_year_by_term_median_s": round(dense_median, 3),
                "set_cases": len(small),
                "set_floor_one_report_s": round(floor, 3),
                **{f"set_{n}_median_s": round(m, 3) for n, m in set_medians.items()},
                "goal_s": 2.0,
                "ok": max(median, dense_median) < 2.0,
            }
        )
    )


if __name__ == "__main__":
    main()
