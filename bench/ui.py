"""UI benchmark: with N demo cases stored (default 10,000), the median server-side
time of a rerun of the start page, a case page and the assessment step, measured
with Streamlit's AppTest (the script run only, no browser). Last line is JSON.

    .venv/bin/python bench/ui.py [--cases 10000] [--repeat 15] [--data DIR]

``--data DIR`` reuses a folder filled earlier (``hjulet --data-dir DIR demo --cases N``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median_rerun_ms(at: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
    if at.exception:  # type: ignore[attr-defined]
        raise SystemExit(f"the page failed: {at.exception}")  # type: ignore[attr-defined]
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        os.environ["HJULET_DATA_DIR"] = str(data)
        from streamlit.testing.v1 import AppTest

        from plans.demo import write_demo
        from plans.store.files import FileStore

        store = FileStore(data)
        if not store.list_cases():
            started = time.perf_counter()
            write_demo(store, args.cases, seed=3)
            print(
                f"wrote {args.cases} cases in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
        cases = store.list_cases()
        case_id = next(c.id for c in cases if c.display_name.startswith("Noah"))
        entry = str(ROOT / "streamlit_app.py")

        start_page = AppTest.from_file(entry, default_timeout=60)
        start_page.run()
        case_page = AppTest.from_file(entry, default_timeout=60)
        case_page.query_params["case"] = case_id
        case_page.run()
        assessment = AppTest.from_file(entry, default_timeout=60)
        assessment.query_params["case"] = case_id
        assessment.session_state[f"step::{case_id}"] = "assessment"
        assessment.run()
        figures = {
            "cases": len(cases),
            "start_page_ms": _median_rerun_ms(start_page, args.repeat),
            "case_page_ms": _median_rerun_ms(case_page, args.repeat),
            "assessment_step_ms": _median_rerun_ms(assessment, args.repeat),
            "goal_ms": 100,
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
