"""Switching language on a case page changes words, never answers: the browser took a
select whose labels changed for a new widget and brought it back with its first option
(a referrer "school" became "preschool", and "unsaved changes" appeared)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from plans.demo import write_demo
from plans.store.files import FileStore
from tests.e2e.conftest import ARTIFACTS, add_demo_staff, start_app
from tests.e2e.helpers import App


def test_switching_language_on_a_case_changes_no_answer(browser: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    add_demo_staff(data)
    store = FileStore(data)
    write_demo(store, 5)
    noah = next(c for c in store.list_cases() if c.display_name.startswith("Noah"))
    before = store.load(noah.id, "case").body
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = start_app(data, ARTIFACTS / "streamlit-language-switch.log")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        app = App(page, server.url, user="jonas")
        app.open(f"case?case={noah.id}&step=notice")
        app.select("Språk / Language", "English")
        app.lang = "en"
        app.settle()
        app.step("consent")
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "unsaved" not in sidebar, sidebar
        assert not list((data / "drafts").rglob("*.json"))  # nothing kept as unsaved work
        assert store.load(noah.id, "case").body == before
    finally:
        page.close()
        server.process.terminate()
        try:
            server.process.wait(10)
        except subprocess.TimeoutExpired:
            server.process.kill()
