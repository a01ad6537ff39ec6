"""What the store's safety costs: medians of a save (every byte written, size and
checksum read back, link, index) beside a floor measured in the same run – the bare
durable write of the same bytes (write, fsync, link, fsync the folder) – plus opening
the store (catch-up check of the case folders) and a full rebuild. Figures on a shared
machine are noisy; compare each with its floor, not with another run. Last line is JSON.

    .venv/bin/python bench/store_edges.py [--cases 300] [--repeat 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.plan import Action, PlanBody
from plans.store.files import FileStore


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 3)


def _bare_durable_write(folder: Path, n: int, data: bytes) -> None:
    tmp, final = folder / f".t{n}", folder / f"{n:06d}.json"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, data)
    os.fsync(fd)
    os.close(fd)
    os.link(tmp, final)
    os.unlink(tmp)
    dfd = os.open(folder, os.O_RDONLY)
    os.fsync(dfd)
    os.close(dfd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        store = FileStore(root)
        # Own fictional cases: plans.demo fails beyond its five stories (seen on main).
        plan_ids = []
        for n in range(args.cases):
            child = Child(first_name=f"Testbarn {n}", birth_date=dt.date(2019, 1, 1))
            cid = store.create_case(CaseBody(type=CaseType.CHILD, child=child)).case_id
            actions = [Action(id=f"a-{i + 1}", what="ett steg " * 20) for i in range(5)]
            store.save(cid, "plan", PlanBody(actions=actions), parent_revision=None)
            plan_ids.append(cid)
        floor_dir = Path(tmp) / "floor"
        floor_dir.mkdir()
        saves, floors = [], []
        for n in range(args.repeat):
            cid = plan_ids[n % len(plan_ids)]
            latest = store.load(cid, "plan")
            body = latest.parsed()
            start = time.perf_counter()
            store.save(cid, "plan", body, parent_revision=latest.revision, note="bench")
            saves.append(time.perf_counter() - start)
            data = latest.to_json().encode()
            start = time.perf_counter()
            _bare_durable_write(floor_dir, n, data)
            floors.append(time.perf_counter() - start)
        opens = []
        for _ in range(10):
            start = time.perf_counter()
            FileStore(root)
            opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        indexed = store.reindex()
        rebuild_s = time.perf_counter() - start
    figures = {
        "cases": indexed,
        "save_ms": _median_ms(saves),
        "floor_bare_durable_write_ms": _median_ms(floors),
        "open_ms": _median_ms(opens),
        "rebuild_s": round(rebuild_s, 2),
    }
    print(
        f"save {figures['save_ms']} ms (floor {figures['floor_bare_durable_write_ms']} ms), "
        f"open {figures['open_ms']} ms, rebuild of {indexed} cases {figures['rebuild_s']} s",
        file=sys.stderr,
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
