"""Fault injection for the file store: SIGKILL at random moments of saves, imports and
index rebuilds, and ``check`` run against a store that is being written.

    python -m tests.store.torture --kills 1000      (make torture)

A forked child (imports already loaded, so a kill costs milliseconds, not a Python
start) writes in a loop and reports each save the store acknowledged on a pipe; the
parent kills it at a random moment, reopens the store and verifies: every acknowledged
revision is on disk byte for byte, every revision parses, ``check`` finds nothing, the
index lists exactly the cases on disk with their latest revisions, and an imported case
is whole or absent. It prints one line of counts; all must be zero except those of what
was tried (kills, acknowledged saves, checks)."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.plan import Action, PlanBody
from plans.store.envelope import Envelope, make_envelope
from plans.store.files import FileStore


@dataclass
class Counts:
    kills: int = 0
    kills_saving: int = 0
    kills_importing: int = 0
    kills_rebuilding: int = 0
    acknowledged: int = 0
    lost: int = 0
    unparsable: int = 0
    problems_after_kill: int = 0
    partial_imports: int = 0
    index_behind: int = 0
    live_checks: int = 0
    false_alarms: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if len(self.examples) < 10:
            self.examples.append(what)

    def failures(self) -> int:
        return (
            self.lost
            + self.unparsable
            + self.problems_after_kill
            + self.partial_imports
            + self.index_behind
            + self.false_alarms
        )

    def line(self) -> str:
        shown = {k: v for k, v in asdict(self).items() if k != "examples"}
        return " ".join(f"{k}={v}" for k, v in shown.items())


def _case(n: int) -> CaseBody:
    return CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name=f"Testbarn {n}", birth_date=dt.date(2019, 1, 1)),
    )


def _plan(i: int) -> PlanBody:
    return PlanBody(actions=[Action(id="a-1", what=f"steg {i} " + "text " * (i % 40))])


def _ack(fd: int, env: Envelope) -> None:
    digest = hashlib.sha256(env.to_json().encode("utf-8")).hexdigest()
    os.write(fd, f"{env.case_id} {env.id} {env.revision} {digest}\n".encode())


def _saving(root: Path, fd: int, seed: int) -> None:
    store = FileStore(root)
    rng = random.Random(seed)
    n = 0
    while True:
        created = store.create_case(_case(n))
        _ack(fd, created)
        rev = None
        for i in range(rng.randint(1, 6)):
            saved = store.save(created.case_id, "plan", _plan(i), parent_revision=rev)
            _ack(fd, saved)
            rev = saved.revision
        n += 1


def _importing(root: Path, fd: int, seed: int) -> None:
    store = FileStore(root)
    rng = random.Random(seed)
    while True:
        plans = rng.randint(1, 4)
        # The id says how many revisions the case has, so a partial one is recognised
        # even when the kill came before the import was acknowledged.
        case_id = f"c-imp{plans + 1}-{rng.getrandbits(40):x}"
        envs = [_envelope(case_id, "case", 1, _case(1).model_dump(mode="json"))]
        for rev in range(1, plans + 1):
            envs.append(_envelope(case_id, "plan", rev, _plan(rev).model_dump(mode="json")))
        store.import_case(envs)
        for env in envs:
            _ack(fd, env)


def _envelope(case_id: str, kind: str, rev: int, body: dict[str, object]) -> Envelope:
    return make_envelope(
        kind=kind,
        doc_id=kind,
        case_id=case_id,
        revision=rev,
        parent_revision=rev - 1 or None,
        body=body,
        saved_by="torture",
        note="",
    )


def _rebuilding(root: Path, fd: int, seed: int) -> None:
    store = FileStore(root)
    while True:
        store.reindex()


def _fork(target: Callable[[Path, int, int], None], root: Path, seed: int) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write until killed
        os.close(read_end)
        try:
            target(root, write_end, seed)
        finally:
            os._exit(0)
    os.close(write_end)
    return pid, read_end


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def _kill_at_random(
    target: Callable[[Path, int, int], None], root: Path, rng: random.Random, longest: float
) -> str:
    pid, fd = _fork(target, root, rng.getrandbits(32))
    time.sleep(rng.uniform(0.0, longest))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return _read_all(fd)


def _verify(root: Path, acks: str, counts: Counts, expected_cases: int | None = None) -> None:
    """Reopen the store after a kill and count whatever is not as it must be."""
    for line in acks.splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue  # the kill cut the report itself; the save was not acknowledged
        case_id, doc_id, rev, digest = parts
        counts.acknowledged += 1
        path = root / "cases" / case_id / doc_id / f"{int(rev):06d}.json"
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                counts.lost += 1
                counts.note(f"changed: {path}")
        except FileNotFoundError:
            counts.lost += 1
            counts.note(f"lost: {path}")
    store = FileStore(root)  # replays what the kill interrupted
    for problem in store.check():
        counts.problems_after_kill += 1
        counts.note(f"check: {problem}")
    on_disk: dict[str, dict[str, int]] = {}
    for case_dir in (root / "cases").iterdir():
        docs = {}
        for doc_dir in case_dir.iterdir():
            revisions = sorted(p.name for p in doc_dir.iterdir() if p.name.endswith(".json"))
            for name in revisions:
                try:
                    store.load(case_dir.name, doc_dir.name, int(name[:6])).parsed()
                except Exception as exc:  # counted, whatever it is
                    counts.unparsable += 1
                    counts.note(f"unparsable: {doc_dir / name}: {type(exc).__name__}")
            if revisions:
                docs[doc_dir.name] = int(revisions[-1][:6])
        on_disk[case_dir.name] = docs
        imported = case_dir.name.startswith("c-imp")
        if imported and sum(docs.values()) != int(case_dir.name[5:].split("-")[0]):
            counts.partial_imports += 1
            counts.note(f"partial import: {case_dir.name}")
    listed = {c.id for c in store.list_cases()}
    expected = {c for c, docs in on_disk.items() if "case" in docs}
    if listed != expected or (expected_cases is not None and len(listed) != expected_cases):
        counts.index_behind += 1
        counts.note(f"index lists {len(listed)} cases, files hold {len(expected)}")
        return
    for case_id in listed:
        indexed = {r.doc_id: r.latest for r in store.documents(case_id)}
        if indexed != on_disk[case_id]:
            counts.index_behind += 1
            counts.note(f"index behind for {case_id}: {indexed} vs {on_disk[case_id]}")


def _live_checks(root: Path, target: Callable[[Path, int, int], None], n: int, c: Counts) -> None:
    pid, fd = _fork(target, root, n)
    try:
        time.sleep(0.2)
        for _ in range(n):
            problems = FileStore(root).check()
            c.live_checks += 1
            if problems:
                c.false_alarms += 1
                c.note(f"live check: {problems[0]}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        _read_all(fd)


def run(kills: int, live_checks: int, seed: int = 1, longest: float = 0.3) -> Counts:
    counts = Counts()
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="hjulet-torture-"))
    try:
        root = work / "store"
        rebuild_root = work / "rebuild"
        rebuild_store = FileStore(rebuild_root)
        for n in range(30):
            rebuild_store.create_case(_case(n))
        for k in range(kills):
            if k % 40 == 0:  # a fresh store now and then keeps each verification short
                shutil.rmtree(root, ignore_errors=True)
            kind = k % 3
            if kind == 0:
                acks = _kill_at_random(_saving, root, rng, longest)
                counts.kills_saving += 1
                _verify(root, acks, counts)
            elif kind == 1:
                acks = _kill_at_random(_importing, root, rng, longest)
                counts.kills_importing += 1
                _verify(root, acks, counts)
            else:
                _kill_at_random(_rebuilding, rebuild_root, rng, longest)
                counts.kills_rebuilding += 1
                _verify(rebuild_root, "", counts, expected_cases=30)
            counts.kills += 1
        if live_checks:
            shutil.rmtree(root, ignore_errors=True)
            FileStore(root)
            _live_checks(root, _saving, live_checks // 2, counts)
            _live_checks(rebuild_root, _rebuilding, live_checks - live_checks // 2, counts)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--live-checks", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.monotonic()
    counts = run(args.kills, args.live_checks, args.seed)
    print(counts.line(), flush=True)
    for example in counts.examples:
        print("  " + example)
    print(f"({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 1 if counts.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
