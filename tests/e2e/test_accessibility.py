"""axe-core in the browser (issue 12 item 13, part): the start page, a case step and the
meeting view, in Swedish, checked against the WCAG 2.1 A/AA rules. ``axe-playwright-python``
bundles axe-core, so nothing is fetched at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

from plans.demo import write_demo
from plans.store.files import FileStore
from tests.e2e.helpers import App

WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FIXED = ["color-contrast", "html-has-lang", "html-lang-valid", "valid-lang"]
"""The rules this branch fixed and keeps fixed (the others: see the report in the log)."""


def _violations(app: App) -> list[dict[str, Any]]:
    app.settle()
    options = {"runOnly": {"type": "tag", "values": WCAG_21_A_AA}, "resultTypes": ["violations"]}
    return list(Axe().run(app.page, options=options).response["violations"])


def _summary(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']}: {n['target']} {n.get('failureSummary', '')[:160]}"
        for v in violations
        for n in v["nodes"]
    ]


def test_axe_on_start_case_step_and_meeting_view(
    app_server: Any, browser: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    write_demo(store, 5)
    noah = next(c.id for c in store.list_cases() if c.display_name.startswith("Noah"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    app = App(page, app_server.url, user="jonas")
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        app.open()
        found["start"] = _violations(app)
        app.open(f"case?case={noah}")
        found["case"] = _violations(app)
        app.open(f"meeting?case={noah}")
        found["meeting"] = _violations(app)
    finally:
        context.close()
    report = {page_name: _summary(v) for page_name, v in found.items()}
    print(report)
    broken = {
        page_name: [line for line in lines if line.split(":")[0] in FIXED]
        for page_name, lines in report.items()
    }
    assert broken == {"start": [], "case": [], "meeting": []}, broken
