"""Who may see what, in the real browser (issue 10): two professionals each see exactly
their cases, a pasted link to someone else's case says so and is audited, and the family
screen reaches nothing but the family's own plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from plans.audit import AuditAction
from plans.demo import write_demo
from plans.i18n import t
from plans.store.files import FileStore
from tests.e2e.conftest import E2E_PASSWORD
from tests.e2e.helpers import App


def _ids(store: FileStore) -> dict[str, str]:
    return {c.display_name.split()[0]: c.id for c in store.list_cases() if c.display_name}


def test_each_professional_sees_only_their_cases_and_a_pasted_link_is_refused(
    app_server: Any, browser: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    write_demo(store, 5)
    ids = _ids(store)
    for user, mine, others in (
        ("lena", ["Milo Andersson", "Sofia Nilsson"], ["Noah Lundqvist", "Elin Sund"]),
        ("jonas", ["Noah Lundqvist"], ["Milo Andersson", "Sofia Nilsson", "Elin Sund"]),
    ):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        app = App(page, app_server.url, user=user)
        try:
            app.open()
            table = app.main().locator('[data-testid="stDataFrame"]')
            for name in mine:
                expect(table).to_contain_text(name)
            for name in others:
                expect(table).not_to_contain_text(name)
            app.shot(artifacts, f"access-start-{user}")
        finally:
            context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    app = App(page, app_server.url, user="lena")
    try:
        app.open(f"case?case={ids['Noah']}")
        app.text_visible(t("auth.no_access", "sv"))
        expect(app.main()).not_to_contain_text("Noah Lundqvist")
        app.shot(artifacts, "access-denied")
    finally:
        context.close()
    denied = [
        e
        for e in store.audit_log().entries(case_id=ids["Noah"], actor="lena")
        if e.action == AuditAction.ACCESS_DENIED
    ]
    assert denied, "the refused deep link is in the audit log"


def test_wrong_password_says_so_and_keeps_the_sign_in_page(app_server: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    app = App(page, app_server.url, user="lena")
    try:
        before = app.finished_runs
        page.goto(app_server.url)
        app._wait_for_run_end(before, 30_000)
        app.settle()
        app.sign_in(password="not the right one")
        app.text_visible(t("auth.wrong", "sv"))
        expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
    finally:
        context.close()


def test_the_family_screen_reaches_nothing_but_the_familys_plan(
    app_server: Any, browser: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    write_demo(store, 5)
    ids = _ids(store)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    app = App(page, app_server.url, user="jonas")
    try:
        app.open(f"meeting?case={ids['Noah']}")
        expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
        app.act(lambda: page.get_by_role("button", name=t("family_screen.open", "sv")).click())
        expect(app.heading("Noahs plan")).to_be_visible()
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        expect(page.get_by_text(t("family_screen.locked_note", "sv"))).to_be_visible()
        # No staff notices, no downloads on the family screen.
        expect(
            page.get_by_role(
                "button",
                name=t("meeting.download", "sv", audience=t("meeting.audience_family", "sv")),
            )
        ).to_have_count(0)
        app.shot(artifacts, "family-screen")

        leave = page.get_by_role("button", name=t("family_screen.leave", "sv"))
        app.act(lambda: leave.click())
        form = page.locator('[data-testid="stForm"]')
        unlock = form.get_by_role("button", name=t("family_screen.leave_submit", "sv"))
        form.locator('input[type="password"]').fill("a guess from the family")
        app.act(lambda: unlock.click())
        app.text_visible(t("family_screen.leave_wrong", "sv"))
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        form.locator('input[type="password"]').fill(E2E_PASSWORD)
        app.act(lambda: unlock.click())
        expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()

        # Locked again, typing another address (a new page load) reaches only the sign-in.
        app.act(lambda: page.get_by_role("button", name=t("family_screen.open", "sv")).click())
        for path in (f"case?case={ids['Milo']}", ""):
            before = app.finished_runs
            page.goto(f"{app_server.url}/{path}")
            app._wait_for_run_end(before, 30_000)
            app.settle()
            expect(app.heading(t("auth.title", "sv"))).to_be_visible()
            expect(app.main()).not_to_contain_text("Milo")
            expect(app.main()).not_to_contain_text("Noah")
    finally:
        context.close()
