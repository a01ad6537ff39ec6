"""Never lose a word, in a real browser (issue 12, items 1–3): a page link clicked while a
field is still being left, a paste longer than the limit, and a reload with unsaved work."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, expect

from plans.demo import DEMO_STAFF, demo_email, write_demo
from plans.documents.case import CaseBody
from plans.i18n import t
from plans.store.drafts import drafts_for
from plans.store.files import FileStore
from tests.e2e.helpers import VIEWPORT, App

REASONS = t("plan.reasons", "sv")


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(30_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def _case_with_plan(store: FileStore) -> tuple[str, str]:
    """A demo case with a plan, and the username of its named person."""
    write_demo(store, 5)
    users = {demo_email(name): username for username, name, _org in DEMO_STAFF}
    for case in store.list_cases():
        body = store.load(case.id, "case").body_as(CaseBody)
        email = body.named_person.email if body.named_person else ""
        if store.latest_or_none(case.id, "plan") and email in users:
            return case.id, users[email]
    raise LookupError("no demo case with a plan")


def _open_plan(page: Page, url: str, store: FileStore) -> tuple[App, str, str]:
    case_id, user = _case_with_plan(store)
    app = App(page, url, user=user)
    app.open(f"case?case={case_id}")
    app.step("plan")
    return app, case_id, user


def _kept_reasons(store: FileStore, user: str) -> list[str]:
    return [str(d.body.get("reasons")) for d in drafts_for(store).of_person(user)]


def test_a_page_link_clicked_while_leaving_a_field_goes_there_and_keeps_the_text(
    page: Page, app_server: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    app, _case_id, user = _open_plan(page, app_server.url, store)
    field = app.textbox(REASONS)
    typed = " Sofia vill ha en lugn morgon."
    field.click()
    field.press("End")
    page.keyboard.type(typed)
    # No Tab: the click itself leaves the field, as a person does.
    page.locator('[data-testid="stSidebarNavLink"]').filter(
        has=page.get_by_text(t("nav.start", "sv"), exact=True)
    ).click()
    # The text goes first (a run of the case page), then the page the person asked for.
    expect(page).to_have_url(re.compile(r"/$"), timeout=30_000)
    expect(app.heading(t("start.title", "sv"))).to_be_visible(timeout=30_000)
    app.settle()
    expect(app.heading(t("step.plan", "sv"))).to_have_count(0)
    expect(page.get_by_text(t("sidebar.unsaved", "sv", count=1))).to_be_visible()
    [kept] = _kept_reasons(store, user)
    assert kept.endswith(typed)
    page.screenshot(path=str(artifacts / "never-lose-link-click.png"), full_page=True)
    # Back to the case: the plan, on its step, with the text.
    app.act(lambda: page.go_back())
    expect(page).to_have_url(re.compile(r"/case\?case="), timeout=30_000)
    expect(app.textbox(REASONS)).to_have_value(kept)


def test_a_paste_over_the_limit_is_kept_and_said(
    page: Page, app_server: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    app, _case_id, user = _open_plan(page, app_server.url, store)
    pasted = "Sofia behöver stöd i vardagen. " * 150  # 4,650 characters
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    field = app.textbox(REASONS)
    field.click()
    page.keyboard.press("ControlOrMeta+a")

    def paste_and_leave() -> None:
        page.keyboard.press("ControlOrMeta+v")
        field.press("Tab")

    app.act(paste_and_leave)
    expect(field).to_have_value(pasted)
    message = t("unsaved.too_long", "sv", length="4\u00a0650", limit="4\u00a0000", over="650")
    expect(app.main().get_by_text(message)).to_be_visible()
    assert _kept_reasons(store, user) == [pasted]
    page.screenshot(path=str(artifacts / "never-lose-long-paste.png"), full_page=True)


def test_a_reload_warns_first_and_brings_the_work_back(
    page: Page, app_server: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    app, _case_id, user = _open_plan(page, app_server.url, store)
    dialogs: list[str] = []

    def answer(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    field = app.textbox(REASONS)
    saved = field.input_value()
    # Typed but not yet left: the server has not got it, yet the browser must ask.
    field.click()
    field.press("End")
    page.keyboard.type(" Inte lämnat fältet.")
    page.reload()
    assert dialogs == ["beforeunload"]
    app.open(page.url.removeprefix(app.base_url + "/"))
    app.step("plan")
    # Typed and left: kept on the server as well.
    typed = saved + " Sofia sover bättre nu."
    app.type(REASONS, typed)
    assert _kept_reasons(store, user) == [typed]
    page.reload()
    assert dialogs == ["beforeunload", "beforeunload"]
    app.open(page.url.removeprefix(app.base_url + "/"))
    app.text_visible(re.compile("^Osparade ändringar från .* är återställda"))
    app.step("plan")
    expect(app.textbox(REASONS)).to_have_value(typed)
    page.screenshot(path=str(artifacts / "never-lose-reload.png"), full_page=True)
    app.button(t("unsaved.discard", "sv"))
    expect(app.textbox(REASONS)).to_have_value(saved)
    assert _kept_reasons(store, user) == []
    # Nothing unsaved any more: a reload goes without asking.
    page.reload()
    assert dialogs == ["beforeunload", "beforeunload"]
