"""AppTest: a full disk or an unreachable store is said in the person's language, on any
page, and the text they typed stays (no Streamlit error, no stack trace)."""

from __future__ import annotations

from typing import Any

import pytest

from plans.store.base import ReadOnlyStoreError
from plans.store.files import FileStore
from plans.store.safeio import WriteFailedError
from tests.app.conftest import MakeApp, case_of_type

TEXT = "Nytt: Noah var borta tre dagar."


def _refuse(exc: Exception) -> Any:
    def save(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return save


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (WriteFailedError("disk full"), "lagringen svarar inte"),
        (ReadOnlyStoreError("read-only"), "skrivskyddat"),
    ],
)
def test_a_failed_save_is_said_in_swedish_and_keeps_the_text(
    make_app: MakeApp,
    app_store: FileStore,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    said: str,
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    before = app_store.load(cid, "case").revision
    at = make_app(case=cid, step="notice")
    at.run()
    field = next(w for w in at.text_area if w.label.startswith("Vad såg eller hörde ni"))
    field.input(TEXT).run()
    monkeypatch.setattr(FileStore, "save", _refuse(failure))
    next(b for b in at.button if b.label == "Spara").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert said in errors and "finns kvar" in errors
    field = next(w for w in at.text_area if w.label.startswith("Vad såg eller hörde ni"))
    assert field.value == TEXT
    monkeypatch.undo()
    assert app_store.load(cid, "case").revision == before
    next(b for b in at.button if b.label == "Spara").click().run()  # the disk has room again
    assert not at.exception
    assert app_store.load(cid, "case").parsed().notice.what_was_seen == TEXT


def test_an_unreachable_store_on_the_start_page_is_said_in_english(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plans.store.index import IndexUnavailableError

    monkeypatch.setattr(FileStore, "page_cases", _refuse(IndexUnavailableError("I/O error")))
    monkeypatch.setattr(FileStore, "list_cases", _refuse(IndexUnavailableError("I/O error")))
    at = make_app(lang="en")
    at.run()
    assert not at.exception
    assert any("storage is not answering" in e.value for e in at.error)
