"""How long an audit entry takes to write, and a case's log to read, beside a floor.

    .venv/bin/python bench/audit.py [--runs N] [--entries N]

``record`` appends one line with fsync and replaces the head record (write, fsync,
rename, fsync the folder); the floor is one plain append with fsync on the same disk in
the same run, so the figures say what the chain and the head cost on top. ``read`` is a
case's entries out of a log of ``--entries`` lines (ten cases share it); its floor is
reading the whole file's bytes. The machine is shared: figures are noisy. The last line
is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from plans.audit import AuditAction, FileAuditLog


def _ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = FileAuditLog(Path(tmp) / "audit")
        floor_path = Path(tmp) / "floor.txt"
        record, floor = [], []
        for n in range(args.runs):
            start = time.perf_counter()
            log.record("anna", AuditAction.OPEN_CASE, case_id=f"c-bench{n % 10}")
            record.append(time.perf_counter() - start)
            start = time.perf_counter()
            fd = os.open(floor_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.write(fd, b'{"seq": 1, "action": "open_case"}\n')
            os.fsync(fd)
            os.close(fd)
            floor.append(time.perf_counter() - start)
        with open(log.log_path, "a", encoding="utf-8") as fh:  # a big log, quickly
            line = log.log_path.read_text(encoding="utf-8").splitlines()[-1]
            for n in range(args.entries):
                fh.write(line.replace("c-bench9", f"c-bench{n % 10}") + "\n")
        read, read_floor = [], []
        for _ in range(max(3, args.runs // 10)):
            start = time.perf_counter()
            found = log.entries(case_id="c-bench3")
            read.append(time.perf_counter() - start)
            start = time.perf_counter()
            log.log_path.read_bytes()
            read_floor.append(time.perf_counter() - start)
    result = {
        "record_median_ms": _ms(record),
        "record_floor_append_fsync_ms": _ms(floor),
        "read_case_median_ms": _ms(read),
        "read_floor_whole_file_ms": _ms(read_floor),
        "log_lines": args.entries + args.runs,
        "case_entries": len(found),
    }
    for key, value in result.items():
        print(f"{key:32} {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
