"""Commands that read and write cases: list, show, history, diff, export, import,
validate, check, reindex, repair, schemas."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from plans.audit import AuditAction
from plans.cli.app import (
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_PERMISSION,
    EXIT_UNEXPECTED,
    app,
    fail,
    print_json,
    read_json_file,
    state,
)
from plans.documents import KINDS
from plans.schemas import write_schemas
from plans.services import (
    RuleError,
    audit,
    check_bundle,
    envelope_problems,
    import_bundle,
    import_envelope,
)
from plans.services.access import Permission
from plans.services.caselist import case_page
from plans.store.base import MAX_PAGE, CaseFilter, CaseSummary, doc_id_for
from plans.store.bundle import export_case, is_bundle
from plans.store.diff import diff_bodies, format_change
from plans.store.safeio import WriteFailedError, write_private_output


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


KIND_HELP = "Document kind: " + ", ".join(KINDS)


def _table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        typer.echo("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)))


def _resolve_doc(case_id: str, kind: str, doc_id: str | None) -> str:
    if kind not in KINDS:
        fail(f"unknown kind '{kind}'; use one of: {', '.join(KINDS)}")
    if KINDS[kind].singleton or doc_id:
        return doc_id_for(kind, doc_id)
    refs = state.store().documents_of_kind(case_id, kind)
    if not refs:
        fail(f"case {case_id} has no {kind} document", EXIT_NOT_FOUND)
    return max(refs, key=lambda r: state.store().load(case_id, r.doc_id).saved_at).doc_id


@app.command("list")
def list_cases(
    fmt: Format = typer.Option(Format.TABLE, "--format"),
    search: str = typer.Option("", "--search", help="Words in the name, id, named person or team."),
    status: str = typer.Option("all", "--status", help="open, closed or all."),
    due: bool = typer.Option(False, "--due", help="Only open cases with a review due today."),
    limit: int = typer.Option(0, "--limit", min=0, help="At most this many (0: every case)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many first."),
) -> None:
    """List cases, soonest review first, page by page.

    The store pages through them (a database in SQL), so a region's cases are never all
    read at once."""
    if status not in ("open", "closed", "all"):
        fail(f"unknown status '{status}'; use open, closed or all")
    # Imported statistics rows are not cases anyone works on.
    filters = CaseFilter(
        status=status, due_by=state.context().today if due else None, include_imported=False
    )
    cases: list[CaseSummary] = []
    while not limit or len(cases) < limit:
        want = min(MAX_PAGE, limit - len(cases)) if limit else MAX_PAGE
        page = case_page(
            state.context(), offset=offset + len(cases), limit=want, query=search, filters=filters
        )
        cases += page
        if len(page) < want:
            break
    if fmt is Format.JSON:
        print_json([c.to_json() for c in cases])
        return
    _table(
        [
            [
                c.id,
                c.type,
                c.display_name or "–",
                c.status,
                c.named_person,
                str(c.next_review or ""),
            ]
            for c in cases
        ],
        ["id", "type", "name", "status", "named person", "next review"],
    )


@app.command()
def show(
    case_id: str,
    kind: str = typer.Option("case", "--kind", help=KIND_HELP),
    revision: int | None = typer.Option(None, "--revision", min=1),
    doc_id: str | None = typer.Option(None, "--id", help="Document id, for reviews."),
) -> None:
    """Print a document's envelope as JSON (the latest revision by default)."""
    env = state.readable(case_id).load(case_id, _resolve_doc(case_id, kind, doc_id), revision)
    audit.record(
        state.context(),
        AuditAction.OPEN_CASE,
        case_id,
        kind=env.kind,
        doc=env.id,
        revision=env.revision,
    )
    print_json(env.model_dump(mode="json"))


@app.command()
def history(
    case_id: str,
    kind: str = typer.Option("case", "--kind", help=KIND_HELP),
    doc_id: str | None = typer.Option(None, "--id"),
    fmt: Format = typer.Option(Format.TABLE, "--format"),
) -> None:
    """Every saved revision: who, when and the note."""
    doc = _resolve_doc(case_id, kind, doc_id)
    infos = state.readable(case_id).history(case_id, doc)
    audit.record(state.context(), AuditAction.OPEN_CASE, case_id, kind=kind, doc=doc, history=True)
    rows = [
        {
            "revision": i.revision,
            "saved_at": i.saved_at.isoformat().replace("+00:00", "Z"),
            "saved_by": i.saved_by,
            "note": i.note,
        }
        for i in infos
    ]
    if fmt is Format.JSON:
        print_json(rows)
    else:
        _table([[str(v) for v in r.values()] for r in rows], list(rows[0]) if rows else [])


