"""Follow-up spreadsheet imports, by batch: import, list, undo, replace.

A batch is one file imported once. Its rows are statistics-only cases (closed,
``imported``) that name the batch, the file's SHA-256, the batch's size and their own
place in it, so that:

* the **same file** again (same hash) adds nothing – or, if an earlier run was cut
  off, adds exactly the rows that are missing;
* a **different file** adds all of its rows, even rows that look like rows already
  there: two children raised the same day with the same details are two children;
* **undo** saves every row again marked undone (nothing is deleted; history stays);
* **replace** writes the corrected file as a new batch that names the old one, then
  undoes the old one. Which batches count is decided in ``plans.followup.batches``, so
  a statistic never sees both files, nor half of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from plans.documents.case import CaseBody, ImportBatchRef
from plans.documents.common import new_id
from plans.followup.batches import Batch, BatchStatus, batches
from plans.followup.importer import ImportRow
from plans.i18n import t
from plans.services.access import Permission, require
from plans.services.casefile import latest_body
from plans.services.context import Context
from plans.services.documents import create_case, save_document
from plans.store import ConflictError, NotFoundError


@dataclass(frozen=True)
class BatchInfo:
    """One line of ``hjulet import-followup --list``."""

    id: str
    file_name: str
    sha256: str
    rows: int
    present: int
    imported_on: dt.date
    status: BatchStatus
    replaces: str | None
    replaced_by: str | None


@dataclass(frozen=True)
class BatchResult:
    batch_id: str
    written: int
    """Rows saved by this call."""
    already_imported: bool
    """The same file was imported before and is whole: nothing was written."""
    resumed: bool = False
    """An interrupted import of the same file was completed."""
    undone: str | None = None
    """The batch this one replaced (now undone)."""


def _batches(ctx: Context) -> dict[str, Batch]:
    return batches((c.id, c.facts) for c in ctx.store.list_cases() if c.facts.get("batch"))


def list_batches(ctx: Context) -> list[BatchInfo]:
    """Every batch, oldest first; the file name is read from one row of each."""
    require(ctx, None, Permission.READ)
    out = []
    for batch in _batches(ctx).values():
        first = batch.case_ids[min(batch.case_ids)]
        case = latest_body(ctx.store, first, "case", CaseBody)
        ref = case.import_batch if case else None
        out.append(
            BatchInfo(
                id=batch.id,
                file_name=ref.file_name if ref else "",
                sha256=batch.sha256,
                rows=batch.rows,
                present=len(batch.present),
                imported_on=dt.date.fromisoformat(batch.imported_on),
                status=batch.status,
                replaces=batch.replaces,
                replaced_by=batch.replaced_by,
            )
        )
    return out


def import_batch(
    ctx: Context,
    rows: Sequence[ImportRow],
    *,
    file_name: str,
    sha256: str,
    lang: str = "sv",
    replaces: str | None = None,
) -> BatchResult:
    """Import ``rows`` (all of one file, in order) as a batch. Raises ValueError for no rows."""
    require(ctx, None, Permission.WRITE)
    if not rows:
        raise ValueError("a batch needs at least one row")
    known = _batches(ctx)
    same = [
        b
        for b in known.values()
        if b.sha256 == sha256 and b.rows == len(rows) and not b.undone and b.replaced_by is None
    ]
    whole = [b for b in same if b.whole]
    if whole:
        return BatchResult(whole[0].id, 0, already_imported=True)
    resume = next((b for b in same if b.replaces == replaces), None)
    if resume is not None:
        batch_id, todo, imported_on = (
            resume.id,
            resume.missing_rows(),
            dt.date.fromisoformat(resume.imported_on),
        )
    else:
        batch_id, todo, imported_on = new_id("b"), list(range(1, len(rows) + 1)), ctx.today
    note = t("followup.import.note", lang, file=file_name)
    for number in todo:
        ref = ImportBatchRef(
            id=batch_id,
            file_name=file_name[:200],
            sha256=sha256,
            rows=len(rows),
            row=number,
            imported_on=imported_on,
            replaces=replaces,
        )
        create_case(ctx, rows[number - 1].case_body(ref), note=note)
    return BatchResult(batch_id, len(todo), already_imported=False, resumed=resume is not None)


def undo_batch(ctx: Context, batch_id: str, *, lang: str = "sv") -> int:
    """Mark every row of the batch undone; returns how many rows were saved now.
    Raises NotFoundError for an unknown batch. Undoing twice saves nothing the second time."""
    require(ctx, None, Permission.WRITE)
    batch = _batches(ctx).get(batch_id)
    if batch is None:
        raise NotFoundError(f"no import batch {batch_id}")
    note = t("followup.import.undo_note", lang, batch=batch_id)
    saved = 0
    # Row by row from the first: once any row is undone, the batch no longer counts.
    for _, case_id in sorted(batch.case_ids.items()):
        env = ctx.store.load(case_id, "case")
        case = env.body_as(CaseBody)
        if case.import_batch is None or case.import_batch.undone_on is not None:
            continue
        ref = case.import_batch.model_copy(update={"undone_on": ctx.today})
        body = case.model_copy(update={"import_batch": ref})
        try:
            save_document(ctx, case_id, "case", body, base_revision=env.revision, note=note)
        except ConflictError:
            continue  # someone undid it at the same moment: it is undone either way
        saved += 1
    return saved


def replace_batch(
    ctx: Context,
    batch_id: str,
    rows: Sequence[ImportRow],
    *,
    file_name: str,
    sha256: str,
    lang: str = "sv",
) -> BatchResult:
    """Swap a corrected file in for batch ``batch_id``. Raises NotFoundError for an
    unknown batch, ValueError when it was undone already or the file is the same."""
    require(ctx, None, Permission.WRITE)
    old = _batches(ctx).get(batch_id)
    if old is None:
        raise NotFoundError(f"no import batch {batch_id}")
    if old.sha256 == sha256:
        raise ValueError(t("followup.import.replace_same", lang, batch=batch_id))
    if old.undone and old.replaced_by is None:
        raise ValueError(t("followup.import.replace_undone", lang, batch=batch_id))
    result = import_batch(
        ctx, rows, file_name=file_name, sha256=sha256, lang=lang, replaces=batch_id
    )
    undo_batch(ctx, batch_id, lang=lang)
    return BatchResult(
        result.batch_id,
        result.written,
        already_imported=result.already_imported,
        resumed=result.resumed,
        undone=batch_id,
    )


def result_line(result: BatchResult, file_name: str, lang: str) -> str:
    """What an import did, in one sentence (the CLI and the app page say the same)."""
    if result.already_imported:
        return t("followup.import.already", lang, file=file_name, batch=result.batch_id)
    key = "followup.import.resumed" if result.resumed else "followup.import.batch_done"
    line = t(key, lang, file=file_name, batch=result.batch_id, count=result.written)
    if result.undone:
        line += " " + t("followup.import.replaced", lang, batch=result.undone)
    return line
