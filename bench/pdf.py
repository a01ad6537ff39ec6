"""How long the family PDF takes, for a typical plan and a very large one.

    .venv/bin/python bench/pdf.py [--runs N]

Goals from issue 4: a typical plan (8 areas, 12 actions) under 100 ms and a
100-action plan under 1 s. The plans are fictional and held in memory, so the
figures are the view plus the PDF, not the store. The last line is JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time

from plans.pdf import render
from plans.planview import view_from_documents
from plans.planview.samples import sample_documents

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
CASES = {
    "typical": {"areas": 8, "actions": 12, "goal_ms": 100},
    "large": {"areas": 8, "actions": 100, "goal_ms": 1000},
}


def measure(areas: int, actions: int, runs: int) -> dict[str, float | int]:
    docs = sample_documents(areas=areas, actions=actions)
    render(view_from_documents(docs, "family"), created_at=CREATED_AT)  # warm caches and imports
    times, size, pages = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        result = render(view_from_documents(docs, "family"), created_at=CREATED_AT)
        times.append((time.perf_counter() - start) * 1000)
        size, pages = len(result.data), result.pages
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "bytes": size,
        "pages": pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results: dict[str, dict[str, float | int]] = {}
    for name, case in CASES.items():
        runs = args.runs if name == "typical" else max(3, args.runs // 3)
        figures = measure(int(case["areas"]), int(case["actions"]), runs)
        figures["goal_ms"] = case["goal_ms"]
        figures["runs"] = runs
        results[name] = figures
        print(
            f"{name:8} {case['areas']} areas, {case['actions']:3} actions: "
            f"median {figures['median_ms']:7.1f} ms (min {figures['min_ms']:.1f}, "
            f"goal < {case['goal_ms']} ms), {figures['bytes'] / 1024:.1f} KiB, "
            f"{figures['pages']} pages"
        )
    print(json.dumps({"bench": "pdf", "audience": "family", **results}))


if __name__ == "__main__":
    main()
