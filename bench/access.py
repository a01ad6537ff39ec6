"""How long the case list's access check takes: visible() beside the list itself (floor)
and beside the per-case check it replaced, on fictional demo cases. Prints medians."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

from plans.accounts import directory_for
from plans.demo import write_demo, write_demo_users
from plans.services import Context
from plans.services.access import Permission, may, visible
from plans.services.accounts import actor_for
from plans.store.files import FileStore


def _median_ms(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = FileStore(folder)
        write_demo_users(store, dt.date.today())
        write_demo(store, args.cases)
        user = directory_for(store).user("jonas")
        assert user is not None
        ctx = Context(store, actor_for(user), dt.date.today())
        cases = store.list_cases()

        def one_by_one() -> list[Any]:
            mine = directory_for(store).cases_of(user.username)
            return [c for c in cases if c.id in mine and may(ctx, c.id, Permission.READ)]

        shown = len(visible(ctx, cases))
        figures = {
            "cases": args.cases,
            "visible_to_jonas": shown,
            "floor_list_cases_ms": round(_median_ms(store.list_cases, args.repeat), 2),
            "visible_ms": round(_median_ms(lambda: visible(ctx, cases), args.repeat), 2),
            "per_case_check_ms": round(_median_ms(one_by_one, args.repeat), 2),
        }
    for key, value in figures.items():
        print(f"{key:>22}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
