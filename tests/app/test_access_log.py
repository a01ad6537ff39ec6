"""AppTest: a case's access log on the History step – who did what, newest first, in the
reader's language, and nothing of another case."""

from __future__ import annotations

from plans.audit import AuditAction
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def test_the_history_step_shows_who_opened_and_saved_the_case(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    other = next(c.id for c in app_store.list_cases() if c.id != cid)
    log = app_store.audit_log()
    log.record("bertil", AuditAction.PDF, case_id=cid, detail={"audience": "family"})
    log.record("cecilia", AuditAction.OPEN_CASE, case_id=other)
    at = make_app(case=cid, step="history")
    at.run()
    assert not at.exception
    assert any(s.value == "Vem har öppnat och ändrat ärendet" for s in at.subheader)
    table = next(d.value for d in at.dataframe if "Vad" in d.value.columns)
    assert list(table.columns) == ["När", "Vem", "Vad", "Detaljer"]
    # Newest first: the signed-in named person opening the case, then Bertil's PDF.
    assert table.iloc[0]["Vem"] == "jonas" and table.iloc[0]["Vad"] != "Skrev ut (PDF)"
    assert table.iloc[1]["Vem"] == "bertil" and table.iloc[1]["Vad"] == "Skrev ut (PDF)"
    assert table.iloc[1]["Detaljer"] == "audience: family"
    assert "Sparade" in set(table["Vad"])  # the demo's saves
    assert "cecilia" not in set(table["Vem"])  # another case's entry
    assert len(table) == len(log.entries(case_id=cid))
