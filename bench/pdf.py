"""How long the family PDF takes, beside a floor measured in the same run.

    .venv/bin/python bench/pdf.py [--runs N]

Goals from issue 13: a typical plan (8 areas, 12 actions) under 60 ms, a
100-action plan under 300 ms, and 100 actions with Arabic names under 1 s.

The floor is fpdf2 itself writing the same text (every string of the view) in
one font, one line per string, without any layout: no wrapping, tables, wheel,
shaping or fallback fonts. Its ratio says what our layout costs on top of
fpdf2, whatever the load on the machine. Runs alternate between the two, and
the times are CPU time of this process (``time.process_time``), which the other
work on a shared machine disturbs less than the wall clock; figures are still
noisy there. The plans are fictional and held in memory, so the figures are the
view plus the PDF, not the store. The last line is JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

from fpdf import FPDF

from plans.pdf import render, style
from plans.pdf.text import clean_text
from plans.planview import view_from_documents
from plans.planview.documents import CaseDocuments
from plans.planview.model import PlanView
from plans.planview.samples import sample_documents

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
ARABIC_NAMES = ("ليلى حسن", "محمد عبدالله", "فاطمة الزهراء", "يوسف إبراهيم")
CASES: dict[str, dict[str, Any]] = {
    "typical": {"areas": 8, "actions": 12, "names": (), "goal_ms": 60},
    "large": {"areas": 8, "actions": 100, "names": (), "goal_ms": 300},
    "arabic": {"areas": 8, "actions": 100, "names": ARABIC_NAMES, "goal_ms": 1000},
}


def view_texts(value: object) -> Iterator[str]:
    """Every string a view holds (the wheel's template aside), in field order."""
    if isinstance(value, str):
        if value.strip():
            yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            if item.name != "template":
                yield from view_texts(getattr(value, item.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from view_texts(item)


def floor_pdf(view: PlanView) -> bytes:
    """fpdf2 writing the view's text in one font, one line per string, no layout."""
    pdf = FPDF(format="A4")
    pdf.add_font(style.FONT, "", str(style.FONT_FILES[""]))
    pdf.set_font(style.FONT, "", style.BODY_PT)
    pdf.add_page()
    for text in view_texts(view):
        pdf.cell(text=clean_text(text).replace("\n", " "))
        pdf.ln()
    return bytes(pdf.output())


def ours(docs: CaseDocuments) -> bytes:
    return render(view_from_documents(docs, "family"), created_at=CREATED_AT).data


def cpu_ms(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return (time.process_time() - start) * 1000


def measure(docs: CaseDocuments, runs: int) -> dict[str, float | int]:
    view = view_from_documents(docs, "family")
    data = ours(docs)  # warm caches and imports
    floor_pdf(view)
    times, floors = [], []
    for _ in range(runs):
        times.append(cpu_ms(lambda: ours(docs)))
        floors.append(cpu_ms(lambda: floor_pdf(view)))
    median, floor = statistics.median(times), statistics.median(floors)
    return {
        "median_ms": round(median, 1),
        "min_ms": round(min(times), 1),
        "floor_ms": round(floor, 1),
        "ratio": round(median / floor, 2),
        "bytes": len(data),
        "pages": render(view, created_at=CREATED_AT).pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # The floor's one font lacks Arabic; fpdf2 says so for every document.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    results: dict[str, dict[str, float | int]] = {}
    for name, case in CASES.items():
        runs = args.runs if name == "typical" else max(3, args.runs // 3)
        docs = sample_documents(
            areas=case["areas"], actions=case["actions"], who_names=case["names"]
        )
        figures = measure(docs, runs)
        figures["goal_ms"] = case["goal_ms"]
        figures["runs"] = runs
        results[name] = figures
        print(
            f"{name:8} {case['areas']} areas, {case['actions']:3} actions: "
            f"median {figures['median_ms']:7.1f} ms CPU (min {figures['min_ms']:.1f}, "
            f"goal < {case['goal_ms']} ms); floor {figures['floor_ms']:.1f} ms, "
            f"ratio {figures['ratio']:.2f}; {figures['bytes'] / 1024:.1f} KiB, "
            f"{figures['pages']} pages"
        )
    print(json.dumps({"bench": "pdf", "audience": "family", "clock": "cpu", **results}))


if __name__ == "__main__":
    main()