@app.command()
def diff(
    case_id: str,
    a: int = typer.Argument(..., min=1),
    b: int = typer.Argument(..., min=1),
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    doc_id: str | None = typer.Option(None, "--id"),
) -> None:
    """The fields that changed between revisions A and B."""
    store = state.readable(case_id)
    doc = _resolve_doc(case_id, kind, doc_id)
    old = store.load(case_id, doc, a).parsed().model_dump(mode="json")
    new = store.load(case_id, doc, b).parsed().model_dump(mode="json")
    audit.record(
        state.context(), AuditAction.OPEN_CASE, case_id, kind=kind, doc=doc, diff=f"{a}:{b}"
    )
    changes = diff_bodies(old, new)
    for change in changes:
        typer.echo(format_change(change))
    if not changes:
        typer.echo("no differences")


@app.command()
def export(case_id: str, out: Path = typer.Option(..., "--out")) -> None:
    """Write every document and every revision of a case to one JSON file."""
    bundle = export_case(state.readable(case_id, Permission.EXPORT), case_id)
    data = (json.dumps(bundle, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        write_private_output(out, data)  # owner-only: a bundle is personal data
    except WriteFailedError as exc:
        cause = exc.__cause__
        code = EXIT_PERMISSION if isinstance(cause, PermissionError) else EXIT_INVALID
        fail(f"cannot write {out}: {cause.strerror if isinstance(cause, OSError) else exc}", code)
    audit.record(
        state.context(),
        AuditAction.EXPORT,
        case_id,
        kind="bundle",
        revisions=len(bundle["documents"]),
    )
    typer.echo(f"wrote {len(bundle['documents'])} revisions to {out}")


@app.command("import")
def import_(
    file: Path,
    as_new_case: bool = typer.Option(
        False, "--as-new-case", help="Give an exported case a new id when it exists here."
    ),
) -> None:
    """Import an export bundle (all or nothing), or save one envelope on top of its
    parent_revision. Both are checked like any save."""
    data = read_json_file(file)
    ctx = state.context()
    if is_bundle(data):
        checked = import_bundle(ctx, data, as_new_case=as_new_case)
        typer.echo(f"imported {len(checked.envelopes)} revisions as case {checked.case_id}")
        return
    saved = import_envelope(ctx, data)
    typer.echo(f"saved {saved.case_id}/{saved.id} revision {saved.revision}")


def _problems(data: Any) -> list[str]:
    """One line per problem, each naming its JSON path."""
    ctx = state.context()
    if is_bundle(data):
        try:
            check_bundle(ctx, data, as_new_case=True)
        except RuleError as exc:
            return exc.lines()
        return []
    return [p.line() for p in envelope_problems(ctx, data, standalone=True)]


@app.command()
def validate(file: Path) -> None:
    """Check a document (or an export bundle) without storing it: its shape, its wheel
    template and, for a case this store holds, every rule a save would check."""
    problems = _problems(read_json_file(file))
    for line in problems:
        typer.echo(line, err=True)
    if problems:
        raise typer.Exit(EXIT_INVALID)
    typer.echo("valid")


@app.command()
def check() -> None:
    """Verify every stored revision parses, the index agrees with the files, and nothing
    is left over, linked outside or readable by others. Safe on a live store."""
    problems = state.store().check()
    for line in problems:
        typer.echo(line, err=True)
    if problems:
        raise typer.Exit(EXIT_UNEXPECTED)
    typer.echo(f"healthy: {len(state.store().list_cases())} cases")


@app.command()
def reindex() -> None:
    """Rebuild the case index from the stored documents, naming every case left out."""
    report = state.store().reindex_report()
    for name, reason in report.skipped:
        typer.echo(f"skipped {name}: {reason}", err=True)
    typer.echo(f"indexed {report.indexed} cases")
    if report.skipped:
        typer.echo(f"{len(report.skipped)} case folder(s) skipped; see 'hjulet check'", err=True)
        raise typer.Exit(EXIT_UNEXPECTED)


@app.command()
def repair() -> None:
    """Remove what interrupted saves left behind (temporary files, empty case folders),
    make the data folder owner-only and bring the index up to date. Prints every action;
    never removes a revision or follows a link."""
    actions = state.store().repair()
    for line in actions:
        typer.echo(line)
    left = [line for line in actions if line.startswith("left ")]
    if left:
        raise typer.Exit(EXIT_UNEXPECTED)
    typer.echo("nothing to repair" if not actions else f"repaired: {len(actions)} action(s)")


@app.command()
def schemas(out: Path = typer.Option(Path("docs/schemas"), "--out")) -> None:
    """Write the JSON Schema of every document kind."""
    for path in write_schemas(out):
        typer.echo(str(path))
