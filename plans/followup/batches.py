"""Import batches, as the index sees them: which imported rows count.

Every spreadsheet import is one batch (an id, the file's hash, how many rows it holds),
and each of its rows is a statistics-only case that names the batch and its own place
in it. Writing a batch takes one save per row, so a process can die half-way; undoing
or replacing one takes one save per row again. The rules below make each of those a
single step for the statistics all the same:

* a batch counts only when it is **whole**: every row from 1 to ``rows`` is in the
  store and none is marked undone. A half-written batch counts nothing (the import can
  be run again and fills in the missing rows); undo marks one row first, and from that
  moment the whole batch stops counting;
* a batch that a *whole* batch ``replaces`` stops counting the moment the last row of
  its replacement is written, before its own rows are marked undone.

Rows imported before batches existed (no ``batch`` in their facts) always count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BatchStatus(StrEnum):
    COUNTED = "counted"
    INCOMPLETE = "incomplete"
    """Some rows are missing (an import was interrupted); run the same import again."""
    REPLACED = "replaced"
    UNDONE = "undone"


@dataclass
class Batch:
    id: str
    sha256: str
    rows: int
    imported_on: str
    replaces: str | None
    present: set[int] = field(default_factory=set)
    undone: bool = False
    case_ids: dict[int, str] = field(default_factory=dict)
    """Row number -> the case that holds it."""
    replaced_by: str | None = None
    """A whole batch that replaces this one."""

    @property
    def whole(self) -> bool:
        return not self.undone and len(self.present) == self.rows

    @property
    def status(self) -> BatchStatus:
        if self.replaced_by is not None:
            return BatchStatus.REPLACED
        if self.undone:
            return BatchStatus.UNDONE
        return BatchStatus.COUNTED if self.whole else BatchStatus.INCOMPLETE

    @property
    def counts(self) -> bool:
        return self.status is BatchStatus.COUNTED

    def missing_rows(self) -> list[int]:
        return [r for r in range(1, self.rows + 1) if r not in self.present]


def batches(cases: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, Batch]:
    """Every batch found in ``(case id, facts)`` pairs, in the order they were imported."""
    found: dict[str, Batch] = {}
    for case_id, facts in cases:
        ref = facts.get("batch")
        if not isinstance(ref, Mapping):
            continue
        batch = found.get(str(ref["id"]))
        if batch is None:
            batch = found[str(ref["id"])] = Batch(
                id=str(ref["id"]),
                sha256=str(ref["sha256"]),
                rows=int(ref["rows"]),
                imported_on=str(ref["imported_on"]),
                replaces=ref.get("replaces") or None,
            )
        row = int(ref["row"])
        batch.present.add(row)
        batch.case_ids.setdefault(row, case_id)
        batch.undone |= bool(ref.get("undone"))
    for batch in found.values():
        if batch.replaces and batch.whole and batch.replaces in found:
            found[batch.replaces].replaced_by = batch.id
    return dict(sorted(found.items(), key=lambda item: (item[1].imported_on, item[0])))


def counted_facts(facts: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The facts that count: every case that is not an imported row, and the rows of
    the batches that count, each row once."""
    materialised = list(facts)
    known = batches((str(i), f) for i, f in enumerate(materialised))
    seen: set[tuple[str, int]] = set()
    out: list[Mapping[str, Any]] = []
    for f in materialised:
        ref = f.get("batch")
        if not isinstance(ref, Mapping):
            out.append(f)
            continue
        key = (str(ref["id"]), int(ref["row"]))
        if known[key[0]].counts and key not in seen:
            seen.add(key)
            out.append(f)
    return out
