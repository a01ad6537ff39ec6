"""Retention: closed cases older than HJULET_RETENTION_YEARS are listed, then deleted –
every revision of every document, from the files and the index – and nothing else; the
deletion (never the content) is in the audit log. And what a family may request."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from plans.cli import main
from plans.documents.case import CaseStatus, Child
from plans.documents.consent import ConsentBody
from plans.services import LOCAL_OPERATOR, Context, create_case, save_document, set_case_status
from plans.services.retention import delete_expired, expired_cases, years_later
from plans.store import Envelope
from plans.store.bundle import export_case
from plans.store.files import FileStore
from tests.services.test_rules_on_write import NURSE, child_case


def _aged(
    target: FileStore,
    scratch: FileStore,
    first_name: str,
    *,
    raised: dt.date,
    closed_on: dt.date | None,
    last_saved: dt.date,
) -> str:
    """A case with several documents and revisions, as if saved on ``last_saved``."""
    c = Context(scratch, NURSE, raised)
    body = child_case(
        child=Child(first_name=first_name, last_name="Testsson", birth_date=dt.date(2012, 1, 1)),
        raised_on=raised,
    )
    cid = create_case(c, body).case_id
    consent = ConsentBody(given_by=["Vera Testsson"], given_on=raised, scope=["Skolan"])
    save_document(c, cid, "consent", consent, base_revision=None)
    if closed_on:
        set_case_status(Context(scratch, NURSE, closed_on), cid, CaseStatus.CLOSED)
    stamp = dt.datetime.combine(last_saved, dt.time(12), tzinfo=dt.UTC).isoformat()
    envelopes = []
    for doc in export_case(scratch, cid)["documents"]:
        doc["saved_at"] = stamp
        envelopes.append(Envelope.model_validate(doc))
    target.import_case(envelopes)
    return cid


@pytest.fixture
def cases(store: FileStore, tmp_path: Path) -> dict[str, str]:
    scratch = FileStore(tmp_path / "scratch")
    return {
        "old_closed": _aged(
            store,
            scratch,
            "Gammalstängd",
            raised=dt.date(2019, 3, 1),
            closed_on=dt.date(2020, 6, 1),
            last_saved=dt.date(2020, 6, 1),
        ),
        "recent_closed": _aged(
            store,
            scratch,
            "Nyligenstängd",
            raised=dt.date(2023, 3, 1),
            closed_on=dt.date(2024, 1, 10),
            last_saved=dt.date(2024, 1, 10),
        ),
        "old_open": _aged(
            store,
            scratch,
            "Gammalöppen",
            raised=dt.date(2018, 3, 1),
            closed_on=None,
            last_saved=dt.date(2019, 1, 1),
        ),
        "closed_long_ago_saved_lately": _aged(
            store,
            scratch,
            "Sentsparad",
            raised=dt.date(2018, 3, 1),
            closed_on=dt.date(2019, 5, 1),
            last_saved=dt.date(2025, 3, 1),
        ),
    }


def _bundles(store: FileStore, ids: list[str]) -> dict[str, list[object]]:
    return {cid: export_case(store, cid)["documents"] for cid in ids}


def test_only_the_old_closed_case_is_deleted_with_every_revision(
    store: FileStore, cases: dict[str, str]
) -> None:
    # Retention is the data controller's job: the local operator (or an admin).
    ctx = Context(store, LOCAL_OPERATOR, dt.date(2026, 11, 23))
    assert [e.case_id for e in expired_cases(ctx, 5)] == [cases["old_closed"]]
    others = [cid for name, cid in cases.items() if name != "old_closed"]
    kept_before = _bundles(store, others)
    revisions = sum(ref.latest for ref in store.documents(cases["old_closed"]))
    assert revisions >= 3  # the case twice (created, closed) and its consent

    deleted = delete_expired(ctx, 5)

    assert [(e.case_id, n) for e, n in deleted] == [(cases["old_closed"], revisions)]
    assert not (store.cases_dir / cases["old_closed"]).exists()
    assert sorted(store.case_ids()) == sorted(others)
    assert _bundles(store, others) == kept_before  # nothing else touched
    assert store.check() == []
    last = store.audit_log().entries()[-1]
    assert (last.action, last.case_id) == ("deleted", cases["old_closed"])
    assert last.detail == {"reason": "retention", "revisions": revisions, "closed_on": "2020-06-01"}
    # No trace of the child anywhere in the data folder: files, index or audit log.
    for path in store.root.rglob("*"):
        if path.is_file():
            assert b"Gammalst" not in path.read_bytes(), path
    assert expired_cases(ctx, 5) == []


def test_the_retention_period_ends_the_day_after_its_last_day() -> None:
    assert years_later(dt.date(2021, 11, 23), 5) == dt.date(2026, 11, 23)
    assert years_later(dt.date(2020, 2, 29), 5) == dt.date(2025, 2, 28)


def test_the_cli_lists_then_applies_with_the_configured_years(
    store: FileStore,
    cases: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from plans.settings import get_settings

    data = str(store.root)
    capsys.readouterr()
    assert main(["--data-dir", data, "retention", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["case_id"] for e in listed] == [cases["old_closed"]]
    assert store.case_ids()  # listing deletes nothing
    monkeypatch.setenv("HJULET_RETENTION_YEARS", "2")
    get_settings.cache_clear()
    assert main(["--data-dir", data, "retention"]) == 0
    out = capsys.readouterr().out
    assert cases["recent_closed"] in out and cases["old_closed"] in out
    assert cases["old_open"] not in out
    assert main(["--data-dir", data, "retention", "--apply"]) == 0
    assert "deleted 2 case(s)" in capsys.readouterr().out
    assert sorted(FileStore(store.root).case_ids()) == sorted(
        [cases["old_open"], cases["closed_long_ago_saved_lately"]]
    )
    monkeypatch.setenv("HJULET_RETENTION_YEARS", "0")
    get_settings.cache_clear()
    assert main(["--data-dir", data, "retention"]) == 2  # refused, not "delete everything"


def test_subject_export_writes_every_revision_and_the_family_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    store = FileStore(data)
    cid = next(c.id for c in store.list_cases() if c.type == "child")
    out = tmp_path / "for-the-family"
    assert main(["--data-dir", str(data), "subject-export", cid, "--out", str(out)]) == 0
    bundle = json.loads((out / f"{cid}.json").read_text(encoding="utf-8"))
    assert bundle["documents"] == export_case(store, cid)["documents"]
    assert (out / f"{cid}-family.pdf").read_bytes().startswith(b"%PDF")
    for path in (out / f"{cid}.json", out / f"{cid}-family.pdf"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    last = store.audit_log().entries()[-1]
    assert (last.action, last.case_id, last.detail["kind"]) == ("export", cid, "subject_export")
    # Never over an earlier export: exit 3, nothing changed.
    assert main(["--data-dir", str(data), "subject-export", cid, "--out", str(out)]) == 3
