"""A handover in a real browser: BVC hands Milo over to the preschool in a few clicks, the
new named person gets the summary PDF, and the start page shows who holds the case now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from pypdf import PdfReader

from plans.demo import write_demo
from plans.documents.case import CaseBody
from plans.i18n import t
from plans.store.files import FileStore
from tests.e2e.helpers import App


def test_hand_over_and_download_the_summary(app_server: Any, browser: Any, artifacts: Path) -> None:
    store = FileStore(app_server.data_dir)
    write_demo(store, 5)
    milo = next(c.id for c in store.list_cases() if c.display_name.startswith("Milo"))
    before = {d.doc_id for d in store.documents(milo)}
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    app = App(page, app_server.url)
    try:
        app.open(f"case?case={milo}")
        app.step("case_admin")
        app.text_visible(t("handover.title", "sv"))
        app.type(t("handover.to_name", "sv"), "Karin Åberg", rerun=False)
        app.select(t("handover.to_organisation", "sv"), "Förskolan", rerun=False)
        app.button(t("handover.button", "sv"))
        app.text_visible(t("handover.done", "sv", name="Karin Åberg"))
        page.screenshot(path=str(artifacts / "handover.png"), full_page=True)
        label = t("handover.download", "sv", name="Karin Åberg")
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=label).click()
        pdf = artifacts / "handover-summary.pdf"
        download.value.save_as(pdf)
        # the case's header names who holds it now
        expect(
            page.get_by_text(t("case.named_person_is", "sv", name="Karin Åberg"))
        ).to_be_visible()
    finally:
        context.close()

    case = store.load(milo, "case").body_as(CaseBody)
    assert case.named_person is not None and case.named_person.name == "Karin Åberg"
    assert {d.doc_id for d in store.documents(milo)} == before
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Överlämning: Milo" in text
    assert "till Karin Åberg, Förskolan" in text
    assert "Fråga familjen igen om samtycke" in text
