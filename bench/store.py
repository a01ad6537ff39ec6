"""Store benchmark: 10,000 demo cases in a temp folder, then medians of save,
load latest, list all and history, and peak memory. Last line is JSON.

    .venv/bin/python bench/store.py [--cases 10000] [--repeat 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from plans.demo import write_demo
from plans.store.files import FileStore


def _median_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = FileStore(Path(tmp))
        started = time.perf_counter()
        ids = write_demo(
            store,
            args.cases,
            seed=7,
            progress=lambda done, total: (
                print(f"\r{done}/{total} cases", end="", file=sys.stderr)
                if done % 500 == 0
                else None
            ),
        )
        print(f"\nwrote {len(ids)} cases in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        plan_ids = [cid for cid in ids if store.latest_or_none(cid, "plan")][: args.repeat]
        revisions = {cid: store.load(cid, "plan").revision for cid in plan_ids}

        def save(n: int) -> None:
            cid = plan_ids[n % len(plan_ids)]
            body = store.load(cid, "plan").parsed()
            start = time.perf_counter()
            env = store.save(cid, "plan", body, parent_revision=revisions[cid], note="bench")
            save_times.append((time.perf_counter() - start) * 1000)
            revisions[cid] = env.revision

        save_times: list[float] = []
        for n in range(args.repeat):
            save(n)
        figures = {
            "cases": len(ids),
            "save_ms": round(statistics.median(save_times), 3),
            "load_latest_ms": _median_ms(
                lambda n: store.load(plan_ids[n % len(plan_ids)], "plan"), args.repeat
            ),
            "list_all_ms": _median_ms(lambda _n: store.list_cases(), 15),
            "history_ms": _median_ms(
                lambda n: store.history(plan_ids[n % len(plan_ids)], "plan"), args.repeat
            ),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "goals_ms": {"save": 20, "load_latest": 5, "list_all": 300},
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
