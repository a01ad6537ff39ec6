"""Store benchmark, files and PostgreSQL side by side in one run. Last line is JSON.

    .venv/bin/python bench/store.py [--backend files|postgresql|both] [--cases 2000]
                                    [--repeat 100] [--database-url URL]

For each backend: N fictional cases (a case and a plan each, some closed), then medians
of save (a new plan revision), load latest, list first page (50, soonest review), search
(one word, first page), history, a year's follow-up report (facts in one query, then
pandas; facts_query_ms is the query alone), and saves per second with 8 concurrent writer threads.

Each save is printed beside its floor, measured in the same run on the same machine:
    files       a bare write + fsync + rename of the same bytes in the same folder
    postgresql  a bare INSERT ... RETURNING of the same bytes into a table with one
                jsonb column, one commit each, on the same server
Without --database-url a throwaway server is started (tests/pgserver.py) with fsync on.
The machine may be shared: figures are noisy, compare ratios, not absolute times.
Goals (issue 16): save <= 3x floor; first page and search < 100 ms; year report < 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.pgserver

from plans.documents.case import CaseBody, CaseStatus, CaseType, Child
from plans.documents.common import Contact
from plans.documents.plan import Action, PlanBody
from plans.followup.report import term_report
from plans.store import Store, open_location

FIRST = ["Alva", "Bo", "Cleo", "Dante", "Elsa", "Frank", "Greta", "Hugo", "Ines", "Jon"]
LAST = ["Andersson", "Berg", "Ceder", "Dahl", "Ek", "Falk", "Gran", "Holm", "Ivarsson"]
TEAMS = ["Norra", "Södra", "Östra", "Västra", "Centrum"]
WRITERS = 8


def _median_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def _fill(store: Store, count: int, seed: int) -> list[str]:
    """Fictional cases written as a restore would: each case whole in one step."""
    from plans.store.envelope import make_envelope

    rng = random.Random(seed)
    ids = []
    for n in range(count):
        cid = f"c-bench{n:07d}"
        raised = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
        case = CaseBody(
            type=CaseType.CHILD,
            child=Child(
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                birth_date=dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(3000)),
            ),
            named_person=Contact(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
            team=rng.choice(TEAMS),
            raised_on=raised,
            status=CaseStatus.CLOSED if rng.random() < 0.3 else CaseStatus.OPEN,
        )
        plan = PlanBody(
            reasons="Vi vill att barnet ska må bra i skolan.",
            actions=[Action(id="a-1", what="Läxhjälp två gånger i veckan")],
            next_review=raised + dt.timedelta(days=rng.randrange(400)),
        )
        envs = [
            make_envelope(
                kind=kind,
                doc_id=kind,
                case_id=cid,
                revision=1,
                parent_revision=None,
                body=body,
                saved_by="bench",
                note="",
            )
            for kind, body in (("case", case), ("plan", plan))
        ]
        store.import_case(envs)
        ids.append(cid)
        if n % 500 == 0:
            print(f"\r  {n}/{count} cases", end="", file=sys.stderr)
    print(f"\r  {count}/{count} cases", file=sys.stderr)
    return ids


def _files_floor(folder: Path, data: bytes, repeat: int) -> float:
    def one(n: int) -> None:
        tmp, final = folder / f".tmp-{n}", folder / f"floor-{n:06d}.json"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(tmp, final)
        dfd = os.open(folder, os.O_RDONLY)
        os.fsync(dfd)
        os.close(dfd)

    folder.mkdir(parents=True, exist_ok=True)
    return _median_ms(one, repeat)


def _postgresql_floor(url: str, data: bytes, repeat: int) -> float:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, doc jsonb)")
        text = data.decode()
        ms = _median_ms(
            lambda _n: conn.execute(
                "INSERT INTO bench_floor (doc) VALUES (%s::jsonb) RETURNING id", (text,)
            ).fetchone(),
            repeat,
        )
        conn.execute("DROP TABLE bench_floor")
    return ms


def _concurrent_saves(store: Store, ids: list[str], seconds: float) -> float:
    """Saves per second with WRITERS threads, each on its own cases (no conflicts)."""
    stop = time.monotonic() + seconds
    counts = [0] * WRITERS

    def writer(k: int) -> None:
        mine = ids[k::WRITERS][:50]
        revs = {cid: store.load(cid, "plan").revision for cid in mine}
        n = 0
        while time.monotonic() < stop:
            cid = mine[n % len(mine)]
            body = PlanBody(actions=[Action(id="a-1", what=f"writer {k} save {n}")])
            revs[cid] = store.save(cid, "plan", body, parent_revision=revs[cid]).revision
            counts[k] += 1
            n += 1

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return round(sum(counts) / (time.monotonic() - started), 1)


def measure(name: str, location: str, floor_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    store = open_location(location)
    started = time.perf_counter()
    ids = _fill(store, args.cases, seed=7)
    fill_s = round(time.perf_counter() - started, 1)
    sample = ids[: args.repeat]
    revisions = {cid: store.load(cid, "plan").revision for cid in sample}
    save_times: list[float] = []
    for n in range(args.repeat):
        cid = sample[n % len(sample)]
        body = store.load(cid, "plan").parsed()
        start = time.perf_counter()
        env = store.save(cid, "plan", body, parent_revision=revisions[cid], note="bench")
        save_times.append((time.perf_counter() - start) * 1000)
        revisions[cid] = env.revision
    data = env.to_json().encode()
    if name == "files":
        floor = _files_floor(floor_dir, data, args.repeat)
    else:
        floor = _postgresql_floor(location, data, args.repeat)
    save_ms = round(statistics.median(save_times), 3)
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    figures = {
        "cases": len(ids),
        "fill_s": fill_s,
        "save_ms": save_ms,
        "save_floor_ms": floor,
        "save_vs_floor": round(save_ms / floor, 2) if floor else None,
        "load_latest_ms": _median_ms(lambda n: store.load(sample[n % len(sample)], "plan"), 50),
        "first_page_ms": _median_ms(lambda _n: store.page_cases(limit=50), 15),
        "search_ms": _median_ms(lambda _n: store.page_cases(query="berg", limit=50), 15),
        "history_ms": _median_ms(lambda n: store.history(sample[n % len(sample)], "plan"), 50),
        "facts_query_ms": _median_ms(lambda _n: store.case_facts(), 3),
        "year_report_ms": _median_ms(
            lambda _n: term_report(store.case_facts(), *year).to_json(), 3
        ),
        f"saves_per_s_{WRITERS}_writers": _concurrent_saves(store, ids, args.seconds),
    }
    store.close()
    return figures


@contextmanager
def _postgresql(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    from tests.pgserver import throwaway_server

    with throwaway_server(durable=True) as server:
        yield server.fresh_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["files", "postgresql", "both"], default="both")
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=3.0, help="concurrent-writer run")
    parser.add_argument("--database-url", default=None, help="an empty database to use")
    args = parser.parse_args()
    names = ["files", "postgresql"] if args.backend == "both" else [args.backend]
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        for name in names:
            print(f"{name}:", file=sys.stderr)
            if name == "files":
                location = str(Path(tmp) / "store")
            else:
                location = stack.enter_context(_postgresql(args.database_url))
            results[name] = measure(name, location, Path(tmp) / f"floor-{name}", args)
            for key, value in results[name].items():
                print(f"  {key:24} {value}", file=sys.stderr)
    results["goals"] = {
        "save_vs_floor": 3,
        "first_page_ms": 100,
        "search_ms": 100,
        "year_report_ms": 1000,
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
