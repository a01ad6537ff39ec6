"""What the services and the CLI write to the audit log: who, what, which case – and
never a name or a sentence from the case."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from plans.audit import AuditAction
from plans.cli import main
from plans.documents.consent import ConsentBody
from plans.services import (
    Context,
    create_case,
    import_bundle,
    import_envelope,
    restore_revision,
    save_document,
)
from plans.store.bundle import export_case
from plans.store.files import FileStore
from tests.services.test_rules_on_write import NURSE, TODAY, child_case, ctx


def _actions(store: FileStore, case_id: str | None = None) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in store.audit_log().entries(case_id=case_id)]


def test_saves_consent_and_restores_are_audited_by_username(store: FileStore) -> None:
    c = ctx(store)
    case = create_case(c, child_case(), note="Elsa behöver stöd")
    cid = case.case_id
    consent = ConsentBody(given_by=["Maria Berg"], given_on=TODAY, scope=["Skolan"])
    first = save_document(c, cid, "consent", consent, base_revision=None)
    withdrawn = consent.model_copy(update={"withdrawn_on": TODAY, "withdrawn_note": "Vill inte"})
    save_document(c, cid, "consent", withdrawn, base_revision=first.revision)
    restore_revision(c, cid, "consent", 1, note="fel")
    entries = store.audit_log().entries(case_id=cid)
    assert [(e.action, e.detail.get("kind")) for e in entries] == [
        ("save", "case"),
        ("save", "consent"),
        ("consent_given", None),
        ("save", "consent"),
        ("consent_withdrawn", None),
        ("restore", "consent"),
        ("consent_given", None),
    ]
    assert {e.actor for e in entries} == {"anna"}  # the username, not "Anna Lind"
    assert entries[5].detail == {
        "kind": "consent",
        "doc": "consent",
        "revision": 3,
        "restored_from": 1,
    }
    assert entries[2].detail == {"revision": 1, "organisations": 1}
    text = store.audit_log().log_path.read_text(encoding="utf-8")
    for personal in ("Elsa", "Berg", "Maria", "Anna Lind", "Skolan", "Vill inte", "stöd"):
        assert personal not in text
    assert store.audit_log().verify() == []


def test_imports_are_audited(store: FileStore, tmp_path: Path) -> None:
    c = ctx(store)
    cid = create_case(c, child_case()).case_id
    bundle = export_case(store, cid)
    other = FileStore(tmp_path / "other")
    oc = Context(other, NURSE, TODAY)
    checked = import_bundle(oc, bundle)
    assert other.audit_log().entries()[-1].action == AuditAction.IMPORT
    assert other.audit_log().entries()[-1].detail == {"revisions": 1, "documents": 1}
    env = other.load(checked.case_id, "case").model_dump(mode="json")
    env.update(revision=2, parent_revision=1)
    import_envelope(oc, env)
    last = other.audit_log().entries()[-1]
    assert (last.action, last.case_id, last.detail["revision"]) == ("import", cid, 2)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    assert main(["--data-dir", str(root), "demo"]) == 0
    return root


def test_the_cli_audits_show_diff_export_and_pdf_as_the_local_operator(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = FileStore(data)
    cid = next(c.id for c in store.list_cases() if c.type == "child")
    before = len(store.audit_log().entries())
    assert main(["--data-dir", str(data), "show", cid, "--kind", "plan"]) == 0
    assert main(["--data-dir", str(data), "diff", cid, "1", "2", "--kind", "plan"]) == 0
    assert main(["--data-dir", str(data), "history", cid, "--kind", "plan"]) == 0
    assert main(["--data-dir", str(data), "export", cid, "--out", str(tmp_path / "b.json")]) == 0
    pdf = str(tmp_path / "p.pdf")
    assert main(["--data-dir", str(data), "pdf", cid, "--out", pdf, "--audience", "team"]) == 0
    new = store.audit_log().entries()[before:]
    assert [(e.actor, e.action, e.case_id) for e in new] == [
        ("operator", "open_case", cid),
        ("operator", "open_case", cid),
        ("operator", "open_case", cid),
        ("operator", "export", cid),
        ("operator", "pdf", cid),
    ]
    assert new[4].detail["audience"] == "team"
    assert new[2].detail["history"] is True
    capsys.readouterr()
    assert main(["--data-dir", str(data), "audit", "show", "--case", cid, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [e["seq"] for e in shown] == sorted(e["seq"] for e in shown)
    assert {e["case_id"] for e in shown} == {cid}
    assert main(["--data-dir", str(data), "audit", "show", "--user", "operator"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("seq") and "pdf" in table and "audience=team" in table
    today = dt.datetime.now(dt.UTC).date()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert (
        main(["--data-dir", str(data), "audit", "show", "--to", yesterday, "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--data-dir", str(data), "audit", "show", "--from", "yesterday"]) == 2


def test_audit_verify_exits_0_when_intact_and_names_the_first_broken_entry(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(data), "audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("intact:")
    log = data / "audit" / "log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace('"revision":', '"revision": 99, "x":', 1)
    log.write_text("".join(lines), encoding="utf-8")
    assert main(["--data-dir", str(data), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hjulet: entry 3:")
