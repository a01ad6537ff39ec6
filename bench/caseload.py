"""Caseload benchmark: the start page's work at 10,000 open cases, from the index rows
(``CaseSummary`` with their facts JSON) to the sorted caseload with every signal.

    .venv/bin/python bench/caseload.py [--cases 10000] [--repeat 5]

The rows are copies of the demo cases' index rows with new ids (so the facts have the
real shape); the store is not what is timed. The floor, measured in the same run, is
only parsing each row's facts JSON, which any list over the index pays. The machine is
shared: read the figures against the floor, not as absolutes. Last line is JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

from plans.caseload.mine import names_of
from plans.caseload.rows import caseload_rows
from plans.demo import write_demo
from plans.services import Actor
from plans.store import CaseSummary
from plans.store.files import FileStore

TODAY = dt.date(2026, 11, 23)


def rows(count: int) -> list[CaseSummary]:
    with tempfile.TemporaryDirectory() as folder:
        store = FileStore(Path(folder))
        write_demo(store, 40, seed=3, today=TODAY)
        base = [c for c in store.list_cases() if c.status == "open"]
    return [dataclasses.replace(base[i % len(base)], id=f"c-bench{i:06d}") for i in range(count)]


def fresh(cases: list[CaseSummary]) -> list[CaseSummary]:
    """New objects, so that no run finds the facts already parsed."""
    return [dataclasses.replace(c) for c in cases]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = rows(args.cases)
    names = names_of(Actor(username="Lena Holm"))
    timings: dict[str, list[float]] = {"floor_parse_facts": [], "mine": [], "all_open": []}
    for _ in range(args.repeat):
        batch = fresh(cases)
        start = time.perf_counter()
        for c in batch:
            _ = c.facts
        timings["floor_parse_facts"].append(time.perf_counter() - start)
        for label, only_mine in (("mine", True), ("all_open", False)):
            batch = fresh(cases)
            start = time.perf_counter()
            caseload_rows(batch, names, TODAY, stalled_weeks=6, only_mine=only_mine)
            timings[label].append(time.perf_counter() - start)
    result = {k: round(statistics.median(v) * 1000, 1) for k, v in timings.items()}
    for label, ms in result.items():
        print(f"{label:<20} median {ms:8.1f} ms  ({args.cases} cases, {args.repeat} runs)")
    print(json.dumps({"cases": args.cases, "median_ms": result}))


if __name__ == "__main__":
    main()
