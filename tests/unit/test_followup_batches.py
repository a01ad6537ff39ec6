"""Imports by batch (issue 13 item 9): the same file is a no-op, a different file adds
its rows, a corrected file replaces its batch, a batch can be undone, and an import cut
off half-way counts nothing until it is run again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from plans.cli import main
from plans.followup.batches import BatchStatus
from plans.followup.importer import read_sheet
from plans.followup.report import term_report
from plans.services import LOCAL_OPERATOR, Context
from plans.services import documents as service_documents
from plans.services.followup_import import import_batch, list_batches, undo_batch
from plans.store.files import FileStore

HEADER = "datum,samtycke,sip,ålder,kön,aktualiserad av,team\n"
ROWS = [
    "2020-03-03,nej,,4,flicka,MVC,Norr\n",
    "2020-03-10,ja,ja,8,pojke,skola,Norr\n",
    "2020-09-01,ja,,13,flicka,BVC,Norr\n",
]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(store: FileStore, *args: str) -> int:
    return main(["--data-dir", str(store.root), *args])


def year(store: FileStore) -> dict[str, Any]:
    """The unmasked 2020 figures (the tests count a few rows)."""
    facts = [c.facts for c in store.list_cases()]
    report = term_report(
        facts, dt.date(2020, 1, 1), dt.date(2020, 12, 31), by="year", suppress=False
    )
    return report.to_json()[0]


def listed(store: FileStore, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert run(store, "import-followup", "--list", "--json") == 0
    data: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return data


def test_list_shows_id_file_name_hash_and_row_count(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "norr-vt.csv", HEADER + "".join(ROWS))
    assert run(store, "import-followup", str(path)) == 0
    [batch] = listed(store, capsys)
    assert batch["file_name"] == "norr-vt.csv"
    assert batch["sha256"] == read_sheet(path).sha256
    assert (batch["rows"], batch["rows_present"], batch["status"]) == (3, 3, "counted")
    assert batch["id"].startswith("b-")
    assert run(store, "import-followup", "--list", "--lang", "en") == 0
    line = capsys.readouterr().out.strip()
    assert batch["id"] in line and "counted" in line and "norr-vt.csv" in line


def test_a_corrected_file_replaces_its_batch_and_is_counted_once(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reproduction: a corrected row (nej -> ja) in a second file was added twice."""
    first = write(tmp_path, "v10.csv", HEADER + "".join(ROWS))
    run(store, "import-followup", str(first))
    [old] = listed(store, capsys)
    corrected = write(
        tmp_path, "v10-rättad.csv", HEADER + ROWS[0].replace("nej", "ja") + "".join(ROWS[1:])
    )
    assert run(store, "import-followup", "--replace", old["id"], str(corrected)) == 0
    assert "räknas inte längre (ersatt)" in capsys.readouterr().out
    counts = year(store)
    assert (counts["raised_total"], counts["raised_with_consent"]) == (3, 3)
    statuses = {b["file_name"]: (b["status"], b["replaces"]) for b in listed(store, capsys)}
    assert statuses["v10.csv"][0] == "replaced"
    assert statuses["v10-rättad.csv"] == ("counted", old["id"])
    # Nothing was deleted: the old rows are still in the store, marked undone.
    assert len(store.list_cases()) == 6


def test_undo_takes_the_rows_out_of_the_statistics_but_keeps_them(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(store, "import-followup", str(write(tmp_path, "a.csv", HEADER + "".join(ROWS))))
    [batch] = listed(store, capsys)
    assert run(store, "import-followup", "--undo", batch["id"]) == 0
    assert year(store)["raised_total"] == 0
    assert listed(store, capsys)[0]["status"] == "undone"
    assert len(store.list_cases()) == 3
    case_id = store.list_cases()[0].id
    assert len(store.history(case_id, "case")) == 2  # the import, then the undo
    capsys.readouterr()
    assert run(store, "import-followup", "--undo", batch["id"]) == 0  # twice: nothing more
    assert "0 rader markerade" in capsys.readouterr().out
    # The same file again after an undo is a new batch.
    run(store, "import-followup", str(tmp_path / "a.csv"))
    assert year(store)["raised_total"] == 3


def test_unknown_batches_and_wrong_combinations(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.csv", HEADER + ROWS[0])
    assert run(store, "import-followup", "--undo", "b-nosuchbatch") == 4
    assert run(store, "import-followup", "--replace", "b-nosuchbatch", str(path)) == 4
    assert run(store, "import-followup") == 2
    assert run(store, "import-followup", "--list", "--undo", "b-x") == 2
    assert run(store, "import-followup", "--replace", "b-nosuchbatch") == 2
    run(store, "import-followup", str(path))
    [batch] = listed(store, capsys)
    assert run(store, "import-followup", "--replace", batch["id"], str(path)) == 2
    assert "samma fil" in capsys.readouterr().err
    assert store.list_cases() and len(store.list_cases()) == 1


def test_imported_rows_never_appear_in_case_lists(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(store, "import-followup", str(write(tmp_path, "a.csv", HEADER + "".join(ROWS))))
    capsys.readouterr()
    assert run(store, "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert all(c.statistics_only for c in store.list_cases())


def test_an_import_cut_off_half_way_counts_nothing_until_it_is_run_again(
    store: FileStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a.csv", HEADER + "".join(ROWS))
    sheet = read_sheet(path)
    ctx = Context(store, LOCAL_OPERATOR, dt.date(2026, 1, 1))
    real = service_documents.create_case
    calls = {"n": 0}

    def dies_after_two(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 2:
            raise KeyboardInterrupt  # the process is stopped between two rows
        return real(*args, **kwargs)

    monkeypatch.setattr("plans.services.followup_import.create_case", dies_after_two)
    with pytest.raises(KeyboardInterrupt):
        import_batch(ctx, sheet.rows, file_name="a.csv", sha256=sheet.sha256)
    assert len(store.list_cases()) == 2
    assert year(store)["raised_total"] == 0
    [info] = list_batches(ctx)
    assert (info.status, info.present, info.rows) == (BatchStatus.INCOMPLETE, 2, 3)

    monkeypatch.setattr("plans.services.followup_import.create_case", real)
    result = import_batch(ctx, sheet.rows, file_name="a.csv", sha256=sheet.sha256)
    assert (result.resumed, result.written, result.batch_id) == (True, 1, info.id)
    assert year(store)["raised_total"] == 3
    assert len(store.list_cases()) == 3


def test_a_replacement_cut_off_before_the_undo_still_counts_only_the_new_file(
    store: FileStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context(store, LOCAL_OPERATOR, dt.date(2026, 1, 1))
    old = read_sheet(write(tmp_path, "a.csv", HEADER + "".join(ROWS)))
    first = import_batch(ctx, old.rows, file_name="a.csv", sha256=old.sha256)
    new = read_sheet(write(tmp_path, "b.csv", HEADER + ROWS[0].replace("nej", "ja")))
    import_batch(ctx, new.rows, file_name="b.csv", sha256=new.sha256, replaces=first.batch_id)
    # (replace_batch would now undo the old batch; the process died first.)
    counts = year(store)
    assert (counts["raised_total"], counts["raised_with_consent"]) == (1, 1)
    undo_batch(ctx, first.batch_id)
    assert year(store)["raised_total"] == 1
